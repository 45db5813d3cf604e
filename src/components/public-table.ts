// A paged results table for the public list: real <table> with a caption and column headers
// (<th scope="col">), fixed column widths (so a new filter result lays out in a few
// milliseconds even with 20,000 rows behind it), and 上一页 / 下一页 buttons a keyboard can use.
// Cell text goes in as text nodes (textContent), never as HTML: a company named
// <img src=x onerror=alert(1)> shows as those characters.

export interface PagedColumn<T> {
  key: keyof T & string;
  label: string;
  /** in pixels; 120 when not given */
  width?: number;
  format?: (value: T[keyof T & string], row: T) => string | Node | null | undefined;
}

/** The table's <div>; `update(rows)` shows new rows (from page 1) in the same table. */
export type PagedTable<T> = HTMLDivElement & { update(rows: T[]): void };

/**
 * Returns a <div> holding the table and its pager; `div.update(rows)` shows new rows (from
 * page 1) in the same table, so a filter only rebuilds the visible rows.
 */
export function pagedTable<T extends object>(rows: T[], {columns, pageSize = 50, caption = ""}: { columns: PagedColumn<T>[]; pageSize?: number; caption?: string }): PagedTable<T> {
  const wrap = document.createElement("div") as PagedTable<T>;
  wrap.className = "public-table-wrap";
  const scroller = document.createElement("div");
  scroller.className = "public-table-scroll";
  scroller.tabIndex = 0; // a wide table scrolls sideways with the arrow keys
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", caption || "结果列表");
  const table = document.createElement("table");
  table.className = "public-table public-table--fixed";
  table.style.width = `${columns.reduce((sum, c) => sum + (c.width ?? 120), 0)}px`;
  if (caption) table.createCaption().textContent = caption;
  const colgroup = document.createElement("colgroup");
  for (const c of columns) {
    const col = document.createElement("col");
    col.style.width = `${c.width ?? 120}px`;
    colgroup.append(col);
  }
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label;
    head.append(th);
  }
  table.append(colgroup);
  const body = table.createTBody();
  scroller.append(table);

  const pager = document.createElement("nav");
  pager.className = "public-pager";
  pager.setAttribute("aria-label", "翻页");
  const previous = button("上一页");
  const next = button("下一页");
  const status = document.createElement("span");
  status.setAttribute("aria-live", "polite");
  pager.append(previous, status, next);
  wrap.append(scroller, pager);

  let pages = 1;
  let page = 0;
  function render() {
    const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
    body.replaceChildren(...slice.map((row) => {
      const tr = document.createElement("tr");
      for (const c of columns) {
        const td = document.createElement("td");
        const value = c.format ? c.format(row[c.key], row) : row[c.key];
        if (value instanceof Node) td.append(value);
        else td.textContent = value == null ? "" : String(value);
        tr.append(td);
      }
      return tr;
    }));
    status.textContent = rows.length ? `第 ${page + 1} / ${pages} 页（每页 ${pageSize} 条）` : "没有符合条件的结果";
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  previous.onclick = () => { page -= 1; render(); };
  next.onclick = () => { page += 1; render(); };
  wrap.update = (newRows) => {
    rows = newRows;
    pages = Math.max(1, Math.ceil(rows.length / pageSize));
    page = 0;
    render();
  };
  wrap.update(rows);
  return wrap;
}

function button(text: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  return b;
}
