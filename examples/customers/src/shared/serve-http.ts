/**
 * @module shared/serve-http
 * Binds a fetch-style handler to a Node socket: the one thin file between the apps and `node:http`.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/** A listening HTTP server. */
export interface HttpServer {
  /** Base URL with the real port, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Stops accepting connections and resolves once open requests have finished. */
  close(): Promise<void>;
}

/**
 * Serves `fetch` on `hostname:port`; port 0 picks a free port.
 *
 * @param options.port - @default 0
 * @param options.hostname - @default "127.0.0.1"
 * @example
 * ```ts
 * const server = await serveHttp(app.fetch, { port: 0 });
 * console.log(server.url);
 * ```
 */
export function serveHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port?: number; hostname?: string } = {},
): Promise<HttpServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port ?? 0, hostname }, (info: AddressInfo) => {
      server.off("error", reject);
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
