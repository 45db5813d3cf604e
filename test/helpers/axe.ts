// axe-core in a page of the browser tests: the one way every accessibility check runs it —
// the WCAG 2.0/2.1 A and AA rules (GB/T 37668-2019 adopts WCAG 2.1 AA for web content),
// injected from node_modules (no CDN), with each violation described for a failure message.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] }

export interface AxeReport {
  /** which engine answered: an empty list from no check would prove nothing */
  engine: string;
  /** how many rules passed on the page (the check ran its rules) */
  passes: number;
  serious: AxeViolation[];
  minor: AxeViolation[];
}

/** Runs axe-core on the page as it is now (a page with JavaScript disabled needs a context that allows scripts). */
export async function runAxe(page: Page): Promise<AxeReport> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const result = await page.evaluate(async (tags) => {
    type Result = { testEngine: { name: string }; passes: unknown[]; violations: AxeViolation[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return {
      engine: r.testEngine.name,
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  }, WCAG_TAGS);
  const isSerious = (v: AxeViolation) => v.impact === "serious" || v.impact === "critical";
  return { engine: result.engine, passes: result.passes, serious: result.violations.filter(isSerious), minor: result.violations.filter((v) => !isSerious(v)) };
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.slice(0, 8).map((n) => `    ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`),
    ...(v.nodes.length > 8 ? [`    …and ${v.nodes.length - 8} more`] : []),
  ].join("\n")).join("\n");
}
