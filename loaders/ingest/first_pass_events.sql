-- First pass over an events file: events are narrow, so every checked row is kept.
CREATE OR REPLACE TEMP TABLE checked_event_rows AS
SELECT * FROM checked_events();

CREATE OR REPLACE TEMP TABLE checked_summary AS
SELECT source_row, sample_id, problems FROM checked_event_rows;
