-- migrate:up
CREATE INDEX notes_title_search ON notes (lower(title));
CREATE INDEX notes_pinned_updated ON notes (pinned DESC, updated_at DESC);

-- migrate:down
DROP INDEX notes_pinned_updated;
DROP INDEX notes_title_search;
