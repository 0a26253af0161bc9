#!/usr/bin/env node
// `npm start`: runs the embedded AWS emulator (probity-aws CLI) on port 4566 with the customers example topology.
// Extra flags pass through: `npm start -- --verbose --time-scale 100`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = `${root}packages/aws-emulator/src/cli.ts`;
if (!existsSync(cli)) {
  console.error("probity: the embedded AWS emulator is not built yet (packages/aws-emulator/src/cli.ts is missing)");
  process.exit(1);
}
// The customers example's topics, queues (with DLQ) and subscriptions, unless the caller names its own file.
const extra = process.argv.slice(2);
const init = extra.some((arg) => arg === "--init" || arg.startsWith("--init="))
  ? []
  : ["--init", `${root}examples/customers/topology.json`];
const args = ["--import", "tsx", "--conditions=probity-source", cli, "--port", "4566", ...init, ...extra];
const child = spawn(process.execPath, args, { stdio: "inherit", cwd: root });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
