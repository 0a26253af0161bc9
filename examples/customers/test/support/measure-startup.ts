/**
 * @module test/support/measure-startup
 * Measures how long each service takes from spawn to its readiness line, and `createCustomerApp().start()`
 * in-process, against a fresh moto (or `PROBITY_AWS_ENDPOINT`). Not a test: a measurement.
 *
 * Run: `node --import tsx --conditions=probity-source test/support/measure-startup.ts [runs]`
 */
import { performance } from "node:perf_hooks";
import { createCustomerApp } from "../../src/customers/customer-app.js";
import { startMoto } from "./moto.js";
import { AUTOTEST_ENV_VALUES, ENTRY_PATHS, EXAMPLE_ROOT_PATH } from "./paths.js";
import { startService } from "./start-service.js";
import { testAwsConfig, testAwsEnv } from "./test-bus.js";

const runs = Number(process.argv[2] ?? 5);
const given = process.env.PROBITY_AWS_ENDPOINT;
const moto = given ? undefined : await startMoto();
const endpoint = given ?? moto?.endpoint ?? "";
const env = { ...testAwsEnv(endpoint), ...AUTOTEST_ENV_VALUES };

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `${name}: median ${median.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (${samples.length} runs)`;
}

try {
  for (const [name, entry] of Object.entries(ENTRY_PATHS)) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const service = await startService(entry, env, { cwd: EXAMPLE_ROOT_PATH });
      samples.push(performance.now() - started);
      await service.stop();
    }
    console.log(summary(`${name} process spawn -> ready`, samples));
  }
  const inProcess: number[] = [];
  for (let i = 0; i < runs; i++) {
    const app = createCustomerApp({ aws: testAwsConfig(endpoint), tableName: "autotest-customers", ensureTable: true });
    const started = performance.now();
    await app.start();
    inProcess.push(performance.now() - started);
    await app.stop();
  }
  console.log(summary("customers in-process start()", inProcess));
} finally {
  await moto?.stop();
}
