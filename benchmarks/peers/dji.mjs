// Peer: dji-log-parser-js 0.5.7 (the Rust dji-log-parser compiled to WebAssembly). Parses the prefix and
// details, then every record into frames. Versions 13+ need keychains from DJI's servers and are not run.
import { readFileSync } from 'node:fs';
import { DJILog } from 'dji-log-parser-js';

const log = new DJILog(new Uint8Array(readFileSync(process.argv[2])));
const frames = log.frames();
console.log(JSON.stringify({ version: log.version, frames: frames.length }));
