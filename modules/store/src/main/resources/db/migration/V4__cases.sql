-- Cases and their escalation.

-- The cases configuration (departments, category tree with time limits, escalation policies) as one
-- document, the parsed config/cases.yaml. The newest row is in force; the older rows are its history.
CREATE TABLE case_config (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document   jsonb NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text NOT NULL,
    note       text NOT NULL
);

CREATE TABLE cases (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source          text NOT NULL CHECK (source IN ('officer', 'hotline', 'api', 'patrol_overdue', 'officer_silent')),
    category        text NOT NULL,
    priority        text NOT NULL CHECK (priority IN ('normal', 'urgent')),
    status          text NOT NULL CHECK (status IN ('reported', 'registered', 'dispatched', 'in_progress', 'handled',
                                                    'suspended', 'closed', 'rejected')),
    suspended_from  text,
    cell_id         bigint NOT NULL REFERENCES cells (id),
    lat             double precision,
    lon             double precision,
    description     text NOT NULL,
    reporter        text NOT NULL,
    department      text,
    assignee        text,
    -- Alert storms: the one case of a plan window and team (or of a silent officer) that its alerts join.
    group_key       text UNIQUE,
    alert_count     integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    closed_at       timestamptz,
    -- The clock of the stage running now (none while suspended or final; stage_running_since null while
    -- suspended). stage_seq counts stage runs, so a stage run again after a reopen escalates afresh.
    stage           text,
    stage_seq       integer NOT NULL DEFAULT 0,
    stage_length_ms bigint,
    stage_working   boolean,
    stage_used_ms   bigint,
    stage_running_since timestamptz,
    stage_deadline  timestamptz,
    -- For the evaluation: when the case was due to be handled (the handle stage's deadline, the last one if
    -- it ran more than once) and whether any stage ever ran past its limit.
    handle_deadline timestamptz,
    late            boolean NOT NULL DEFAULT false,
    -- Escalation of the running stage: the policy, the level reached, and the next step due.
    policy          text,
    level           integer NOT NULL DEFAULT -1,
    level_reached_at timestamptz,
    last_notified_at timestamptz,
    acknowledged_level integer NOT NULL DEFAULT -1,
    next_step_kind  text,
    next_step_level integer,
    next_step_at    timestamptz
);
CREATE INDEX cases_next_step ON cases (next_step_at) WHERE next_step_at IS NOT NULL;
CREATE INDEX cases_created ON cases (created_at, id);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_cell ON cases (cell_id);

-- The audit trail: every transition and everything done to a case, who, when, what and why. Rows are only
-- ever added; the triggers below refuse changes and deletions, also to someone with SQL access.
CREATE TABLE case_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    from_status text,
    to_status   text,
    reason      text,
    details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the case audit trail cannot be changed or deleted';
END $$;
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Photos: the bytes live in files (cases.photo_dir), named by id; the row says what they are.
CREATE TABLE case_photos (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      bigint NOT NULL REFERENCES cases (id),
    content_type text NOT NULL,
    size_bytes   integer NOT NULL,
    sha256       text NOT NULL,
    uploaded_by  text NOT NULL,
    uploaded_at  timestamptz NOT NULL
);
CREATE INDEX case_photos_case ON case_photos (case_id);

-- The alerts a case was opened for or joined.
ALTER TABLE alerts ADD COLUMN case_id bigint REFERENCES cases (id);
CREATE INDEX alerts_without_case ON alerts (id) WHERE case_id IS NULL;

-- Escalation steps taken. The unique key is the guard: a step of a stage run, its kind, level and due time
-- is taken once, whichever node or retry gets there first.
CREATE TABLE escalation_steps (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id   bigint NOT NULL REFERENCES cases (id),
    stage     text NOT NULL,
    stage_seq integer NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('escalate', 'repeat')),
    level     integer NOT NULL,
    role      text NOT NULL,
    area      text NOT NULL,
    card      text NOT NULL CHECK (card IN ('yellow', 'red')),
    due_at    timestamptz NOT NULL,
    taken_at  timestamptz NOT NULL,
    UNIQUE (case_id, stage_seq, kind, level, due_at)
);
CREATE INDEX escalation_steps_taken ON escalation_steps (taken_at);

-- The notification outbox: written in the same transaction as the step (or case change) it tells of, then
-- delivered: on the event bus, and to each configured webhook with retries; given up ('dead') after the
-- last retry, until an operator replays it.
CREATE TABLE notifications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint REFERENCES cases (id),
    step_id         bigint REFERENCES escalation_steps (id),
    channel         text NOT NULL,
    payload         jsonb NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_status ON notifications (status, id);
