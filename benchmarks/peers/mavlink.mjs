// Peer: node-mavlink 2.3.0. Splits a tlog with its tlog splitter (a raw capture with the plain splitter),
// checks CRCs with its own table, parses every packet and deserialises every known payload.
import { createReadStream } from 'node:fs';
import { MavLinkPacketSplitter, MavLinkTLogPacketSplitter, MavLinkPacketParser, minimal, common, ardupilotmega } from 'node-mavlink';

const registry = { ...minimal.REGISTRY, ...common.REGISTRY, ...ardupilotmega.REGISTRY };
const file = process.argv[2];
const splitter = file.endsWith('.tlog') ? new MavLinkTLogPacketSplitter() : new MavLinkPacketSplitter();
let packets = 0, decoded = 0;
const stream = createReadStream(file).pipe(splitter).pipe(new MavLinkPacketParser());
stream.on('data', (packet) => {
  packets++;
  const clazz = registry[packet.header.msgid];
  if (clazz) {
    packet.protocol.data(packet.payload, clazz);
    decoded++;
  }
});
stream.on('end', () => console.log(JSON.stringify({ packets, decoded, crcFailures: splitter.invalidPackages })));
