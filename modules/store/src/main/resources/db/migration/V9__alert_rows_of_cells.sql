-- A missed night plan is tens of thousands of cells overdue at the same instant. Written as one row per cell
-- (six index entries each), a storm of 75,000 took 3-5 s to commit on the benchmark machine, against a
-- target of 1 s from deadline to committed alert. An overdue-patrol alert row now holds the cells of one plan
-- window that fell overdue at the same instant and missed the same thing, as a sorted set of cell ids, in
-- buckets of 1,024 ids (alert_cell_bucket): a storm of a 100,000-cell city is about a hundred rows.
--
-- Exactly once per (plan, window, cell, since) still rests on a uniqueness rule: a cell's bucket row is unique
-- per plan, window and since (alerts_cells_once), and a second raise into the same bucket row only adds the
-- cells the row lacks (AlertRepository.raiseOverdue), so no miss of a cell is in two alerts.
-- Each cell of a row is still an alert of its own to the API, the map and the evaluation: see alert_cells.
CREATE EXTENSION IF NOT EXISTS intarray;

CREATE FUNCTION alert_cell_bucket(cell_id integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT cell_id / 1024';

ALTER TABLE alerts
    ALTER COLUMN alert_key DROP NOT NULL,
    ADD COLUMN cell_bucket integer,
    ADD COLUMN cell_ids integer[] NOT NULL DEFAULT '{}',
    -- The cells the last raise into this row added (null: all of them, the row is as first written).
    ADD COLUMN cells_added integer[];

-- A late visit settles one cell of a row.
CREATE TABLE alert_settlements (
    alert_id   bigint NOT NULL,
    cell_id    integer NOT NULL,
    settled_at timestamptz NOT NULL,
    PRIMARY KEY (alert_id, cell_id)
);

-- An inbox entry now stands for the cells a raise added to a row (a row can be raised into twice).
ALTER TABLE alert_inbox DROP CONSTRAINT alert_inbox_pkey;
ALTER TABLE alert_inbox
    ADD COLUMN entry bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ADD COLUMN alert_count integer NOT NULL DEFAULT 1;

-- The alerts written one per cell so far, folded into rows the same way.
CREATE TEMPORARY TABLE alert_fold AS
SELECT id, cell_id::integer AS cell_id, status, resolved_at,
       min(id) OVER (PARTITION BY plan_id, window_id, alert_cell_bucket(cell_id::integer), overdue_since) AS keep
FROM alerts WHERE kind = 'patrol_overdue';
INSERT INTO alert_settlements (alert_id, cell_id, settled_at)
SELECT keep, cell_id, resolved_at FROM alert_fold WHERE status = 'satisfied_late' ON CONFLICT DO NOTHING;
UPDATE alerts a
SET alert_key = NULL, status = 'open', resolved_at = NULL, cell_bucket = alert_cell_bucket(a.cell_id::integer),
    cell_ids = (SELECT sort(array_agg(DISTINCT f.cell_id)) FROM alert_fold f WHERE f.keep = a.id)
WHERE a.id IN (SELECT keep FROM alert_fold);
UPDATE alert_inbox i SET alert_id = f.keep FROM alert_fold f WHERE i.alert_id = f.id AND f.keep <> f.id;
DELETE FROM alerts WHERE id IN (SELECT id FROM alert_fold WHERE keep <> id);
DROP TABLE alert_fold;

ALTER TABLE alerts DROP COLUMN cell_id;
ALTER TABLE alerts ADD CONSTRAINT alerts_cells_once UNIQUE (plan_id, window_id, cell_bucket, overdue_since);
CREATE INDEX alerts_cells ON alerts USING gin (cell_ids gin__int_ops);

-- Every cell of an alert row as an alert of its own (an officer-silent alert has no cell: one line, cell null).
CREATE VIEW alert_cells AS
SELECT a.id, a.kind, CASE WHEN s.alert_id IS NULL THEN a.status ELSE 'satisfied_late' END AS status,
       a.plan_id, a.window_id, x.cell_id::bigint AS cell_id, a.cell_ids, a.officer_id, a.team_id, a.missed,
       a.overdue_since, a.raised_at, coalesce(s.settled_at, a.resolved_at) AS resolved_at
FROM alerts a
LEFT JOIN LATERAL unnest(a.cell_ids) AS x(cell_id) ON true
LEFT JOIN alert_settlements s ON s.alert_id = a.id AND s.cell_id = x.cell_id;
