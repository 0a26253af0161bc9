/**
 * Keeps the README's walkthrough honest (STYLE rule 24): every code block preceded by
 * `<!-- snippet: path/to/file.test.ts -->` must appear, line for line (ignoring indentation), in that file.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

interface Snippet {
  source: string;
  lines: string[];
  at: number;
}

function snippetsOf(markdown: string): Snippet[] {
  const pattern = /<!-- snippet: (\S+) -->\s*\n\s*```ts\n([\s\S]*?)\n\s*```/g;
  return [...markdown.matchAll(pattern)].map((match) => ({
    source: match[1] ?? "",
    lines: normalize(match[2] ?? ""),
    at: markdown.slice(0, match.index).split("\n").length,
  }));
}

function normalize(code: string): string[] {
  return code
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function contains(haystack: string[], needle: string[]): boolean {
  return haystack.some((_, start) => needle.every((line, offset) => haystack[start + offset] === line));
}

describe("examples/customers/README.md", () => {
  const snippets = snippetsOf(readme);

  it("finds a snippet for each walkthrough step when reading the README", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  for (const snippet of snippets) {
    it(`matches ${snippet.source} when quoted at README.md:${snippet.at}`, () => {
      const source = normalize(readFileSync(new URL(snippet.source, root), "utf8"));
      expect(contains(source, snippet.lines), snippet.lines.join("\n")).toBe(true);
    });
  }
});
