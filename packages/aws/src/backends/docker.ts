/**
 * @module backends/docker
 * Whether a Docker engine answers, checked the way testcontainers finds one (`DOCKER_HOST`, else the
 * default sockets), so `localstack()` can say "Docker not available" instead of hanging.
 * @internal
 */
import { existsSync } from "node:fs";
import { request } from "node:http";
import { homedir } from "node:os";
import { join } from "node:path";

type DockerTarget = { socketPath: string } | { host: string; port: number };

function dockerTarget(env: NodeJS.ProcessEnv): DockerTarget | undefined {
  const host = env.DOCKER_HOST;
  if (host !== undefined && host !== "") {
    if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
    const url = new URL(host.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  const sockets = ["/var/run/docker.sock", join(homedir(), ".docker/run/docker.sock")];
  const socketPath = sockets.find((path) => existsSync(path));
  return socketPath === undefined ? undefined : { socketPath };
}

/**
 * Why no Docker engine can be used, or `undefined` when one answers `GET /_ping`.
 * @internal
 */
export function dockerUnavailableReason(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 2_000,
): Promise<string | undefined> {
  const target = dockerTarget(env);
  if (target === undefined) {
    return Promise.resolve("Docker not available: DOCKER_HOST is unset and no Docker socket was found");
  }
  const where = "socketPath" in target ? target.socketPath : `${target.host}:${target.port}`;
  return new Promise((resolve) => {
    const req = request({ ...target, path: "/_ping", method: "GET", timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(
        response.statusCode === 200 ? undefined : `Docker not available: ${where} answered ${response.statusCode}`,
      );
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve(`Docker not available: ${where} (${error.message})`));
    req.end();
  });
}
