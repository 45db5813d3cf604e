// P4 on the built site. No personal data (contact person, phone) anywhere in dist/ — pages,
// data files (the gzip'd results too), downloads, source maps. And nothing else that must
// not leave the building (staff codes, notes, the companies of withheld batches) in what
// the public pages serve (public/**, _file/public/**): the analysts' workbench is built into
// the same dist/ and legitimately shows staff codes and unpublished findings.
// Needles: the values planted by test/fixtures/public-*.csv, and, when the test site's
// database is found (next to the site, or SPOTCHECK_TEST_DB), those of the whole sample.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, query } from "../../loaders/db/connection.ts";

const siteDir = resolve(process.env.SPOTCHECK_TEST_SITE ?? inject("siteDir") ?? "dist");
const FIXTURES = resolve(import.meta.dirname, "..", "fixtures");

function fixtureRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(FIXTURES, file), "utf8"), { header: true, skipEmptyLines: true }).data;
}
const splitList = (value: string) => value.split(/[;；、]/).map((s) => s.trim()).filter(Boolean);

/** Every file of the site as text (gzip'd files unpacked; images and fonts skipped). */
function siteTexts(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.(png|jpe?g|gif|webp|ico|woff2?|ttf|wasm)$/i.test(name)) {
        let bytes = readFileSync(path);
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
        out.push({ path: relative(dir, path), text: bytes.toString("utf8") });
      }
    }
  };
  walk(dir);
  return out;
}

function testDatabasePath(): string | null {
  const candidates = [process.env.SPOTCHECK_TEST_DB, join(siteDir, "..", "spotcheck.duckdb")].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Personal data and internal notes of the whole test database, minus values that legitimately occur in public fields. */
async function databaseNeedles(dbPath: string) {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const one = async (sql: string) => (await query(db.conn, sql)).map((r) => String(Object.values(r)[0]));
    const phones = await one("SELECT DISTINCT sampled_phone FROM batches WHERE sampled_phone IS NOT NULL");
    const staff = await one("SELECT DISTINCT unnest(list_concat(sampler_ids, coalesce(inspector_ids, []))) FROM batches");
    const contacts = await one("SELECT DISTINCT sampled_contact FROM batches WHERE length(sampled_contact) >= 3");
    const notes = await one("SELECT DISTINCT note FROM events WHERE note IS NOT NULL");
    // a 3-character name may also be part of a company or street name, which is public
    const publicText = (await one(`SELECT concat_ws('|', product_category, product_name, brand, model, producer_name, producer_address,
      sampled_name, organizer, inspection_agency, array_to_string(failed_items, '|')) FROM batches`)).join("|");
    return { phones, staff, contacts: contacts.filter((c) => !publicText.includes(c)), notes };
  } finally {
    db.close();
  }
}

// What goes on the public web server is the assembled public site (loaders/cli/site-pipeline.ts):
// every file of it is held to the strict needles, not only public/** and _file/public/**.
const publicSiteDir = `${siteDir}-public`;

