import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildServices } from "./build-services.js";

let root: string;
const entry = () => ({ hello: join(root, "hello.ts") });
const cacheDir = () => join(root, "cache");

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "probity-build-services-"));
  await writeFile(
    join(root, "hello.ts"),
    'import { greeting } from "./greeting.js";\nconsole.log(greeting("service"));\n',
  );
  await writeFile(
    join(root, "greeting.ts"),
    'export const greeting = (name: string): string => ["hello", name].join(" ");\n',
  );
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("buildServices", () => {
  it("bundles an entry into one runnable file, and reuses it when nothing it was built from changed", async () => {
    const first = await buildServices(entry(), root, { cacheDir: cacheDir() });
    expect(first.cached).toBe(false);
    // One file: the imported module is inside, no import of it is left (the suite runs the real bundles).
    const bundle = await readFile(first.entries.hello ?? "", "utf8");
    expect(bundle).toContain('["hello", name].join(" ")');
    expect(bundle).not.toContain("./greeting");

    const second = await buildServices(entry(), root, { cacheDir: cacheDir() });
    expect(second).toEqual({ cached: true, entries: first.entries });
  });

  it("reuses the bundle when an input was touched but not changed", async () => {
    await buildServices(entry(), root, { cacheDir: cacheDir() });
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, "greeting.ts"), later, later);

    expect((await buildServices(entry(), root, { cacheDir: cacheDir() })).cached).toBe(true);
  });

  it("rebuilds when an input changed", async () => {
    await buildServices(entry(), root, { cacheDir: cacheDir() });
    await writeFile(
      join(root, "greeting.ts"),
      'export const greeting = (name: string): string => ["hi", name].join(" ");\n',
    );

    const rebuilt = await buildServices(entry(), root, { cacheDir: cacheDir() });
    expect(rebuilt.cached).toBe(false);
    expect(await readFile(rebuilt.entries.hello ?? "", "utf8")).toContain('["hi", name]');
  });

  it("keeps a run's bundle where it said when a later run builds a new one", async () => {
    // A run that started from this bundle (its services may not have loaded it yet) keeps its files.
    const earlier = await buildServices(entry(), root, { cacheDir: cacheDir() });
    await writeFile(
      join(root, "greeting.ts"),
      'export const greeting = (name: string): string => ["hi", name].join(" ");\n',
    );
    const later = await buildServices(entry(), root, { cacheDir: cacheDir() });

    expect(later.entries.hello).not.toBe(earlier.entries.hello);
    expect(await readFile(earlier.entries.hello ?? "", "utf8")).toContain('["hello", name]');
    expect(await readFile(later.entries.hello ?? "", "utf8")).toContain('["hi", name]');
  });

  it("rebuilds when the bundle the cache names is gone", async () => {
    const built = await buildServices(entry(), root, { cacheDir: cacheDir() });
    await rm(built.entries.hello ?? "");

    const rebuilt = await buildServices(entry(), root, { cacheDir: cacheDir() });
    expect(rebuilt.cached).toBe(false);
    expect(await readFile(rebuilt.entries.hello ?? "", "utf8")).toContain('["hello", name]');
  });

  it("rebuilds when the tsconfig it was built with changed", async () => {
    await writeFile(join(root, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }\n');
    await buildServices(entry(), root, { cacheDir: cacheDir() });
    await writeFile(join(root, "tsconfig.json"), '{ "compilerOptions": { "strict": false } }\n');

    expect((await buildServices(entry(), root, { cacheDir: cacheDir() })).cached).toBe(false);
  });

  it("resolves with the conditions given and leaves the packages named external as imports", async () => {
    const pkg = join(root, "node_modules", "conditional");
    await mkdir(pkg, { recursive: true });
    await writeFile(
      join(pkg, "package.json"),
      JSON.stringify({
        name: "conditional",
        exports: { ".": { "probity-source": "./source.js", default: "./built.js" } },
      }),
    );
    await writeFile(join(pkg, "source.js"), 'export const from = "from source";\n');
    await writeFile(join(pkg, "built.js"), 'export const from = "from built";\n');
    await writeFile(
      join(root, "uses.ts"),
      'import { from } from "conditional";\nimport { stay } from "left-out";\nconsole.log(from, stay);\n',
    );
    const options = { cacheDir: cacheDir(), conditions: ["probity-source"], external: ["left-out"] };

    const built = await buildServices({ uses: join(root, "uses.ts") }, root, options);
    const bundle = await readFile(built.entries.uses ?? "", "utf8");
    expect(bundle).toContain('"from source"');
    expect(bundle).not.toContain('"from built"');
    expect(bundle).toMatch(/import \{ stay \} from "left-out"/);
  });

  it("rebuilds when a package's exports map changes, though no source did", async () => {
    const pkg = join(root, "node_modules", "mapped");
    await mkdir(pkg, { recursive: true });
    const exportsTo = (file: string) => JSON.stringify({ name: "mapped", exports: { ".": `./${file}` } });
    await writeFile(join(pkg, "package.json"), exportsTo("one.js"));
    await writeFile(join(pkg, "one.js"), 'export const which = "one";\n');
    await writeFile(join(pkg, "two.js"), 'export const which = "two";\n');
    await writeFile(join(root, "maps.ts"), 'import { which } from "mapped";\nconsole.log(which);\n');
    const entries = { maps: join(root, "maps.ts") };
    await buildServices(entries, root, { cacheDir: cacheDir() });

    await writeFile(join(pkg, "package.json"), exportsTo("two.js"));
    const rebuilt = await buildServices(entries, root, { cacheDir: cacheDir() });
    expect(rebuilt.cached).toBe(false);
    expect(await readFile(rebuilt.entries.maps ?? "", "utf8")).toContain('"two"');
  });

  it("rebuilds when the tsconfig of a local package it bundles changed", async () => {
    const local = join(root, "packages", "local");
    await mkdir(local, { recursive: true });
    await writeFile(join(local, "package.json"), JSON.stringify({ name: "local", type: "module" }));
    await writeFile(join(local, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }\n');
    await writeFile(join(local, "index.ts"), 'export const local = "local";\n');
    await writeFile(
      join(root, "uses-local.ts"),
      'import { local } from "./packages/local/index.js";\nconsole.log(local);\n',
    );
    const entries = { usesLocal: join(root, "uses-local.ts") };
    await buildServices(entries, root, { cacheDir: cacheDir() });

    await writeFile(join(local, "tsconfig.json"), '{ "compilerOptions": { "strict": false } }\n');
    expect((await buildServices(entries, root, { cacheDir: cacheDir() })).cached).toBe(false);
  });

  it("keeps a bundle per entry set and options, so two bundles in one run both stay cached", async () => {
    const services = await buildServices(entry(), root, { cacheDir: cacheDir() });
    const other = await buildServices(entry(), root, { cacheDir: cacheDir(), conditions: ["probity-source"] });
    expect(other.cached).toBe(false);
    expect(other.entries.hello).not.toBe(services.entries.hello);

    expect(await buildServices(entry(), root, { cacheDir: cacheDir() })).toEqual({ ...services, cached: true });
    expect((await buildServices(entry(), root, { cacheDir: cacheDir(), conditions: ["probity-source"] })).cached).toBe(
      true,
    );
  });

  it("rejects with esbuild's error naming the file when an entry does not compile", async () => {
    await writeFile(join(root, "greeting.ts"), "export const greeting = (;\n");
    await expect(buildServices(entry(), root, { cacheDir: cacheDir() })).rejects.toThrow(/greeting\.ts:1/);
  });
});
