// Building small pieces of HTML in components, typed: el("td", {class: "num"}, text).
// Text always goes in as text nodes, never parsed as HTML, so a company named
// <img src=x onerror=alert(1)> shows as those characters. (Pages use htl's html``, which
// escapes too; htl ships no types, so typed components build their nodes here.)

/** What an element can hold: nodes, text (numbers become text), nothing, or lists of these. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attribute values: null, undefined or false leave the attribute out, true writes it empty. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}
