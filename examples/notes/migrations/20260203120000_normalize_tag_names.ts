import type { MigrationDb } from 'pgboot';

export const description = 'Data: tag names become lowercase and trimmed; tags that then collide are merged';

/** Tags were case-sensitive ("Ideas" and "ideas" were two tags). Merge them, then forbid it. */
export async function up(db: MigrationDb) {
  const { rows } = await db.query<{ id: number; name: string }>(`SELECT id, name FROM tags ORDER BY id`);
  const keep = new Map<string, number>();
  for (const tag of rows) {
    const normalized = tag.name.trim().toLowerCase();
    const survivor = keep.get(normalized);
    if (survivor === undefined) {
      keep.set(normalized, tag.id);
      continue;
    }
    // Move this tag's notes to the surviving tag, then drop it.
    await db.query(
      `INSERT INTO note_tags (note_id, tag_id) SELECT note_id, $1 FROM note_tags WHERE tag_id = $2 ON CONFLICT DO NOTHING`,
      [survivor, tag.id],
    );
    await db.query(`DELETE FROM tags WHERE id = $1`, [tag.id]);
  }
  await db.exec(`UPDATE tags SET name = lower(trim(name))`);
  await db.exec(`ALTER TABLE tags ADD CONSTRAINT tags_name_normalized CHECK (name = lower(trim(name)) AND name <> '')`);
}

export async function down(db: MigrationDb) {
  await db.exec(`ALTER TABLE tags DROP CONSTRAINT tags_name_normalized`);
}
