// The layer order of loaders/ (docs/architecture.md, section "Layers") held against the
// code's own imports: a folder may import only from its own layer or below, and no two
// folders may import each other, directly or round a circle.
//
// The order is read from the fenced `layers` block of docs/architecture.md, so the
// document and this test cannot drift apart.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const LOADERS = join(ROOT, "loaders");

/** Layers from the bottom up: each line of the block is one layer, its folders comma-separated. */
export function parseLayers(markdown: string): string[][] {
  const block = /```layers\n([\s\S]*?)```/.exec(markdown);
  if (!block) throw new Error("docs/architecture.md has no ```layers block");
  return block[1]
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean)
    .map((line) => line.split(",").map((folder) => folder.trim()).filter(Boolean));
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module a file names: static imports and re-exports, type-only ones too, and dynamic import(). */
export function importedSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const specifiers: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s[^"'`;]*?\bfrom\s*["']([^"']+)["']/g)) specifiers.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*["']([^"']+)["']/g)) specifiers.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) specifiers.push(m[1]);
  return specifiers;
}

/** The loaders/ folder a file lives in ("core", "db", …). */
function folderOf(path: string): string {
  return relative(LOADERS, path).split(sep)[0];
}

interface Edge { from: string; to: string; file: string; specifier: string }

function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(LOADERS)) {
    for (const specifier of importedSpecifiers(readFileSync(file, "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(LOADERS + sep)) {
        if (sharedWithTheBrowser.includes(relative(ROOT, target).split(sep).join("/"))) continue;
        edges.push({ from: folderOf(file), to: `(outside loaders: ${relative(ROOT, target)})`, file, specifier });
        continue;
      }
      const to = folderOf(target);
      if (to !== folderOf(file)) edges.push({ from: folderOf(file), to, file, specifier });
    }
  }
  return edges;
}

/** Folders that sit in a circle of imports (Tarjan's strongly connected components of size > 1). */
export function folderCycles(edges: { from: string; to: string }[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from)!.add(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)!) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const ARCHITECTURE = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
const layers = parseLayers(ARCHITECTURE);
/** Files outside loaders/ that any layer may import: pure modules the browser bundles too. */
const sharedWithTheBrowser = (/```shared-with-the-browser\n([\s\S]*?)```/.exec(ARCHITECTURE)?.[1] ?? "")
  .split("\n").map((line) => line.trim()).filter(Boolean);
const layerOf = new Map(layers.flatMap((folders, level) => folders.map((folder) => [folder, level] as const)));

describe("the layer order of loaders/", () => {
  it("names every folder of loaders/ exactly once", () => {
    const folders = readdirSync(LOADERS).filter((name) => statSync(join(LOADERS, name)).isDirectory()).sort();
    const declared = layers.flat();
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual(folders);
  });

  it("no folder imports from a layer above its own, nor from outside loaders/", () => {
    const against = folderEdges()
      .filter((e) => !layerOf.has(e.to) || layerOf.get(e.to)! > layerOf.get(e.from)!)
      .map((e) => `${relative(ROOT, e.file)} imports ${e.specifier} (${e.from} → ${e.to})`);
    expect(against).toEqual([]);
  });

  it("the files shared with the browser import nothing", () => {
    expect(sharedWithTheBrowser.length).toBeGreaterThan(0);
    for (const file of sharedWithTheBrowser) expect(importedSpecifiers(readFileSync(join(ROOT, file), "utf8"))).toEqual([]);
  });

  it("no two folders import each other, directly or round a circle", () => {
    expect(folderCycles(folderEdges())).toEqual([]);
  });
});

// The checks themselves, on made-up graphs and sources: a check that cannot fail proves nothing.
describe("the architecture checks", () => {
  it("finds a circle of three folders and none in a chain", () => {
    expect(folderCycles([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "a" }])).toEqual([["a", "b", "c"]]);
    expect(folderCycles([{ from: "a", to: "b" }, { from: "b", to: "c" }])).toEqual([]);
  });

  it("reads static, type-only, re-exported and dynamic imports, not ones in comments", () => {
    const source = [
      'import { a } from "../core/a.ts";',
      'import type { B } from "../db/b.ts";',
      'export { c } from "./c.ts";',
      'const d = await import("../site/d.ts");',
      "import {\n  e,\n  f,\n} from '../audit/e.ts';",
      '// import { x } from "../cli/x.ts";',
      '/* import { y } from "../cli/y.ts"; */',
      'import "../ingest/side-effect.ts";',
    ].join("\n");
    expect(importedSpecifiers(source).sort()).toEqual(
      ["../audit/e.ts", "../core/a.ts", "../db/b.ts", "../ingest/side-effect.ts", "../site/d.ts", "./c.ts"].sort(),
    );
  });

  it("reads the layers block of the architecture document", () => {
    expect(parseLayers("x\n```layers\ncore\ndb   # the database\nanalysis, audit\n```\n")).toEqual([["core"], ["db"], ["analysis", "audit"]]);
  });
});
