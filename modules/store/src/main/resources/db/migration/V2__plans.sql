-- Patrol plans: what each cell needs, and when.

-- A plan; its rules live in versions. Retiring a plan stops windows that start later, and keeps history.
CREATE TABLE plans (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    team_id    bigint REFERENCES teams (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz
);

-- Each change of a plan is a new version, in effect from effective_from until the next version; a window is
-- governed by the version in effect when it starts, so past and running windows keep the rules they had.
-- definition is the plan as the API took it (time zone, cell selection, officers, windows, requirement).
CREATE TABLE plan_versions (
    plan_id        bigint NOT NULL REFERENCES plans (id),
    version        int NOT NULL,
    effective_from timestamptz NOT NULL,
    definition     jsonb NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, version)
);

-- The cells a version covers, resolved from its selection (codes, code prefixes, polygon) when it was saved.
CREATE TABLE plan_cells (
    plan_id bigint NOT NULL,
    version int NOT NULL,
    cell_id bigint NOT NULL REFERENCES cells (id),
    PRIMARY KEY (plan_id, version, cell_id),
    FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
);
CREATE INDEX plan_cells_cell ON plan_cells (cell_id);
