// Lists of results on the static pages (announcements, category pages, notices): one
// markup, a real <table> with a caption and column headers. On a phone (below 720 px,
// public.css) each row becomes a card and each cell shows its column's name
// (data-label), so the verdict and failing items are on screen with no sideways scrolling.
import { html, type HtmlValue, type SafeHtml } from "./html.ts";

export interface ListColumn<T> {
  label: string;
  cell: (row: T) => HtmlValue;
  /** the card's heading on a phone (the product, usually): shown first, without its label */
  primary?: boolean;
  numeric?: boolean;
}

export function responsiveTable<T>(rows: readonly T[], { caption, columns, empty }: { caption: string; columns: ListColumn<T>[]; empty: string }): SafeHtml {
  if (!rows.length) return html`<p>${empty}</p>`;
  return html`<table class="result-table">
<caption>${caption}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col"${c.numeric ? html` class="num"` : ""}>${c.label}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr>${columns.map((c) => html`<td data-label="${c.label}" class="${[c.primary ? "primary" : "", c.numeric ? "num" : ""].join(" ").trim()}">${c.cell(row)}</td>`)}</tr>\n`)}</tbody>
</table>`;
}

/** 合格 / 不合格 by a symbol and words, never colour alone; （复检后） when a re-inspection decided it (article 58). */
export function verdictHtml(conclusion: string, conclusionBy?: string | null): SafeHtml {
  const fail = conclusion === "不合格";
  return html`<span class="verdict ${fail ? "verdict--fail" : "verdict--pass"}"><span aria-hidden="true">${fail ? "✗" : "✓"} </span>${conclusion}${conclusionBy === "复检" ? "（复检后）" : ""}</span>`;
}

/** Labelled facts (the metadata box of an announcement, a result's fields): <dl> of [label, value]. */
export function factList(facts: [label: string, value: HtmlValue][], className = "facts"): SafeHtml {
  return html`<dl class="${className}">${facts.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value === null || value === undefined || value === "" ? "—" : value}</dd></div>`)}</dl>`;
}
