// Peer: @foxglove/ulog 2.3.2. Opens the file (definitions, index) and iterates every data and log message.
import { ULog } from '@foxglove/ulog';
import { FileReader } from '@foxglove/ulog/dist/node/index.js';

const ulog = new ULog(new FileReader(process.argv[2]));
await ulog.open();
let messages = 0;
for await (const _ of ulog.readMessages()) {
  messages++;
}
console.log(JSON.stringify({ messages }));
