/**
 * @module test/python
 * Runs small Python scripts as test oracles (fixtures produced by the reference algorithm), so the
 * tests compare against real `json.dumps`/`zlib` output instead of hand-written expectations.
 */
import { execFileSync, spawnSync } from "node:child_process";

/** Why Python-backed tests are skipped, or `undefined` when `python3` runs. */
export const pythonSkipReason: string | undefined = (() => {
  const probe = spawnSync("python3", ["-c", "import json, zlib, base64"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : "python3 (with json, zlib, base64) is not available on this machine";
})();

/**
 * Runs `script` with `input` on stdin and returns stdout. The script reads `sys.stdin` and writes
 * `sys.stdout`; both are UTF-8.
 */
export function runPython(script: string, input = ""): string {
  return execFileSync("python3", ["-c", script], {
    input,
    encoding: "utf8",
    env: { ...process.env, PYTHONIOENCODING: "utf-8" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * tomodachi's `JsonBase.build_message` (tomodachi/envelope/json_base.py) with the uuid4 and
 * `time.time()` pinned. Input on stdin: one JSON line per message, `{"service": {"name", "uuid"} | null,
 * "topic", "uuid4", "timestamp": "<float repr>", "data_json": "<JSON text of data>"}`. Output: one JSON
 * array of the built bodies.
 */
export const TOMODACHI_BUILD_SCRIPT = `
import base64, json, sys, zlib

class Service:
    pass

def build_message(service, topic, data, uuid4, timestamp):
    data_encoding = "raw"
    if len(json.dumps(data)) >= 60000:
        data = base64.b64encode(zlib.compress(json.dumps(data).encode("utf-8"))).decode("utf-8")
        data_encoding = "base64_gzip_json"
    message = {
        "service": {"name": getattr(service, "name", None), "uuid": getattr(service, "uuid", None)},
        "metadata": {
            "message_uuid": "{}.{}".format(getattr(service, "uuid", ""), uuid4),
            "protocol_version": "tomodachi-json-base--1.0.0",
            "compatible_protocol_versions": ["json_base-wip"],
            "timestamp": timestamp,
            "topic": topic,
            "data_encoding": data_encoding,
        },
        "data": data,
    }
    return json.dumps(message)

out = []
for line in sys.stdin.read().splitlines():
    spec = json.loads(line)
    service = {}
    if spec["service"] is not None:
        service = Service()
        service.name = spec["service"]["name"]
        service.uuid = spec["service"]["uuid"]
    data = json.loads(spec["data_json"])
    out.append(build_message(service, spec["topic"], data, spec["uuid4"], float(spec["timestamp"])))
sys.stdout.write(json.dumps(out))
`;
