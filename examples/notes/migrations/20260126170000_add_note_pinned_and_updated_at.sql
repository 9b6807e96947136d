-- migrate:up
ALTER TABLE notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;
ALTER TABLE notes ADD COLUMN updated_at timestamptz;
UPDATE notes SET updated_at = created_at;
ALTER TABLE notes ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE notes ALTER COLUMN updated_at SET DEFAULT now();

-- migrate:down
ALTER TABLE notes DROP COLUMN updated_at;
ALTER TABLE notes DROP COLUMN pinned;
