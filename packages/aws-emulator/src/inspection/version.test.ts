import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { emulatorVersion } from "./version.js";

const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REPO_ROOT = join(PACKAGE_ROOT, "..", "..");
const packageVersion = async (): Promise<string> =>
  (JSON.parse(await readFile(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;

const dirs: string[] = [];

/** `version.ts` bundled alone into `dir`, imported from there: what a bundle of the emulator runs. */
async function bundledVersion(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const outfile = join(dir, "version.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("./version.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "silent",
  });
  const module = (await import(pathToFileURL(outfile).href)) as { emulatorVersion: () => string };
  return module.emulatorVersion();
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("emulatorVersion", () => {
  it("reads package.json next to the sources", async () => {
    expect(emulatorVersion()).toBe(await packageVersion());
  });

  it("finds this package's version from a bundle two directories away from any package.json of its own", async () => {
    // Where the customers example keeps its bundles: node_modules/.cache/<tool>/<key>/<build>/.
    const scratch = join(REPO_ROOT, "node_modules", ".cache", `probity-version-test-${process.pid}`);
    dirs.push(scratch);
    expect(await bundledVersion(join(scratch, "key", "build"))).toBe(await packageVersion());
  });

  it("answers 0.0.0 from a bundle where the package cannot be found", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "probity-version-"));
    dirs.push(scratch);
    expect(await bundledVersion(join(scratch, "key", "build"))).toBe("0.0.0");
  });
});
