/**
 * `jest.config.mjs` (the README's) in this repository: probity-aws resolved to its TypeScript sources
 * through the `probity-source` export condition, so no build is needed (`../jest.test.ts` runs this).
 */
import readme from "./jest.config.mjs";

/** @type {import("jest").Config} */
export default {
  ...readme,
  testEnvironmentOptions: { customExportConditions: ["probity-source", "node", "node-addons"] },
};
