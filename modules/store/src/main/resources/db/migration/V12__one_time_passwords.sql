-- An account whose password someone else chose (the first administrator's, printed once at the first start)
-- may do nothing but change it.
ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
