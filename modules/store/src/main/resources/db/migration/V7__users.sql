-- People who log in. areas are district, street or community code prefixes (empty: the whole city);
-- an officer account is the officer of the directory, a team lead's account leads a team, a handler's works
-- for a department of the cases configuration.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name  text NOT NULL,
    role          text NOT NULL CHECK (role IN ('officer', 'team_lead', 'operator', 'planner', 'handler', 'admin')),
    areas         text[] NOT NULL DEFAULT '{}',
    officer_id    bigint UNIQUE REFERENCES officers (id),
    team_id       bigint REFERENCES teams (id),
    department    text,
    password_hash text NOT NULL,
    failed_logins int NOT NULL DEFAULT 0,
    locked_until  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    disabled_at   timestamptz,
    CHECK (role <> 'officer' OR officer_id IS NOT NULL),
    CHECK (role <> 'handler' OR department IS NOT NULL)
);

-- A login. The token itself is only ever with the browser or client; the table keeps its SHA-256
-- (the tokens are 256 random bits, so a plain hash is enough).
CREATE TABLE sessions (
    token_sha256 bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    client       text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_of_user ON sessions (user_id) WHERE revoked_at IS NULL;
