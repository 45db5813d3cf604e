// @vitest-environment jsdom
// The browser side of issue 14: the shard a producer's record is looked up in (the same
// function as the export's), the links to a producer's page, and the repeat-offender table
// and CSV. Oracles: FNV-1a's published test vectors, and rows written out here.
import { describe, expect, it } from "vitest";
import { producerHref, producerShard } from "../src/components/producer-shard.ts";
import { repeatOffendersCsv, repeatOffendersTable, type RepeatOffenderRow } from "../src/components/repeat-offenders.ts";
import { REPEAT_ROWS, actionNames, repeatOffendersBlock } from "../src/components/briefing.ts";
import { producerSearchResults, searchProducers, type ProducerName } from "../src/components/producer-record.ts";

const row: RepeatOffenderRow = {
  producer_id: "name:=甲&乙厂", producer_name: "=甲&乙厂", producer_uscc: null, product_category: "电线电缆",
  first_sample_id: "A1", first_sampling_date: "2024-03-01", first_report_date: "2024-03-20", first_failed_items: ["导体电阻"],
  repeat_sample_id: "A2", repeat_sampling_date: "2024-09-01", repeat_failed_items: ["绝缘厚度", "标志"],
  failures: 3, bureau_actions: ["责令整改 2024-04-10", "复查 2024-05-20"],
};

describe("producer shards and links", () => {
  it("hashes with 32-bit FNV-1a (published vectors: '' → 0x811c9dc5, 'a' → 0xe40c292c, 'foobar' → 0xbf9cf968)", () => {
    expect(producerShard("", 2 ** 32 - 1)).toBe(0x811c9dc5 % (2 ** 32 - 1));
    expect(producerShard("a", 2 ** 32 - 1)).toBe(0xe40c292c % (2 ** 32 - 1));
    expect(producerShard("foobar", 1000)).toBe(0xbf9cf968 % 1000);
    expect(producerShard("anything", 1)).toBe(0);
  });

  it("links a producer by its id, encoded for the address", () => {
    expect(producerHref("name:=甲&乙厂")).toBe(`./producer?id=${encodeURIComponent("name:=甲&乙厂")}`);
    expect(new URLSearchParams(producerHref("name:=甲&乙厂").split("?")[1]).get("id")).toBe("name:=甲&乙厂");
  });
});

describe("the repeat-offender table and CSV", () => {
  it("links each producer to its page and shows both batches, the failures and the steps", () => {
    const table = repeatOffendersTable([row], "2025-12-31");
    const link = table.querySelector("tbody th a")!;
    expect(link.textContent).toBe("=甲&乙厂");
    expect(link.getAttribute("href")).toBe(producerHref("name:=甲&乙厂"));
    const cells = [...table.querySelectorAll("tbody td")].map((td) => td.textContent);
    expect(cells).toEqual(["—", "电线电缆", "A1（2024-03-01，导体电阻）", "A2（2024-09-01，绝缘厚度、标志）", "3", "责令整改 2024-04-10复查 2024-05-20"]);
    expect(repeatOffendersTable([], "2025-12-31").textContent).toBe("截至 2025-12-31，没有跟踪抽查仍不合格的生产者。");
  });

  it("writes an Excel-safe CSV: BOM, Chinese headings, a formula-like name guarded", () => {
    const csv = repeatOffendersCsv([row]);
    expect(csv.startsWith("\uFEFF标称生产者,统一社会信用代码,产品类别,首次不合格样品编号")).toBe(true);
    // the guarded cell is quoted as well (excel-csv.ts: a leading apostrophe, and quotes)
    expect(csv).toContain("\r\n\"'=甲&乙厂\",,电线电缆,A1,2024-03-01,2024-03-20,导体电阻,A2,2024-09-01,绝缘厚度、标志,3,责令整改 2024-04-10；复查 2024-05-20\r\n");
  });
});

describe("the briefing's repeat-offender table", () => {
  it("links each producer to its workbench record, names the steps without dates, and stops at REPEAT_ROWS", () => {
    const rows = Array.from({ length: REPEAT_ROWS + 3 }, (_, i) => ({ ...row, producer_id: `ID${i}`, producer_name: `厂${i}` }));
    const block = repeatOffendersBlock(rows, "2025Q3");
    expect(block.querySelectorAll("tbody tr")).toHaveLength(REPEAT_ROWS);
    expect(block.querySelector("tbody a")!.getAttribute("href")).toBe("../workbench/producer?id=ID0");
    expect(block.querySelector("tbody tr")!.lastElementChild!.textContent).toBe("责令整改、复查");
    expect(block.textContent).toContain("另有 3 家次未列出");
    expect(actionNames([])).toBe("未见记录");
  });
});

describe("the producer search (no id given)", () => {
  const names: ProducerName[] = [
    ["91500000MA5U0A0A0A", "甲电缆厂", "91500000MA5U0A0A0A", 5, 2, 1],
    ["name:乙电缆厂", "乙电缆厂", null, 3, 3, 0],
    ["91500000MA5U0C0C0C", "丙灯具厂", "91500000MA5U0C0C0C", 2, 0, 0],
  ];
  it("matches a fragment of the name or the USCC, repeat offenders first, then most failures", () => {
    expect(searchProducers(names, "电缆").map(([id]) => id)).toEqual(["91500000MA5U0A0A0A", "name:乙电缆厂"]);
    expect(searchProducers(names, "ma5u0c").map(([id]) => id)).toEqual(["91500000MA5U0C0C0C"]);
    expect(searchProducers(names, "  ")).toEqual([]);
  });
  it("lists the matches as links, or says there are none", () => {
    const list = producerSearchResults(searchProducers(names, "乙"), "乙", (id) => producerHref(id));
    expect(list.querySelector("a")!.getAttribute("href")).toBe(producerHref("name:乙电缆厂"));
    expect(producerSearchResults([], "丁", producerHref).textContent).toBe("没有名称或统一社会信用代码含“丁”的生产者。");
  });
});
