/**
 * @module bench/customers/run
 * Wall time of the worked example's whole test suite — its own `npm test` (`vitest run` in
 * `examples/customers`, started through vitest's own bin as an npm script does — `npx` alone adds ~0.4 s
 * of npm start-up), backend and both service processes started included — on the embedded emulator and on
 * moto, and on embedded from the monorepo's root (`--project customers`), in one run. Each runs
 * `PROBITY_BENCH_RUNS` times (default 3), in turn, and the median is reported with the test counts, so a
 * run that skipped its integration tests cannot pass for a fast one.
 *
 * Run: `npm run bench -- customers`
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { defaultCacheDir } from "../../examples/customers/test/support/build-services.js";
import { DEFAULT_TIME_SCALE, EXAMPLE_ROOT_PATH } from "../../examples/customers/test/support/paths.js";
import { fmt, machine, median, table, writeSection } from "../lib/report.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNS = Number(process.env.PROBITY_BENCH_RUNS ?? 3);
const TARGET_MS = 3_000;
const VITEST_BIN = join(ROOT, "node_modules", "vitest", "vitest.mjs");

/** One way to run the suite: the example's own `npm test`, or the monorepo root's `--project customers`. */
interface Variant {
  label: string;
  backend: "embedded" | "moto";
  cwd: string;
  args: string[];
}

const OWN: Variant = { label: "embedded", backend: "embedded", cwd: EXAMPLE_ROOT_PATH, args: ["run"] };
const MOTO: Variant = { label: "moto", backend: "moto", cwd: EXAMPLE_ROOT_PATH, args: ["run"] };
const FROM_ROOT: Variant = {
  label: "embedded, from the monorepo root",
  backend: "embedded",
  cwd: ROOT,
  args: ["run", "--project", "customers"],
};
const VARIANTS: readonly Variant[] = [OWN, MOTO, FROM_ROOT];

interface Sample {
  wallMs: number;
  passed: number;
  skipped: number;
  failed: number;
}

interface JsonReport {
  numPassedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTests: number;
}

function runSuite(variant: Variant, reportFile: string): Promise<Sample> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [VITEST_BIN, ...variant.args, "--reporter=json", `--outputFile=${reportFile}`],
    {
      cwd: variant.cwd,
      env: { ...process.env, PROBITY_BACKEND: variant.backend },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-8_192);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const wallMs = performance.now() - started;
      try {
        const report = JSON.parse(readFileSync(reportFile, "utf8")) as JsonReport;
        resolve({
          wallMs,
          passed: report.numPassedTests,
          skipped: report.numPendingTests + report.numTodoTests,
          failed: report.numFailedTests,
        });
      } catch (error) {
        reject(new Error(`vitest (${variant.label}) exited ${code} without a report:\n${stderr}`, { cause: error }));
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "probity-bench-customers-"));
const samples = new Map<Variant, Sample[]>(VARIANTS.map((variant) => [variant, []]));
let cold: Sample | undefined;
try {
  // One run first without the bundles (services, backends): it builds them (kept until a source changes),
  // as a developer's first run does. Its time is reported apart, not in the medians.
  rmSync(defaultCacheDir(EXAMPLE_ROOT_PATH), { recursive: true, force: true });
  cold = await runSuite(OWN, join(dir, "cold.json"));
  console.log(`embedded cold run (builds the services' and the backends' bundles): ${fmt(cold.wallMs / 1000)} s`);
  for (let run = 0; run < RUNS; run++) {
    for (const [index, variant] of VARIANTS.entries()) {
      const sample = await runSuite(variant, join(dir, `${index}-${run}.json`));
      samples.get(variant)?.push(sample);
      console.log(
        `${variant.label} run ${run + 1}/${RUNS}: ${fmt(sample.wallMs / 1000)} s, ${sample.passed} passed, ${sample.skipped} skipped, ${sample.failed} failed`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const walls = (variant: Variant): number[] => (samples.get(variant) ?? []).map((sample) => sample.wallMs);
const rows = VARIANTS.map((variant) => {
  const runs = samples.get(variant) ?? [];
  const seconds = walls(variant).map((ms) => ms / 1000);
  const last = runs.at(-1);
  return [
    variant.label,
    fmt(median(seconds)),
    fmt(Math.min(...seconds)),
    fmt(Math.max(...seconds)),
    `${last?.passed ?? 0} / ${last?.skipped ?? 0} / ${last?.failed ?? 0}`,
  ];
});
const embeddedMedian = median(walls(OWN));
const rootMedian = median(walls(FROM_ROOT));
const motoMedian = median(walls(MOTO));
const all = [...samples.values()].flat();
const embeddedRuns = VARIANTS.filter((variant) => variant.backend === "embedded").flatMap(
  (variant) => samples.get(variant) ?? [],
);
const mostSkippedOnEmbedded = Math.max(...embeddedRuns.map((sample) => sample.skipped));
const leastSkippedOnMoto = Math.min(...(samples.get(MOTO) ?? []).map((sample) => sample.skipped));
// moto skips one test by design (its conditional writes race); embedded must run at least as many, and
// every embedded run the same tests.
const embeddedPassed = new Set(embeddedRuns.map((sample) => sample.passed));
const comparable =
  all.every((sample) => sample.failed === 0 && sample.passed > 0) &&
  embeddedPassed.size === 1 &&
  mostSkippedOnEmbedded <= leastSkippedOnMoto;
const verdict = !comparable
  ? "not comparable: a run failed or ran no tests, embedded runs ran different tests, or embedded skipped tests that moto ran"
  : embeddedMedian <= TARGET_MS
    ? `meets the ≤ ${TARGET_MS / 1000} s target`
    : `misses the ≤ ${TARGET_MS / 1000} s target by ${fmt((embeddedMedian - TARGET_MS) / 1000)} s`;
const [load1, load5] = loadavg();

const markdown = `## Worked example: the customers suite, embedded vs moto

\`npm run bench -- customers\`: wall time of the example's own \`npm test\` (\`vitest run\` in
\`examples/customers\`, through vitest's bin as an npm script runs it; \`npx\` would add ~0.4 s of its own) —
vitest start-up, the backend, both service processes, every test file of the suite (the services' unit and
integration tests; the harness's own tests are the \`customers-support\` project) and teardown — and of the
same suite from the monorepo's root (\`vitest run --project customers\`, which also loads the other
packages' project configs), ${RUNS} run(s) each, in turn. Same tests, same app settings (the seed's 1
receive and 3 s visibility timeout); the embedded emulator runs its clock ${DEFAULT_TIME_SCALE}× faster
(\`timeScale\`), moto runs in real time.

${machine()}; load average ${fmt(load1, 1)} (1 min), ${fmt(load5, 1)} (5 min) when it finished.

${table(["run", "median s", "min s", "max s", "tests passed / skipped / failed (last run)"], rows)}

Embedded is ${fmt(motoMedian / embeddedMedian, 1)}× faster than moto; its median ${verdict} (from the
monorepo's root: ${fmt(rootMedian / 1000)} s). Before the measured runs, one embedded run without the cached
bundles (it builds the services' and the backends') took ${fmt((cold?.wallMs ?? Number.NaN) / 1000)} s.
`;
writeSection("customers", markdown);
console.log(markdown);
