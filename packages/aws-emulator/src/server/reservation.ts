/**
 * @module server/reservation
 * Reserves the emulator's endpoint before the emulator is loaded: the port is bound and listening at
 * once, and the connections it accepts wait (paused, nothing read, nothing lost) until an emulator takes
 * the reservation over and answers them. So a test run can start the processes under test with the
 * endpoint in their environment while the emulator is still loading — their first requests are answered
 * when it is up, instead of failing with `ECONNREFUSED`.
 *
 * This module imports only `node:net`: reserving costs about a millisecond.
 */
import type { Server as HttpServer } from "node:http";
import { type AddressInfo, createServer, type Socket } from "node:net";

/** A bound port whose connections wait for an emulator (see {@link reserveEndpoint}). */
export interface EndpointReservation {
  /** The bound interface. */
  readonly host: string;
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  /** `http://host:port`: what the processes under test are given. */
  readonly endpoint: string;
  /** Connections accepted and waiting for the emulator (one whose client gave up still counts: a paused socket does not see its end). */
  readonly waiting: number;
  /** True once an emulator took the reservation over, or it was released. */
  readonly settled: boolean;
  /**
   * Hands the waiting connections, and every later one, to `server` (which must not listen itself). Once.
   * @throws Error when the reservation was already taken over or released.
   */
  takeOver(server: HttpServer): void;
  /**
   * Stops listening and closes every connection it accepted, handed over or not (clients still waiting
   * see the connection reset). The emulator that took the reservation over calls it when it stops.
   * Idempotent.
   */
  release(): Promise<void>;
}

/** Options of {@link reserveEndpoint}. */
export interface ReserveEndpointOptions {
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
}

/**
 * Binds a port for an emulator that is not loaded yet. Pass the reservation to `startAwsEmulator({
 * reservation })` (or probity-aws's `backends.embedded({ reservation })`) to answer the connections.
 *
 * @throws the listen error (`EADDRINUSE`, …).
 * @example
 * ```ts
 * const reservation = await reserveEndpoint();
 * spawn("node", ["service.js"], { env: { ...process.env, AWS_ENDPOINT_URL: reservation.endpoint } });
 * const aws = await startAwsEmulator({ reservation }); // the service's first requests are answered now
 * ```
 */
export async function reserveEndpoint(options: ReserveEndpointOptions = {}): Promise<EndpointReservation> {
  const host = options.host ?? "127.0.0.1";
  const held = new Set<Socket>();
  let target: HttpServer | undefined;
  let settled = false;
  const hand = (socket: Socket, to: HttpServer): void => {
    to.emit("connection", socket);
    socket.resume();
  };
  // pauseOnConnect: nothing is read from a waiting connection, so its request stays whole in the socket.
  // Every connection this port accepted, handed over or not: the HTTP server does not track connections
  // it did not accept itself, so release() closes them.
  const open = new Set<Socket>();
  const listener = createServer({ pauseOnConnect: true }, (socket) => {
    open.add(socket);
    socket.once("close", () => {
      open.delete(socket);
      held.delete(socket);
    });
    if (target !== undefined) {
      hand(socket, target);
      return;
    }
    held.add(socket);
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(options.port ?? 0, host, () => {
      listener.off("error", reject);
      resolve();
    });
  });
  const { port } = listener.address() as AddressInfo;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  let released: Promise<void> | undefined;
  return {
    host,
    port,
    endpoint: `http://${hostForUrl}:${port}`,
    get waiting() {
      return held.size;
    },
    get settled() {
      return settled;
    },
    takeOver(server) {
      if (settled) throw new Error(`the reservation of ${hostForUrl}:${port} was already taken over or released`);
      settled = true;
      target = server;
      // An http.Server starts enforcing its headers and request timeouts when it hears "listening"; this
      // one never listens (the reservation does), so it is told.
      server.emit("listening");
      for (const socket of held) {
        socket.removeAllListeners("error");
        hand(socket, server);
      }
      held.clear();
    },
    release() {
      settled = true;
      released ??= new Promise<void>((resolve) => {
        listener.close(() => resolve());
        for (const socket of open) socket.destroy();
        held.clear();
      });
      return released;
    },
  };
}
