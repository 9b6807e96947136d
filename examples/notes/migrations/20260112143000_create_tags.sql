-- migrate:up
CREATE TABLE tags (
  id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE note_tags (
  note_id integer NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  tag_id  integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (note_id, tag_id)
);

-- migrate:down
DROP TABLE note_tags;
DROP TABLE tags;
