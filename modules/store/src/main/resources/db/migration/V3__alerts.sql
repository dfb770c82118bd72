-- Alerts of the overdue detector. An alert is raised exactly once: alert_key names what was missed (plan,
-- window, cell, and since when) and its uniqueness is the backstop against two nodes, retries and restarts
-- raising it twice.
CREATE TABLE alerts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_key     text NOT NULL UNIQUE,
    kind          text NOT NULL CHECK (kind IN ('patrol_overdue', 'officer_silent')),
    status        text NOT NULL CHECK (status IN ('open', 'satisfied_late', 'cleared')),
    plan_id       bigint REFERENCES plans (id),
    window_id     text,
    cell_id       bigint REFERENCES cells (id),
    officer_id    bigint REFERENCES officers (id),
    team_id       bigint REFERENCES teams (id),
    missed        text NOT NULL,
    overdue_since timestamptz NOT NULL,
    raised_at     timestamptz NOT NULL,
    resolved_at   timestamptz
);
CREATE INDEX alerts_time ON alerts (overdue_since);
CREATE INDEX alerts_cell_time ON alerts (cell_id, overdue_since);
CREATE INDEX alerts_plan_time ON alerts (plan_id, overdue_since);
CREATE INDEX alerts_open ON alerts (plan_id, window_id, cell_id) WHERE status = 'open';
