-- calendar_days: one row per covered day (article 75), built from the working-day
-- flags of loaders/calendar/statutory-calendar.ts (chinese-days + config/holidays/),
-- so SQL and TypeScript count days the same way.
--   $first_date  the first covered day ('YYYY-01-01')
--   $flags       one character per day from $first_date: '1' working day, '0' rest day
-- working_day_index: working days up to and including `day` — the n-th working day
--   after d is the working day whose index is index(d) + n (article 49).
-- next_working_day: `day` itself when it is a working day, else the next working day —
--   a period whose last day is d ends on next_working_day(d) (article 75). NULL after
--   the last covered working day: deadlines there are unknown, never guessed.
WITH flags AS (
  SELECT
    CAST(CAST($first_date AS DATE) + CAST(i AS INTEGER) AS DATE) AS day,
    substr($flags, CAST(i AS INTEGER) + 1, 1) = '1'               AS is_working
  FROM range(0, length($flags)) AS t(i)
)
SELECT
  day,
  is_working,
  CAST(sum(CAST(is_working AS INTEGER)) OVER (ORDER BY day) AS INTEGER) AS working_day_index,
  min(CASE WHEN is_working THEN day END) OVER (ORDER BY day ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_working_day
FROM flags
ORDER BY day
