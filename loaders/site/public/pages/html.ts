// Static HTML for the public pages, built at export time (issue 12: readable with
// JavaScript off, indexable). Every interpolated value is escaped unless it is already
// SafeHtml, so a company named <img src=x onerror=alert(1)> prints as those characters.
// Characters XML/HTML forbid (C0 controls but tab/newline, lone surrogates) are dropped.

/** HTML that is already safe: made only by `html` and `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: interpolations are escaped (arrays joined), SafeHtml goes in as it is. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => { out += render(v) + strings[i + 1]; });
  return new SafeHtml(out);
}

/** Markup written by our own code (never data): a stylesheet, an inline SVG we drew. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
