-- GridPatrol foundation schema: the directory (teams, officers, devices), the grid, and check-in positions.

CREATE TABLE teams (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    street_code text
);

CREATE TABLE officers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    name           text NOT NULL,
    team_id        bigint REFERENCES teams (id),
    community_code text
);

-- A handheld. unique_id is what the OsmAnd protocol sends as id/deviceid; token_sha256 is the hash of the
-- bearer token for the JSON API (tokens are random, so a plain hash is enough to keep them out of the table).
CREATE TABLE devices (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unique_id     text NOT NULL UNIQUE,
    officer_id    bigint REFERENCES officers (id),
    token_sha256  bytea,
    registered_at timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz
);

CREATE TABLE grid_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    imported_at timestamptz NOT NULL DEFAULT now(),
    source      text NOT NULL,
    crs         text NOT NULL,
    features    int NOT NULL,
    created     int NOT NULL,
    updated     int NOT NULL,
    rejected    int NOT NULL,
    problems    jsonb NOT NULL
);

-- Unit grid cells. A re-import updates a cell in place (same id), so positions keep pointing at it.
CREATE TABLE cells (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       char(15) NOT NULL UNIQUE,
    name       text NOT NULL,
    district   text NOT NULL,
    street     text NOT NULL,
    community  text NOT NULL,
    geometry   jsonb NOT NULL, -- GeoJSON, WGS-84
    shard      int NOT NULL,
    import_id  bigint REFERENCES grid_imports (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every accepted fix, partitioned by fix time (one partition a day, see ensure_position_partitions) so that a
-- year of a big city's fixes stays fast to query and old days are dropped whole by the retention job.
-- The primary key is also what makes a retried check-in a duplicate instead of a second row.
CREATE TABLE positions (
    device_id       bigint NOT NULL,
    fix_time        timestamptz NOT NULL,
    client_ref      text NOT NULL DEFAULT '',
    officer_id      bigint,
    received_at     timestamptz NOT NULL,
    lat             double precision NOT NULL,
    lon             double precision NOT NULL,
    accuracy        real,
    speed           real,  -- m/s
    heading         real,  -- degrees
    altitude        real,  -- m
    battery         real,  -- percent
    cell_id         bigint, -- NULL: outside every cell (stored and flagged, not lost)
    claimed_cell_id bigint, -- the cell of an explicit "I am at this cell" check-in
    note            text,
    attributes      jsonb,
    PRIMARY KEY (device_id, fix_time, client_ref)
) PARTITION BY RANGE (fix_time);

CREATE INDEX positions_cell_time ON positions (cell_id, fix_time);
CREATE INDEX positions_officer_time ON positions (officer_id, fix_time);

-- The latest fix of each device. Only a newer fix moves it, so late uploads never move an officer backwards;
-- last_received_at moves with every accepted upload, so a device replaying its buffer counts as alive.
CREATE TABLE device_state (
    device_id        bigint PRIMARY KEY REFERENCES devices (id),
    officer_id       bigint,
    fix_time         timestamptz NOT NULL,
    lat              double precision NOT NULL,
    lon              double precision NOT NULL,
    speed            real,
    heading          real,
    battery          real,
    cell_id          bigint,
    last_received_at timestamptz NOT NULL
);

-- Creates the daily partitions of positions covering [from_day, to_day]; safe to call again.
CREATE FUNCTION ensure_position_partitions(from_day date, to_day date) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    day date := from_day;
    created int := 0;
    part text;
BEGIN
    WHILE day <= to_day LOOP
        part := 'positions_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF positions FOR VALUES FROM (%L) TO (%L)',
                           part, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END $$;

-- Drops the daily partitions of positions that end on or before before_day; returns how many.
CREATE FUNCTION drop_position_partitions_before(before_day date) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    part record;
    dropped int := 0;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'positions'::regclass
          AND c.relname ~ '^positions_[0-9]{8}$'
          AND to_date(substr(c.relname, 11), 'YYYYMMDD') < before_day
    LOOP
        EXECUTE format('DROP TABLE %I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END $$;
