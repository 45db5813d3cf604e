// Issue 11 item 2: the site builds with no network. Framework bundles its client code
// (client.js, stdlib.js) with rollup, and every `npm:` string in it — `import("npm:react-dom")`,
// `import("npm:echarts")` … for its built-in libraries — is resolved to a versioned path
// /_npm/<name>@<version>/…, the version found in its cache (.observablehq/cache/_npm) or else
// asked of registry.npmjs.org. The pipeline seeds that cache from node_modules
// (seedFrameworkNpmVersions); here Framework's own bundler runs on a seeded cache with the
// network cut off (every fetch fails and is recorded). The real build with no network
// (`unshare -n`) is .ci/run's.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOT_INSTALLED_VERSION, prepareFrameworkCache, seedFrameworkNpmVersions } from "../loaders/cli/site-pipeline.ts";

const ROOT = join(import.meta.dirname, "..");
const FRAMEWORK = join(ROOT, "node_modules", "@observablehq", "framework", "dist");
type RollupClient = (input: string, root: string, path: string, options: { minify: boolean; keepNames: boolean }) => Promise<string>;
const { rollupClient } = (await import(pathToFileURL(join(FRAMEWORK, "rollup.js")).href)) as { rollupClient: RollupClient };
const { getClientPath } = (await import(pathToFileURL(join(FRAMEWORK, "files.js")).href)) as { getClientPath: (entry: string) => string };
const installed = (name: string) => String(JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version);

let root: string;
const realFetch = globalThis.fetch;
let fetched: string[];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "offline-")); // a fresh source root: Framework caches versions per root
  fetched = [];
  globalThis.fetch = (async (url: string | URL | Request) => {
    fetched.push(String(url instanceof Request ? url.url : url));
    throw new TypeError("fetch failed (getaddrinfo EAI_AGAIN: no network in this test)");
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  rmSync(root, { recursive: true, force: true });
});

const bundle = (entry: string, path: string) => rollupClient(getClientPath(entry), root, path, { minify: false, keepNames: true });

describe("Framework's client bundle with no network", () => {
  it("bundles client.js and stdlib.js from a seeded cache without a single request", async () => {
    const seeded = seedFrameworkNpmVersions(join(root, ".observablehq", "cache"));
    const client = await bundle("index.js", "/_observablehq/client.js");
    const stdlib = await bundle("stdlib.js", "/_observablehq/stdlib.js");
    expect(fetched).toEqual([]);
    // installed packages carry their node_modules version; the others a version that says so
    expect(seeded).toContain(`d3@${installed("d3")}`);
    expect(client).toContain(`_npm/d3@${installed("d3")}/_esm.js`);
    expect(client).toContain(`_npm/react-dom@${NOT_INSTALLED_VERSION}/client._esm.js`);
    expect(client).toContain(`_npm/echarts@${NOT_INSTALLED_VERSION}/`);
    expect(stdlib).toContain(`_npm/apache-arrow@${installed("apache-arrow")}/_esm.js`);
    expect(stdlib).not.toContain("@latest");
  });

  it("clears the data-loader cache and seeds the version cache again", async () => {
    const cache = join(root, ".observablehq", "cache");
    const stale = join(cache, "public", "data", "categories.json"); // a loader's output of an earlier build
    mkdirSync(join(stale, ".."), { recursive: true });
    writeFileSync(stale, "{}");
    prepareFrameworkCache(cache);
    expect(existsSync(stale)).toBe(false);
    await expect(bundle("index.js", "/_observablehq/client.js")).resolves.toContain("_npm/");
    expect(fetched).toEqual([]);
  });

  // last: rollup stops at the first failed lookup while others are still under way
  it("needs the registry when its npm version cache is empty (the build's failure today)", async () => {
    await expect(bundle("index.js", "/_observablehq/client.js")).rejects.toThrow(/fetch failed/);
    expect(fetched.some((u) => u.startsWith("https://registry.npmjs.org/"))).toBe(true);
  });
});
