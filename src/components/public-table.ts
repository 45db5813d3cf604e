// A paged results table for the public list: real <table> with a caption and column headers
// (<th scope="col">), and a pager a keyboard can use (上一页 / 下一页, and 跳至第 N 页: a list of
// 893 pages cannot be stepped one by one). Issue 12: the table is as wide as the page (column
// widths in per cent, table-layout fixed, so a new filter result lays out in a few milliseconds
// and 检验结论 is on screen at 1,280 px); below 720 px each row is a card (styles: publicNav,
// ./public-nav.ts), each cell named by its column (data-label), so nothing scrolls sideways.
// Cell text goes in as text nodes (textContent), never as HTML: a company named
// <img src=x onerror=alert(1)> shows as those characters.

export interface PagedColumn<T> {
  key: keyof T & string;
  label: string;
  /** a CSS width of the table (e.g. "14%"); the columns without one share the rest */
  width?: string;
  /** the cell that heads a card on a phone (shown without its column name) */
  primary?: boolean;
  /** shown right after the primary cell on a phone card (the verdict: what a reader looks for) */
  lead?: boolean;
  format?: (value: T[keyof T & string], row: T) => string | Node | null | undefined;
}

/** What the table reads: any list with a length and slices (ResultList materialises only the rows asked for). */
export interface RowSource<T> { readonly length: number; slice(from: number, to: number): T[] }

/**
 * The table's <div>. `update(rows, page)` shows new rows at `page` (1-based; 1 when not given,
 * clamped to the pages there are) in the same table; `page` is the page shown.
 */
export type PagedTable<T> = HTMLDivElement & { update(rows: RowSource<T>, page?: number): void; readonly page: number };

let tableCount = 0;

/**
 * Returns a <div> holding the table and its pager; `div.update(rows)` shows new rows in the
 * same table, so a filter only rebuilds the visible rows. `onPage(page)` is called when the
 * reader turns to another page (the results page keeps it in the address: ?page=N).
 */
export function pagedTable<T extends object>(rows: RowSource<T>, {columns, pageSize = 50, caption = "", onPage}: { columns: PagedColumn<T>[]; pageSize?: number; caption?: string; onPage?: (page: number) => void }): PagedTable<T> {
  const id = `paged-table-${++tableCount}`;
  const wrap = document.createElement("div") as PagedTable<T>;
  wrap.className = "public-table-wrap";
  // no sideways scrolling is needed any more (cards on phones, per-cent widths on desktop); the
  // region stays focusable and named in case a very long word still overflows at some zoom
  const scroller = document.createElement("div");
  scroller.className = "public-table-scroll";
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", caption || "结果列表");
  const table = document.createElement("table");
  table.className = "public-table public-table--paged";
  if (caption) table.createCaption().textContent = caption;
  const colgroup = document.createElement("colgroup");
  for (const c of columns) {
    const col = document.createElement("col");
    if (c.width) col.style.width = c.width;
    colgroup.append(col);
  }
  table.append(colgroup);
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label;
    head.append(th);
  }
  const body = table.createTBody();
  scroller.append(table);

  const pager = document.createElement("nav");
  pager.className = "public-pager";
  pager.setAttribute("aria-label", "翻页");
  const previous = button("上一页");
  const next = button("下一页");
  const status = document.createElement("span");
  status.className = "public-pager__status";
  status.setAttribute("aria-live", "polite");
  const jump = document.createElement("form");
  jump.className = "public-pager__jump";
  const jumpLabel = document.createElement("label");
  jumpLabel.htmlFor = `${id}-page`;
  jumpLabel.textContent = "跳至第";
  const jumpInput = document.createElement("input");
  jumpInput.id = `${id}-page`;
  jumpInput.type = "number";
  jumpInput.inputMode = "numeric";
  jumpInput.min = "1";
  jumpInput.name = "page";
  jumpInput.required = true;
  const jumpUnit = document.createElement("span");
  status.id = `${id}-status`;
  jumpInput.setAttribute("aria-describedby", status.id); // 第 2 / 100 页: how many pages there are
  const go = button("跳转");
  go.type = "submit";
  jump.append(jumpLabel, jumpInput, jumpUnit, go);
  pager.append(previous, status, next, jump);
  wrap.append(scroller, pager);

  let pages = 1;
  let page = 0; // 0-based inside
  function render() {
    const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
    body.replaceChildren(...slice.map((row) => {
      const tr = document.createElement("tr");
      for (const c of columns) {
        const td = document.createElement("td");
        td.dataset.label = c.label;
        if (c.primary) td.className = "public-table__primary";
        else if (c.lead) td.className = "public-table__lead";
        const value = c.format ? c.format(row[c.key], row) : row[c.key];
        if (value instanceof Node) td.append(value);
        else td.textContent = value == null || value === "" ? "—" : String(value);
        tr.append(td);
      }
      return tr;
    }));
    status.textContent = rows.length ? `第 ${page + 1} / ${pages} 页（每页 ${pageSize} 条）` : "没有符合条件的结果";
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    jumpInput.max = String(pages);
    jumpInput.value = String(page + 1);
    jumpUnit.textContent = "页";
    jump.hidden = pages <= 1;
  }
  const turnTo = (target: number) => {
    const clamped = Math.min(Math.max(target, 0), pages - 1);
    if (clamped === page) { render(); return; }
    page = clamped;
    render();
    onPage?.(page + 1);
  };
  previous.onclick = () => turnTo(page - 1);
  next.onclick = () => turnTo(page + 1);
  jump.onsubmit = (event) => {
    event.preventDefault();
    const wanted = Math.trunc(Number(jumpInput.value));
    if (Number.isFinite(wanted) && wanted >= 1) turnTo(wanted - 1);
    scroller.focus(); // the new rows are where the reader goes next
  };
  Object.defineProperty(wrap, "page", {get: () => page + 1});
  wrap.update = (newRows, startPage = 1) => {
    rows = newRows;
    pages = Math.max(1, Math.ceil(rows.length / pageSize));
    page = Math.min(Math.max(Math.trunc(startPage) - 1, 0), pages - 1);
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
