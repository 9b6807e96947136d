import { defineConfig } from 'drizzle-kit';

// Run drizzle-kit from this folder (examples/notes): it reads the paths below against the working
// directory. It writes into pgboot's migrations folder, next to the hand-written migrations:
// `migrations.prefix: 'timestamp'` names its files like pgboot's own (<YYYYMMDDHHmmss>_<name>.sql),
// and its bookkeeping (meta/_journal.json, meta/*_snapshot.json) goes in migrations/meta/.
// pgboot reads the journal for drizzle-kit's files and runs the other files as its own.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './migrations',
  migrations: { prefix: 'timestamp' },
});
