// What the workbench's Observable Inputs lack for WCAG 2.1 AA (issue 12 item 4),
// added to the elements they return, so that the pages keep using the libraries as they are.
// Inputs 0.12 leaves a range slider and a table's row checkboxes without a label (4.1.2), and a
// table's scroll box out of the keyboard's reach once nothing in it is focusable (2.1.1).
// (Plot's English mark names on <g> are removed on every page by observablehq.config.ts.)

/**
 * A table from Inputs.table, reachable and named: the <form> that scrolls gets tabindex="0",
 * so arrow keys scroll it, and a name (a named <form> is a landmark of its own; ARIA in HTML
 * allows a <form> no role="region"). Row checkboxes of a selectable table are named after
 * their row, including the rows Inputs adds as the box is scrolled.
 */
export function accessibleTable<T extends HTMLElement>(table: T, label: string): T {
  table.tabIndex = 0;
  table.setAttribute("aria-label", label);
  const nameCheckboxes = () => {
    for (const box of table.querySelectorAll<HTMLInputElement>("input[type=checkbox]:not([aria-label]), input[type=radio]:not([aria-label])")) {
      const row = box.closest("tr");
      if (row?.parentElement?.tagName === "THEAD") box.setAttribute("aria-label", `选择全部行（${label}）`);
      else box.setAttribute("aria-label", `选择此行：${row?.cells[1]?.textContent?.trim() || "（空）"}`);
    }
  };
  nameCheckboxes();
  new MutationObserver(nameCheckboxes).observe(table, { childList: true, subtree: true });
  return table;
}

/** Inputs.range: its <label> names the number box; the slider beside it gets the same name. */
export function labelledRange<T extends HTMLElement>(range: T): T {
  const name = range.querySelector("label")?.textContent?.trim() ?? "";
  range.querySelector("input[type=range]")?.setAttribute("aria-label", `${name}（滑块）`);
  return range;
}
