// The database kernel (loaders/db/, issue 10): rows checked by a schema and kept in the
// SELECT's order, one transaction helper, table metadata. Expected values are the SQL's own
// literals, worked out by hand.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase, query } from "../loaders/db/connection.ts";
import { withTransaction } from "../loaders/db/lifecycle.ts";
import { readAsOf, readMeta, tableExists } from "../loaders/db/metadata.ts";
import { parseRows } from "../loaders/db/sql.ts";
import { createFixtureDb } from "./helpers/fixture-db.ts";

describe("rows checked by a schema", () => {
  it("keeps the columns in the order the SELECT returned them, not the schema's", async () => {
    const db = await openDatabase(":memory:", { readOnly: false });
    try {
      const rows = await query(db.conn, "SELECT 'a' AS z_last_in_schema, CAST(2 AS INTEGER) AS a_first, NULL AS maybe", undefined,
        z.object({ a_first: z.number().int(), maybe: z.string().nullable(), z_last_in_schema: z.string() }));
      expect(rows).toEqual([{ z_last_in_schema: "a", a_first: 2, maybe: null }]);
      expect(Object.keys(rows[0])).toEqual(["z_last_in_schema", "a_first", "maybe"]);
    } finally {
      db.close();
    }
  });

  it("fails naming the query, the row and the column when a value has the wrong type", () => {
    const schema = z.object({ n: z.number().int() });
    expect(() => parseRows([{ n: 1 }, { n: "2" }], schema, "loaders/x/counts.sql")).toThrow(/^loaders\/x\/counts\.sql 第 2 行的列与预期不符：[\s\S]*\bn\b/);
  });
});

describe("withTransaction", () => {
  it("commits what the callback wrote, and rolls all of it back when the callback throws", async () => {
    const db = await openDatabase(":memory:", { readOnly: false });
    try {
      await db.conn.run("CREATE TABLE t (x INTEGER)");
      await withTransaction(db.conn, async () => { await db.conn.run("INSERT INTO t VALUES (1)"); });
      await expect(withTransaction(db.conn, async () => {
        await db.conn.run("INSERT INTO t VALUES (2), (3)");
        throw new Error("第二步失败");
      })).rejects.toThrow("第二步失败");
      expect(await query(db.conn, "SELECT x FROM t ORDER BY x")).toEqual([{ x: 1 }]);
    } finally {
      db.close();
    }
  });
});

describe("table metadata", () => {
  it("tableExists sees persistent tables only, not a connection's TEMP tables", async () => {
    const db = await createFixtureDb([]);
    try {
      expect(await tableExists(db.conn, "batches")).toBe(true);
      await db.conn.run("CREATE TEMP TABLE calendar_days (day DATE)");
      expect(await tableExists(db.conn, "calendar_days")).toBe(false);
    } finally {
      db.close();
    }
  });

  it("readMeta and readAsOf: the stored value, else null (also with no meta table at all)", async () => {
    const bare = await openDatabase(":memory:", { readOnly: false });
    try {
      expect(await readAsOf(bare.conn)).toBeNull();
    } finally {
      bare.close();
    }
    const db = await createFixtureDb([]);
    try {
      expect(await readAsOf(db.conn)).toBeNull();
      await db.conn.run("INSERT INTO meta VALUES ('as_of', '2025-12-31'), ('catalogue_year', '2026')");
      expect(await readAsOf(db.conn)).toBe("2025-12-31");
      expect(await readMeta(db.conn, "catalogue_year")).toBe("2026");
      expect(await readMeta(db.conn, "derived_from")).toBeNull();
    } finally {
      db.close();
    }
  });
});
