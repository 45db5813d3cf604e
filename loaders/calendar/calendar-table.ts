// Persists the statutory calendar as table calendar_days, so audit SQL computes
// deadlines set-based (article 75: due = next_working_day of start + N; article 49:
// the working day whose working_day_index = index(report_date) + 3).
import type { DuckDBConnection } from "@duckdb/node-api";
import { readSql } from "../db/connection.ts";
import { statutoryCalendar, type StatutoryCalendar } from "./statutory-calendar.ts";

const CALENDAR_DAYS_SQL = "loaders/calendar/calendar_days.sql";

async function createCalendarDays(conn: DuckDBConnection, temporary: boolean, calendar: StatutoryCalendar): Promise<void> {
  const { firstDate, flags } = calendar.workingDayFlags();
  await conn.run(
    `CREATE OR REPLACE ${temporary ? "TEMP " : ""}TABLE calendar_days AS ${readSql(CALENDAR_DAYS_SQL)}`,
    { first_date: firstDate, flags },
  );
}

/**
 * Writer (refresh step 1): CREATE OR REPLACE TABLE calendar_days(day DATE, is_working BOOLEAN,
 * working_day_index INTEGER, next_working_day DATE) over every covered year. Refuses an
 * as-of date the calendar does not cover: deadlines around it could not be judged.
 */
export async function writeCalendarTable(conn: DuckDBConnection, ctx: { asOf: string }): Promise<void> {
  const calendar = statutoryCalendar();
  calendar.isWorkingDay(ctx.asOf); // throws CalendarCoverageError outside coverage
  await createCalendarDays(conn, false, calendar);
}

/**
 * The same table as a TEMP table of this connection — temp tables work on a READ_ONLY
 * DuckDB connection, and an unqualified `calendar_days` then resolves to it — so a
 * report never depends on a persisted calendar that is missing or older than
 * config/holidays/.
 */
export async function createTempCalendarTable(conn: DuckDBConnection, calendar: StatutoryCalendar = statutoryCalendar()): Promise<void> {
  await createCalendarDays(conn, true, calendar);
}
