/**
 * @module test/reliability/support/server-process
 * A tiny script that runs the emulator in its own process (its own core on a 2-core machine, so the
 * clients under test do not steal the server's CPU), prints `{"endpoint": …}` as its first stdout line and
 * stops on SIGTERM without calling `process.exit` — the process must end on its own, which proves no
 * handle is left open.
 *
 * Options come as JSON in `PROBITY_EMULATOR_OPTIONS`. Extra routes for the suite:
 * - `GET /_reliability/stats` — memory (after a full GC when started with `--expose-gc`), the active
 *   handles by type (`TCPSocketWrap` = open sockets) and the long polls waiting in every queue.
 * - `POST /_reliability/advance?ms=N` — advances the virtual clock (with `"clock": "virtual"`).
 */

import type { AwsEmulatorOptions, AwsHttpResponse } from "probity-aws-emulator";
import { startAwsEmulator, VirtualEmulatorClock } from "probity-aws-emulator";

const options = JSON.parse(process.env.PROBITY_EMULATOR_OPTIONS ?? "{}") as AwsEmulatorOptions & { clock?: string };
const virtual = options.clock === "virtual" ? new VirtualEmulatorClock() : undefined;

function json(body: unknown): AwsHttpResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

const aws = await startAwsEmulator({
  ...options,
  port: 0,
  clock: virtual ?? (options.clock as "real" | undefined),
  routes: [
    {
      name: "reliability",
      matches: (request) => request.path.startsWith("/_reliability/"),
      handle: async (request) => {
        if (request.path === "/_reliability/advance" && virtual !== undefined) {
          await virtual.advance(Number(new URLSearchParams(request.query).get("ms") ?? "0"));
          return json({ now: virtual.now() });
        }
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc !== undefined) {
          gc();
          gc();
        }
        const memory = process.memoryUsage();
        const queues = aws.sqs.queues();
        return json({
          rss: memory.rss,
          heapUsed: memory.heapUsed,
          external: memory.external,
          arrayBuffers: memory.arrayBuffers,
          handles: handleCounts(),
          waitingReceives: queues.reduce((sum, queue) => sum + queue.waitingReceives, 0),
          messages: queues.reduce((sum, queue) => sum + queue.visible + queue.inFlight + queue.delayed, 0),
        });
      },
    },
  ],
});

process.once("SIGTERM", () => {
  void aws.stop().then(() => process.stdout.write(`${JSON.stringify({ stopped: true })}\n`));
});
process.stdout.write(`${JSON.stringify({ endpoint: aws.endpoint, pid: process.pid })}\n`);
