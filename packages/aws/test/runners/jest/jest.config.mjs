/**
 * The README's jest setup, run as written by `../jest.test.ts`: ESM TypeScript through `@swc/jest`, with
 * `probity-aws` resolved to its source through the `probity-source` export condition.
 */
/** @type {import("jest").Config} */
export default {
  rootDir: ".",
  testMatch: ["<rootDir>/**/*.jest.ts"],
  globalSetup: "<rootDir>/global-setup.mjs",
  globalTeardown: "<rootDir>/global-teardown.mjs",
  setupFilesAfterEnv: ["<rootDir>/matchers.ts"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  testEnvironmentOptions: { customExportConditions: ["probity-source", "node", "node-addons"] },
};
