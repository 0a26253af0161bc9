/**
 * @module bench/sqs/serve
 * Child-process host for an in-process server, so the benchmark can read the server's own RSS from
 * /proc/<pid>/status without the load generator in the same heap. Plain JavaScript, so it also runs
 * without tsx against the built `dist/` (the way an installed package starts). Usage:
 *   node [--import tsx --conditions=probity-source] bench/sqs/serve.mjs <module specifier> <start function export>
 * Calls `await module[export]({ port: 0 })`, prints `{"endpoint":"…"}` as one line on stdout, and stops the
 * server and exits when stdin closes or on SIGTERM.
 */
const [specifier, exportName] = process.argv.slice(2);
if (specifier === undefined || exportName === undefined) {
  console.error("usage: serve.mjs <module specifier> <start function export>");
  process.exit(2);
}
const loaded = await import(specifier);
const start = loaded[exportName];
if (typeof start !== "function") {
  console.error(`${specifier} has no function export ${exportName}`);
  process.exit(2);
}
/** @type {{ endpoint: string, stop(): Promise<void> }} */
const server = await start({ port: 0 });
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.stdin.on("end", () => void shutdown());
process.stdin.resume();
process.on("SIGTERM", () => void shutdown());
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint })}\n`);
