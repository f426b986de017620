// Whole-process peer run: decode one DJI flight record with dji-log-parser-js 0.5.7 and write one CSV line
// per frame to stdout (the same work as `flightforensics decode FILE`). Offline: keychains are never fetched.
// Usage: node peer-decode.mjs <node_modules dir> <log.txt>
import { readFileSync } from "fs";
import { pathToFileURL } from "url";
import { join } from "path";

const [, , modules, input] = process.argv;
const { DJILog } = await import(pathToFileURL(join(modules, "dji-log-parser-js", "dji_log_parser_js.mjs")).href);
const log = new DJILog(readFileSync(input));
const out = [];
if (log.version >= 13) {
  // Without keys the peer can only list the keychain request; the track is not decodable offline.
  const request = log.keychainsRequest();
  out.push(`keychains,${request.keychainsArray.length}`);
} else {
  for (const f of log.frames()) {
    const o = f.osd;
    out.push([f.custom.dateTime, o.flyTime, o.latitude, o.longitude, o.height, o.xSpeed, o.ySpeed, o.zSpeed,
      o.pitch, o.roll, o.yaw, f.gimbal.pitch, f.gimbal.roll, f.gimbal.yaw, o.gpsNum, f.battery.chargeLevel].join(","));
  }
}
process.stdout.write(out.join("\n") + "\n");
