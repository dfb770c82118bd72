-- The directory a city keeps itself: teams with an area and a lead, officers with a phone, the areas they
-- patrol and a status, devices of a kind with an OsmAnd key. Nothing is deleted: a retired team, an officer
-- who left and a retired device stay for the history and the reports (positions, visits and alerts keep the
-- officer and team they had at the time). Every change is also kept as a version in directory_history.

-- A team's area is a district, street or community code (most teams have a street).
ALTER TABLE teams
    ADD COLUMN lead_user_id bigint REFERENCES users (id),
    ADD COLUMN retired_at   timestamptz,
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now();

-- areas: the communities (12 digits) or cells (15) the officer normally patrols. community_code, which the
-- map, alerts and reports use to place an officer, follows from the first of them.
ALTER TABLE officers
    ADD COLUMN phone      text,
    ADD COLUMN areas      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN status     text NOT NULL DEFAULT 'on_duty' CHECK (status IN ('on_duty', 'on_leave', 'left')),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE officers SET areas = ARRAY[community_code] WHERE community_code IS NOT NULL;
ALTER TABLE officers DROP COLUMN community_code;
ALTER TABLE officers ADD COLUMN community_code text GENERATED ALWAYS AS (substring(areas[1] FROM 1 FOR 12)) STORED;
CREATE INDEX officers_team ON officers (team_id);

-- osmand_key: what a handheld must send on the OsmAnd port (in the URL path /k/<key> or as key=). It is kept
-- readable, unlike the JSON API token, because the console shows it (as the server URL and a QR code) to set a
-- phone up again; only administrators read it. version moves with every change, so that nodes can tell from a
-- cheap sum that their copy of the devices is stale.
CREATE SEQUENCE device_versions;
ALTER TABLE devices
    ADD COLUMN kind       text NOT NULL DEFAULT 'handheld' CHECK (kind IN ('handheld', 'web_handheld', 'vehicle')),
    ADD COLUMN osmand_key text UNIQUE,
    ADD COLUMN version    bigint NOT NULL DEFAULT nextval('device_versions');
UPDATE devices SET kind = 'web_handheld' WHERE unique_id LIKE 'web-%';
UPDATE devices SET osmand_key = replace(gen_random_uuid()::text, '-', '') WHERE kind <> 'web_handheld';
CREATE INDEX devices_officer ON devices (officer_id);
CREATE FUNCTION next_device_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := nextval('device_versions');
    RETURN NEW;
END $$;
CREATE TRIGGER devices_versioned BEFORE UPDATE ON devices FOR EACH ROW EXECUTE FUNCTION next_device_version();

CREATE TABLE directory_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('team', 'officer', 'device')),
    code       text NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text NOT NULL,
    action     text NOT NULL,
    record     jsonb NOT NULL
);
CREATE INDEX directory_history_of ON directory_history (kind, code, id);

-- The directory as it stood before history was kept, as each entry's first version ('initial'): reports of
-- earlier days take it to be how things were then.
INSERT INTO directory_history (kind, code, changed_at, changed_by, action, record)
SELECT 'team', t.code, now(), 'migration', 'initial',
       jsonb_build_object('code', t.code, 'name', t.name, 'area', t.street_code, 'lead', NULL, 'retired', false)
FROM teams t;
INSERT INTO directory_history (kind, code, changed_at, changed_by, action, record)
SELECT 'officer', o.code, now(), 'migration', 'initial',
       jsonb_build_object('code', o.code, 'name', o.name, 'phone', NULL, 'team', t.code, 'areas', to_jsonb(o.areas),
                          'status', o.status)
FROM officers o LEFT JOIN teams t ON t.id = o.team_id;
