#!/usr/bin/env node
// probity-aws: the built CLI (dist/cli.js) when present, else the TypeScript source through tsx.
// With `--conditions=probity-source` (the monorepo's development mode) the source always wins, so a
// stale dist/ is never run by mistake.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/cli.js", import.meta.url);
const source = new URL("../src/cli.ts", import.meta.url);

function sourceConditionActive() {
  try {
    return import.meta.resolve("probity-aws-emulator").endsWith(".ts");
  } catch {
    return false;
  }
}

if (existsSync(fileURLToPath(dist)) && !sourceConditionActive()) {
  const { runCliProcess } = await import(dist.href);
  await runCliProcess();
} else {
  let tsx;
  try {
    tsx = import.meta.resolve("tsx");
  } catch {
    process.stderr.write("probity-aws: dist/ is not built and tsx is not installed (run `npm run build`)\n");
    process.exit(1);
  }
  const child = spawn(
    process.execPath,
    ["--import", tsx, "--conditions=probity-source", fileURLToPath(source), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
}
