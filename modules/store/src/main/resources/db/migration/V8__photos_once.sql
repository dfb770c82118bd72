-- A handheld that never saw the answer to a photo upload sends it again; the same picture of the same case
-- is one photo.
CREATE UNIQUE INDEX case_photos_once ON case_photos (case_id, sha256);
