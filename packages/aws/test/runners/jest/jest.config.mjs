/**
 * The README's jest setup (ESM TypeScript test files through `@swc/jest`), as a user of the published
 * package writes it. `../jest.test.ts` runs it through `jest.repo.config.mjs`, which adds this repository's
 * `probity-source` condition (probity-aws from its TypeScript sources, no build).
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
  testEnvironmentOptions: { customExportConditions: ["node", "node-addons"] },
};
