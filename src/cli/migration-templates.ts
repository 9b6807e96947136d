/** The text of a new SQL migration made by `pgboot create`. */
export function sqlTemplate(id: string): string {
  return `-- ${id}
-- Runs once, in a transaction of its own that also records it in _migrations: no BEGIN/COMMIT here.
-- For statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY), write
-- '-- migrate:up transaction:false' instead of the marker below.

-- migrate:up


-- migrate:down
-- Undo the up section (used by 'pgboot down' and the dev panel). Delete this section if the change cannot be undone.

`;
}

/** The text of a new TypeScript migration made by `pgboot create --ts`. */
export function tsTemplate(id: string): string {
  return `// ${id}
import type { MigrationDb } from 'pgboot';

// Runs once, in a transaction of its own that also records it in _migrations.
// Export \`const transaction = false\` to run outside a transaction (e.g. CREATE INDEX CONCURRENTLY).
// export const description = 'shown in pgboot status --json and the dev panel';

export async function up(db: MigrationDb): Promise<void> {
  await db.exec(\`
  \`);
}

// Undoes up() (used by 'pgboot down' and the dev panel). Delete it if the change cannot be undone.
export async function down(db: MigrationDb): Promise<void> {
  await db.exec(\`
  \`);
}
`;
}
