/**
 * Keeps documentation snippets honest across the repository (STYLE rule 24): a code block preceded by
 * `<!-- snippet: path/to/file.test.ts -->` must appear, line for line (ignoring indentation), in that file.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
/** Each document with snippets, and how many it must at least contain (so a broken marker cannot pass). */
const documents: Record<string, number> = {
  "docs/business-locks.md": 1,
  "packages/core/README.md": 1,
  "examples/customers/README.md": 10,
};

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

describe("documentation snippets", () => {
  for (const [document, minimum] of Object.entries(documents)) {
    const markdown = readFileSync(new URL(document, root), "utf8");
    const snippets = snippetsOf(markdown);

    it(`finds at least ${minimum} snippet(s) to check when reading ${document}`, () => {
      expect(snippets.length).toBeGreaterThanOrEqual(minimum);
    });

    for (const snippet of snippets) {
      it(`matches ${snippet.source} when quoted at ${document}:${snippet.at}`, () => {
        const source = normalize(readFileSync(new URL(snippet.source, root), "utf8"));
        expect(contains(source, snippet.lines), snippet.lines.join("\n")).toBe(true);
      });
    }
  }
});
