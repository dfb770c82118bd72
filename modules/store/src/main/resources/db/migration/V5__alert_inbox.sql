-- Alerts reach the escalation through a small queue table instead of an update of every alert row:
-- setting alerts.case_id rewrote each alert (and its seven index entries) once more, which doubled what a
-- storm of alerts writes. An alert's case follows from the case's group key (plan, window and team, or the
-- alert's key for a silence).
CREATE TABLE alert_inbox (
    alert_id bigint PRIMARY KEY REFERENCES alerts (id)
);
INSERT INTO alert_inbox SELECT id FROM alerts WHERE case_id IS NULL;
DROP INDEX alerts_without_case;
ALTER TABLE alerts DROP COLUMN case_id;
