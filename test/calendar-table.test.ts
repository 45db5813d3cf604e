// calendar_days must count exactly as statutory-calendar.ts does: the audit SQL
// relies on it for every deadline (articles 49 and 75).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTempCalendarTable, writeCalendarTable } from "../loaders/calendar/calendar-table.ts";
import { openDatabase, query } from "../loaders/db/connection.ts";
import { addWorkingDays, CalendarCoverageError, coveredYears, daysBetween, isWorkingDay, statutoryDeadline } from "../loaders/calendar/statutory-calendar.ts";

describe("calendar_days", () => {
  it("agrees with the TypeScript calendar on every day of 2019–2026", async () => {
    const db = await openDatabase(":memory:", { readOnly: false });
    await writeCalendarTable(db.conn, { asOf: "2025-12-31" });
    const rows = await query(db.conn, `
      SELECT CAST(c.day AS VARCHAR) AS day, c.is_working, CAST(c.next_working_day AS VARCHAR) AS next_working_day,
             CAST(w.day AS VARCHAR) AS third_working_day_after
      FROM calendar_days c
      LEFT JOIN calendar_days w ON w.is_working AND w.working_day_index = c.working_day_index + 3
      WHERE c.day BETWEEN DATE '2019-01-01' AND DATE '2026-12-20' ORDER BY c.day`);
    expect(rows.length).toBe(daysBetween("2019-01-01", "2026-12-20") + 1);
    for (const row of rows) {
      const day = row.day as string;
      expect(row.is_working, day).toBe(isWorkingDay(day));
      expect(row.next_working_day, day).toBe(statutoryDeadline(day, 0));
      expect(row.third_working_day_after, day).toBe(addWorkingDays(day, 3));
    }
    const [span] = await query(db.conn, "SELECT CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last FROM calendar_days");
    const { first, last } = coveredYears();
    expect(span).toEqual({ first: `${first}-01-01`, last: `${last}-12-31` });
    db.close();
  });

  it("refuses an as-of date outside the covered years", async () => {
    const db = await openDatabase(":memory:", { readOnly: false });
    await expect(writeCalendarTable(db.conn, { asOf: `${coveredYears().last + 1}-01-05` })).rejects.toThrow(CalendarCoverageError);
    db.close();
  });

  it("can be created as a TEMP table on a READ_ONLY database", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "cal-")), "ro.duckdb");
    const writer = await openDatabase(path, { readOnly: false });
    await writer.conn.run("CREATE TABLE calendar_days(day DATE, is_working BOOLEAN)"); // a stale persisted table
    writer.close();
    const reader = await openDatabase(path, { readOnly: true });
    await createTempCalendarTable(reader.conn);
    const [row] = await query(reader.conn, "SELECT CAST(next_working_day AS VARCHAR) AS d FROM calendar_days WHERE day = DATE '2024-10-05'");
    expect(row.d).toBe("2024-10-08");
    reader.close();
  });
});
