-- Session macros shared by the audit rules (loaders/audit/rules/*.sql). Created as TEMP
-- macros on the audit's connection (read-only is fine) before any rule runs, next to the
-- TEMP table calendar_days (loaders/calendar/calendar-table.ts).
--
-- A deadline finding (rules.md) is judged from three dates:
--   due   the last allowed day, already moved off rest days (article 75); NULL when it
--         falls in a year the holiday data does not cover yet (then it is after as_of)
--   done  the day the required step happened (NULL if it has not, as of as_of)
--   as_of the date the audit is judged at — never the wall clock
-- done on or before due → no finding; done after due → violation (late);
-- not done and as_of after due → violation (missing); not done otherwise → open.

CREATE OR REPLACE TEMP MACRO deadline_status(due, done, as_of) AS
  CASE
    WHEN done IS NOT NULL THEN CASE WHEN done > due THEN 'violation' END
    WHEN as_of > due THEN 'violation'
    ELSE 'open'
  END;

-- Natural days past the deadline: to the late step, or to as_of while it is missing.
CREATE OR REPLACE TEMP MACRO deadline_days_over(due, done, as_of) AS
  CAST(CASE
    WHEN done > due THEN date_diff('day', due, done)
    WHEN done IS NULL AND as_of > due THEN date_diff('day', due, as_of)
  END AS INTEGER);

-- Natural days still left while the step is open (0 on the last allowed day).
CREATE OR REPLACE TEMP MACRO deadline_days_left(due, done, as_of) AS
  CAST(CASE WHEN done IS NULL AND as_of <= due THEN date_diff('day', as_of, due) END AS INTEGER);

-- The last allowed day as text for a sentence; says so when it cannot be known yet.
CREATE OR REPLACE TEMP MACRO due_text(due) AS
  coalesce(CAST(due AS VARCHAR), '（截止日落在尚无法定节假日数据的年份，请在 config/holidays/ 补充国务院放假安排）');

-- The second half of a deadline sentence, from the three dates and what was due.
--   step  what had to happen, e.g. '报送检验报告'
CREATE OR REPLACE TEMP MACRO deadline_clause(step, due, done, as_of) AS
  CASE
    WHEN done IS NOT NULL
      THEN '实际于 ' || CAST(done AS VARCHAR) || ' ' || step || '，逾期 ' || CAST(date_diff('day', due, done) AS VARCHAR) || ' 日。'
    WHEN as_of > due
      THEN '截至 ' || CAST(as_of AS VARCHAR) || ' 仍未' || step || '，已逾期 ' || CAST(date_diff('day', due, as_of) AS VARCHAR) || ' 日。'
    WHEN due IS NULL
      THEN '截至 ' || CAST(as_of AS VARCHAR) || ' 尚未' || step || '，期限未届满。'
    ELSE '截至 ' || CAST(as_of AS VARCHAR) || ' 尚未' || step || '，距截止还剩 ' || CAST(date_diff('day', as_of, due) AS VARCHAR) || ' 日。'
  END;
