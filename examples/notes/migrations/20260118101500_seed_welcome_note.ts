import type { MigrationDb } from 'pgboot';

export const description = 'Data: a welcome note, tagged, so a new user sees how the app works';

export async function up(db: MigrationDb) {
  const note = await db.query<{ id: number }>(
    `INSERT INTO notes (title, body) VALUES ($1, $2) RETURNING id`,
    ['Welcome to pgboot notes', 'Notes live in PGlite, in IndexedDB. Add one below, tag it #ideas, then reload: it stays.'],
  );
  const tag = await db.query<{ id: number }>(`INSERT INTO tags (name) VALUES ('Welcome') RETURNING id`);
  await db.query(`INSERT INTO note_tags (note_id, tag_id) VALUES ($1, $2)`, [note.rows[0]!.id, tag.rows[0]!.id]);
}

export async function down(db: MigrationDb) {
  await db.exec(`DELETE FROM notes WHERE title = 'Welcome to pgboot notes'; DELETE FROM tags WHERE name = 'Welcome';`);
}
