import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import * as backendsEntry from "./index.js";

const ENTRY = fileURLToPath(new URL("./index.ts", import.meta.url));

/** Every module the entry loads when imported (static imports, followed; dynamic imports are not loaded). */
async function staticImports(): Promise<{ packages: string[]; files: string[] }> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  const metafile: Metafile = result.metafile;
  const packages = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.external && imported.kind === "import-statement") packages.add(imported.path);
    }
  }
  return { packages: [...packages].sort(), files: Object.keys(metafile.inputs) };
}

describe("probity-aws/backends", () => {
  it("loads neither the AWS SDK nor the test client when imported", async () => {
    const { packages, files } = await staticImports();
    expect(packages.filter((name) => name.startsWith("@aws-sdk/"))).toEqual([]);
    expect(files.filter((file) => file.includes("/client/"))).toEqual([]);
    // What it does load (a new dependency here is a conscious choice):
    expect(packages.filter((name) => !name.startsWith("node:"))).toEqual([
      "eventsource-parser",
      "probity",
      "probity-aws-emulator/moto",
      "probity-aws-emulator/reserve",
    ]);
  });

  it("exports the backends, their descriptor functions and BackendUnavailableError", () => {
    expect(Object.keys(backendsEntry).sort()).toEqual([
      "BACKEND_NAMES",
      "BackendUnavailableError",
      "DEFAULT_EMBEDDED_BACKEND_OPTIONS",
      "DEFAULT_LOCALSTACK_BACKEND_OPTIONS",
      "DEFAULT_MOTO_BACKEND_OPTIONS",
      "aws",
      "backends",
      "describeForWorkers",
      "embedded",
      "fromDescriptor",
      "fromEnv",
      "localstack",
      "moto",
      "motoSkipReason",
      "remote",
      "reserveEndpoint",
    ]);
  });
});
