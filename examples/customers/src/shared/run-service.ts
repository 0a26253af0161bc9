/**
 * @module shared/run-service
 * Runs an app as a process, the way a container entrypoint would: start it, listen, print one readiness
 * line with the real URL, and shut down gracefully on SIGTERM/SIGINT (stop taking requests and messages,
 * finish what is in flight, exit 0).
 */
import { serveHttp } from "./serve-http.js";

/** The part of an app that {@link runService} drives. */
export interface RunnableApp {
  fetch: (request: Request) => Response | Promise<Response>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The readiness line's prefix; test harnesses wait for `listening on <url>` on stdout. */
export const READINESS_PREFIX = "listening on";

/**
 * Starts `app`, serves it and wires signals.
 *
 * @param options.name - Printed before the readiness line: `<name> listening on http://127.0.0.1:<port>`.
 * @param options.port - @default 0 (a free port; the line shows the real one)
 * @param options.hostname - @default "127.0.0.1"
 * @example
 * ```ts
 * await runService(createOrderApp(readOrderConfig(process.env)), { name: "orders", port: 8081 });
 * ```
 */
export async function runService(
  app: RunnableApp,
  options: { name: string; port?: number; hostname?: string },
): Promise<void> {
  await app.start();
  const server = await serveHttp(app.fetch, {
    port: options.port ?? 0,
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`${options.name}: ${signal} received, shutting down`);
    Promise.all([server.close(), app.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${options.name}: shutdown failed`, error);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  console.log(`${options.name} ${READINESS_PREFIX} ${server.url}`);
}
