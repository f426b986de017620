// Peer: node-mavlink 2.3.0. Splits the byte stream into packets (CRC checked; tlog timestamps are skipped
// as non-packet bytes, which is how node-mavlink is used on tlogs) and deserialises every known payload.
import { createReadStream } from 'node:fs';
import { MavLinkPacketSplitter, MavLinkPacketParser, minimal, common, ardupilotmega } from 'node-mavlink';

const registry = { ...minimal.REGISTRY, ...common.REGISTRY, ...ardupilotmega.REGISTRY };
let packets = 0, decoded = 0, crcErrors = 0;
const stream = createReadStream(process.argv[2])
  .pipe(new MavLinkPacketSplitter({}, { onCrcError: () => { crcErrors++; } }))
  .pipe(new MavLinkPacketParser());
stream.on('data', (packet) => {
  packets++;
  const clazz = registry[packet.header.msgid];
  if (clazz) {
    packet.protocol.data(packet.payload, clazz);
    decoded++;
  }
});
stream.on('end', () => console.log(JSON.stringify({ packets, decoded, crcErrors })));
