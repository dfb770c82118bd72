-- The GIN index on alerts.cell_ids (V9) made storms slow now and then: its pending list of new entries
-- fills up with a storm's 75,000 cells, and the raise that overflows it (every second or third storm)
-- merges the list into the index inside its own statement. Measured on the benchmark's 100,000-cell city,
-- raising 74,892 cells in one statement: 60-180 ms, and 580-840 ms for every raise that flushed the list;
-- without the index 48-160 ms, none slower. What the index served is found through the bucket of a cell's
-- id instead: one b-tree entry per alert row, not one per cell.
DROP INDEX alerts_cells;
CREATE INDEX alerts_bucket_time ON alerts (cell_bucket, overdue_since);

-- The view gains the bucket, so a cell's alerts are looked up by it (see AlertRepository.list).
CREATE OR REPLACE VIEW alert_cells AS
SELECT a.id, a.kind, CASE WHEN s.alert_id IS NULL THEN a.status ELSE 'satisfied_late' END AS status,
       a.plan_id, a.window_id, x.cell_id::bigint AS cell_id, a.cell_ids, a.officer_id, a.team_id, a.missed,
       a.overdue_since, a.raised_at, coalesce(s.settled_at, a.resolved_at) AS resolved_at, a.cell_bucket
FROM alerts a
LEFT JOIN LATERAL unnest(a.cell_ids) AS x(cell_id) ON true
LEFT JOIN alert_settlements s ON s.alert_id = a.id AND s.cell_id = x.cell_id;