describe("the built site holds no personal data and nothing withheld (P4, P1–P3)", () => {
  let files: { path: string; text: string }[] = [];
  beforeAll(() => {
    files = [...siteTexts(siteDir), ...siteTexts(publicSiteDir).map((f) => ({ ...f, path: `(public site) ${f.path}` }))];
  });

  const isPublic = (f: { path: string }) => /^(_file\/)?public\/|^\(public site\) /.test(f.path);
  const findings = (needles: string[], scope: (f: { path: string }) => boolean = () => true) =>
    needles.flatMap((needle) => files.filter((f) => scope(f) && f.text.includes(needle)).map((f) => `${needle} in ${f.path}`));

  it("assembles a public site with the public pages and none of the analysts' pages or data", () => {
    expect(existsSync(join(publicSiteDir, "public", "results.html"))).toBe(true);
    expect(existsSync(join(publicSiteDir, "workbench"))).toBe(false);
    expect(existsSync(join(publicSiteDir, "briefing"))).toBe(false);
    expect(existsSync(join(publicSiteDir, "_file", "data"))).toBe(false);
  });

  it("has been built with the public pages and their data", () => {
    expect(existsSync(join(siteDir, "public", "results.html")), `no built site at ${siteDir}`).toBe(true);
    expect(files.some((f) => /^_file\/public\/_data\/results\/head\.[0-9a-f]+\.arrows$/.test(f.path))).toBe(true);
    // the scan would prove nothing if the fixture's public rows were missing
    expect(findings(["渝测公开甲乙丙商行"]).length).toBeGreaterThan(0);
  });

  it("puts every file of the public site under the public folders, and stores no file twice", () => {
    const paths = files.filter((f) => f.path.startsWith("(public site) ")).map((f) => f.path.slice("(public site) ".length));
    const allowed = /^(index\.html$|public\/|_file\/public\/|_file\/components\/|_import\/|_node\/|_npm\/|_observablehq\/)/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    // the yearly downloads, the feed, the stylesheet: each once, at its stable address, with no hashed copy
    const stable = paths.filter((p) => /^public\/(downloads\/.+|feed\.xml|inputs\.css)$/.test(p));
    expect(stable.filter((p) => p.endsWith(".csv")).length).toBeGreaterThan(1);
    expect(stable).toContain("public/downloads/index.json");
    const bySha = new Map<string, string[]>();
    for (const p of paths) {
      const sha = createHash("sha256").update(readFileSync(join(publicSiteDir, p))).digest("hex");
      bySha.set(sha, [...(bySha.get(sha) ?? []), p]);
    }
    expect([...bySha.values()].filter((same) => same.length > 1)).toEqual([]);
    expect(paths.filter((p) => /\/(downloads\/)?\d{4}\.[0-9a-f]{8}\.(csv|json)$|\/feed\.[0-9a-f]{8}\.xml$|\/inputs\.[0-9a-f]{8}\.css$/.test(p))).toEqual([]);
  });

  it("contains none of the fixture's planted personal data anywhere", () => {
    const batches = fixtureRows("public-batches.csv");
    const needles = batches.flatMap((b) => [b.sampled_contact, b.sampled_phone]).filter(Boolean);
    expect(needles).toHaveLength(12);
    expect(findings(needles)).toEqual([]);
  });

  it("serves to the public none of the fixture's staff codes or notes", () => {
    const needles = [
      ...fixtureRows("public-batches.csv").flatMap((b) => [...splitList(b.sampler_ids), ...splitList(b.inspector_ids)]),
      ...fixtureRows("public-events.csv").map((e) => e.note),
    ].filter(Boolean);
    expect(needles.length).toBeGreaterThan(15);
    expect(files.filter(isPublic).length).toBeGreaterThan(10);
    expect(findings([...new Set(needles)], isPublic)).toEqual([]);
  });

  it("serves to the public no company whose result is withheld (no approval; objection window open)", () => {
    expect(findings(["公测未批准电器有限公司", "公测未批准商行", "公测异议期电器有限公司", "公测异议期商行"], isPublic)).toEqual([]);
  });

  it("contains no contact or phone of any batch in the test database, and serves no staff code or note to the public", async (ctx) => {
    const dbPath = testDatabasePath();
    if (!dbPath) ctx.skip(); // only the fixture's needles can be checked
    const { phones, staff, contacts, notes } = await databaseNeedles(dbPath!);
    expect(phones.length).toBeGreaterThan(100);
    const phoneSet = new Set(phones), staffSet = new Set(staff), contactSet = new Set(contacts);
    const leaks: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/(?<![0-9])[0-9][0-9-]{6,14}[0-9](?![0-9])/g)) if (phoneSet.has(m[0])) leaks.push(`phone ${m[0]} in ${f.path}`);
      if (isPublic(f)) {
        for (const m of f.text.matchAll(/(?<![A-Za-z0-9])[A-Z]{2}[0-9]{4}(?![0-9])/g)) if (staffSet.has(m[0])) leaks.push(`staff ${m[0]} in ${f.path}`);
        for (const note of notes) if (f.text.includes(note)) leaks.push(`note ${note} in ${f.path}`);
      }
      for (const m of f.text.matchAll(/\p{Script=Han}{3,}/gu)) {
        const run = m[0];
        for (let i = 0; i + 3 <= run.length; i++) if (contactSet.has(run.slice(i, i + 3))) leaks.push(`contact ${run.slice(i, i + 3)} in ${f.path}`);
      }
    }
    expect(leaks.slice(0, 20)).toEqual([]);
  });
});
