/**
 * @module test/moto-server
 * startMotoServer against the real `python3 -m moto.server`: readiness, clean stop, and the errors a
 * machine without python3/moto gets.
 */
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { isMotoAvailable, MotoServerError, motoUnavailableReason, startMotoServer } from "../src/moto-server.js";

const reason = motoUnavailableReason();
const withMoto = `${reason === undefined ? "" : ` (skipped: ${reason})`}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startMotoServer", () => {
  it.skipIf(reason !== undefined)(
    `answers SQS requests on a free loopback port when moto is installed${withMoto}`,
    async () => {
      const moto = await startMotoServer();
      try {
        expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const sqs = new SQSClient({
          endpoint: moto.endpoint,
          region: "us-east-1",
          credentials: { accessKeyId: "test", secretAccessKey: "test" },
        });
        const listed = await sqs.send(new ListQueuesCommand({}));
        expect(listed.$metadata.httpStatusCode).toBe(200);
        sqs.destroy();
      } finally {
        await moto.stop();
      }
    },
    60_000,
  );

  it.skipIf(reason !== undefined)(
    `kills the python process when disposed by await using${withMoto}`,
    async () => {
      let pid = -1;
      {
        await using moto = await startMotoServer();
        pid = moto.pid;
        expect(isAlive(pid)).toBe(true);
      }
      expect(isAlive(pid)).toBe(false);
    },
    60_000,
  );

  it.skipIf(reason !== undefined)(
    `starts two servers on different ports when run side by side${withMoto}`,
    async () => {
      const [a, b] = await Promise.all([startMotoServer(), startMotoServer()]);
      try {
        expect(a.endpoint).not.toBe(b.endpoint);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    },
    60_000,
  );

  it("rejects with ERR_MOTO_PYTHON_NOT_FOUND when the interpreter is absent", async () => {
    const error = await startMotoServer({ python: "/nonexistent/python3" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MotoServerError);
    expect(error).toMatchObject({ code: "ERR_MOTO_PYTHON_NOT_FOUND", message: expect.stringContaining("pip install") });
  });

  it.skipIf(isMotoAvailable("/usr/bin/python3") || !isAvailable("/usr/bin/python3"))(
    "rejects with ERR_MOTO_NOT_INSTALLED when the interpreter has no moto",
    async () => {
      const error = await startMotoServer({ python: "/usr/bin/python3" }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "ERR_MOTO_NOT_INSTALLED", message: expect.stringContaining("moto[server]") });
    },
  );

  it("rejects with ERR_MOTO_EXITED and the output when the process dies before it is ready", async () => {
    const error = await startMotoServer({ python: "/bin/false" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "ERR_MOTO_EXITED", message: expect.stringContaining("code 1") });
  });

  it("rejects with the abort reason when the signal is already aborted", async () => {
    const abort = new AbortController();
    abort.abort(new Error("cancelled by test"));
    await expect(startMotoServer({ signal: abort.signal })).rejects.toThrow("cancelled by test");
  });

  it.skipIf(reason !== undefined)(`rejects with the abort reason when aborted while starting${withMoto}`, async () => {
    const abort = new AbortController();
    const starting = startMotoServer({ signal: abort.signal });
    abort.abort(new Error("cancelled while starting"));
    await expect(starting).rejects.toThrow("cancelled while starting");
  });

  it.each([
    ["port", { port: -1 }],
    ["port", { port: 1.5 }],
    ["python", { python: "" }],
    ["startupTimeoutMs", { startupTimeoutMs: 0 }],
    ["stopTimeoutMs", { stopTimeoutMs: Number.NaN }],
  ])("throws a TypeError naming %s when it is invalid", async (name, options) => {
    await expect(startMotoServer(options)).rejects.toThrow(new RegExp(`option \`${name}\``));
  });
});

describe("isMotoAvailable", () => {
  it("returns false with a reason when the interpreter cannot run", () => {
    expect(isMotoAvailable("/nonexistent/python3")).toBe(false);
    expect(motoUnavailableReason("/nonexistent/python3")).toMatch(/could not be run/);
  });
});

function isAvailable(path: string): boolean {
  return motoUnavailableReason(path)?.includes("could not be run") !== true;
}
