#!/usr/bin/env node
// `npm run bench`: runs every benchmark under bench/*/ (each a `run.ts`), in one process per suite,
// then rewrites docs/benchmarks.md from their results.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const only = process.argv.slice(2);
const suites = readdirSync(`${root}bench`, { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && !entry.name.startsWith(".") && existsSync(`${root}bench/${entry.name}/run.ts`),
  )
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name));
if (suites.length === 0) {
  console.error("bench: no benchmark suites found under bench/*/run.ts");
  process.exit(1);
}
for (const suite of suites) {
  console.log(`\n# bench/${suite}`);
  const result = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", "--conditions=probity-source", `${root}bench/${suite}/run.ts`],
    { stdio: "inherit", cwd: root },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
