// createTestDatabase (a template dumped once, loaded per test) against migrating a fresh
// in-memory database for every test. Run against the built package: npm run build first.
// Usage: node bench/testing-template.bench.mjs [rounds]   (default 6 rounds)
// Writes bench/results/testing-template.md and prints the ratio.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../dist/core/index.js';
import { loadMigrations } from '../dist/node/index.js';
import { createTestDatabase } from '../dist/testing/index.js';
import { writeResultsMd } from './results-md.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const rounds = Number(process.argv[2] ?? 6);

/** About 30 migrations shaped like a real app's history: tables, keys, enums, views, functions, triggers, seeds, two TS modules. */
function history() {
  const files = {};
  let n = 0;
  const add = (name, text, ext = 'sql') => {
    n++;
    files[`2026010${Math.floor(n / 10)}${String(n % 10).padStart(2, '0')}0000_${name}.${ext}`.replace(/^(\d{8})/, (d) => d)] = text;
  };
  const table = (name, columns, extra = '') =>
    `-- migrate:up\nCREATE TABLE ${name} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n${columns},\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n${extra}\n-- migrate:down\nDROP TABLE ${name};\n`;
  add('create_users', table('users', '  email text NOT NULL UNIQUE,\n  display_name text NOT NULL', 'CREATE INDEX users_created_at ON users (created_at);'));
  add('create_workspaces', table('workspaces', '  name text NOT NULL,\n  owner_id bigint NOT NULL REFERENCES users ON DELETE CASCADE'));
  add(
    'create_memberships',
    table(
      'memberships',
      "  workspace_id bigint NOT NULL REFERENCES workspaces ON DELETE CASCADE,\n  user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,\n  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member'))",
      'CREATE UNIQUE INDEX memberships_unique ON memberships (workspace_id, user_id);',
    ),
  );
  add('create_status_enum', "-- migrate:up\nCREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');\n-- migrate:down\nDROP TYPE task_status;\n");
  add(
    'create_projects',
    table(
      'projects',
      '  workspace_id bigint NOT NULL REFERENCES workspaces ON DELETE CASCADE,\n  title text NOT NULL,\n  archived boolean NOT NULL DEFAULT false',
      'CREATE INDEX projects_workspace ON projects (workspace_id) WHERE NOT archived;',
    ),
  );
  add(
    'create_tasks',
    table(
      'tasks',
      "  project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,\n  title text NOT NULL,\n  status task_status NOT NULL DEFAULT 'todo',\n  due_on date,\n  assignee_id bigint REFERENCES users ON DELETE SET NULL",
      'CREATE INDEX tasks_project_status ON tasks (project_id, status);\nCREATE INDEX tasks_assignee ON tasks (assignee_id);',
    ),
  );
  add(
    'create_comments',
    table('comments', '  task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,\n  author_id bigint NOT NULL REFERENCES users,\n  body text NOT NULL'),
  );
  add(
    'create_labels',
    table(
      'labels',
      "  workspace_id bigint NOT NULL REFERENCES workspaces ON DELETE CASCADE,\n  name text NOT NULL,\n  color text NOT NULL DEFAULT '#888888'",
      'CREATE UNIQUE INDEX labels_name ON labels (workspace_id, lower(name));',
    ),
  );
  add(
    'create_task_labels',
    '-- migrate:up\nCREATE TABLE task_labels (\n  task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,\n  label_id bigint NOT NULL REFERENCES labels ON DELETE CASCADE,\n  PRIMARY KEY (task_id, label_id)\n);\n-- migrate:down\nDROP TABLE task_labels;\n',
  );
  add('add_users_avatar', '-- migrate:up\nALTER TABLE users ADD COLUMN avatar_url text;\n-- migrate:down\nALTER TABLE users DROP COLUMN avatar_url;\n');
  add(
    'add_tasks_position',
    '-- migrate:up\nALTER TABLE tasks ADD COLUMN position double precision NOT NULL DEFAULT 0;\nCREATE INDEX tasks_position ON tasks (project_id, position);\n-- migrate:down\nALTER TABLE tasks DROP COLUMN position;\n',
  );
  add(
    'create_updated_at_function',
    '-- migrate:up\nCREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;\n-- migrate:down\nDROP FUNCTION touch_updated_at();\n',
  );
  for (const t of ['tasks', 'projects', 'comments']) {
    add(
      `add_${t}_updated_at`,
      `-- migrate:up\nALTER TABLE ${t} ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();\nCREATE TRIGGER ${t}_touch BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION touch_updated_at();\n-- migrate:down\nDROP TRIGGER ${t}_touch ON ${t};\nALTER TABLE ${t} DROP COLUMN updated_at;\n`,
    );
  }
  add(
    'create_attachments',
    table(
      'attachments',
      '  task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,\n  file_name text NOT NULL,\n  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),\n  mime_type text',
    ),
  );
  add(
    'create_activity',
    table(
      'activity',
      "  workspace_id bigint NOT NULL REFERENCES workspaces ON DELETE CASCADE,\n  actor_id bigint REFERENCES users,\n  kind text NOT NULL,\n  payload jsonb NOT NULL DEFAULT '{}'",
      'CREATE INDEX activity_workspace_time ON activity (workspace_id, created_at DESC);\nCREATE INDEX activity_payload ON activity USING gin (payload);',
    ),
  );
  add(
    'create_open_tasks_view',
    "-- migrate:up\nCREATE VIEW open_tasks AS\n  SELECT t.id, t.title, t.status, p.title AS project, u.display_name AS assignee\n    FROM tasks t JOIN projects p ON p.id = t.project_id LEFT JOIN users u ON u.id = t.assignee_id\n   WHERE t.status <> 'done' AND NOT p.archived;\n-- migrate:down\nDROP VIEW open_tasks;\n",
  );
  add(
    'seed_default_labels',
    `import type { MigrationDb } from 'pgboot';
export const description = 'a demo workspace with default labels';
export async function up(db: MigrationDb): Promise<void> {
  const user = await db.query<{ id: number }>("INSERT INTO users (email, display_name) VALUES ('demo@example.com', 'Demo') RETURNING id");
  const ws = await db.query<{ id: number }>('INSERT INTO workspaces (name, owner_id) VALUES ($1, $2) RETURNING id', ['Demo', user.rows[0]!.id]);
  for (const [name, color] of [['bug', '#d73a4a'], ['feature', '#a2eeef'], ['chore', '#cccccc']]) {
    await db.query('INSERT INTO labels (workspace_id, name, color) VALUES ($1, $2, $3)', [ws.rows[0]!.id, name, color]);
  }
}
export async function down(db: MigrationDb): Promise<void> {
  await db.exec("DELETE FROM users WHERE email = 'demo@example.com'");
}
`,
    'ts',
  );
  add(
    'add_tasks_search',
    "-- migrate:up\nALTER TABLE tasks ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED;\nCREATE INDEX tasks_search ON tasks USING gin (search);\n-- migrate:down\nALTER TABLE tasks DROP COLUMN search;\n",
  );
  add(
    'create_notifications',
    table(
      'notifications',
      '  user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,\n  activity_id bigint NOT NULL REFERENCES activity ON DELETE CASCADE,\n  read_at timestamptz',
      'CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;',
    ),
  );
  add('add_status_blocked', "-- migrate:up transaction:false\nALTER TYPE task_status ADD VALUE 'blocked' BEFORE 'done';\n");
  add(
    'create_saved_filters',
    table('saved_filters', '  user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,\n  name text NOT NULL,\n  query jsonb NOT NULL'),
  );
  add(
    'add_workspaces_slug',
    "-- migrate:up\nALTER TABLE workspaces ADD COLUMN slug text;\nUPDATE workspaces SET slug = lower(regexp_replace(name, '[^a-zA-Z0-9]+', '-', 'g'));\nALTER TABLE workspaces ALTER COLUMN slug SET NOT NULL;\nCREATE UNIQUE INDEX workspaces_slug ON workspaces (slug);\n-- migrate:down\nALTER TABLE workspaces DROP COLUMN slug;\n",
  );
  add(
    'create_task_counts_function',
    '-- migrate:up\nCREATE FUNCTION project_task_counts(p bigint) RETURNS TABLE (status task_status, n bigint) LANGUAGE sql STABLE AS $$\n  SELECT status, count(*) FROM tasks WHERE project_id = p GROUP BY status\n$$;\n-- migrate:down\nDROP FUNCTION project_task_counts(bigint);\n',
  );
  add(
    'create_time_entries',
    table(
      'time_entries',
      '  task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,\n  user_id bigint NOT NULL REFERENCES users,\n  minutes integer NOT NULL CHECK (minutes > 0),\n  spent_on date NOT NULL DEFAULT current_date',
      'CREATE INDEX time_entries_task ON time_entries (task_id);',
    ),
  );
  add(
    'backfill_activity_kinds',
    `import type { MigrationDb } from 'pgboot';
export async function up(db: MigrationDb): Promise<void> {
  await db.exec("CREATE TABLE activity_kinds (kind text PRIMARY KEY, label text NOT NULL)");
  await db.exec("INSERT INTO activity_kinds VALUES ('task.created', 'Task created'), ('task.done', 'Task done'), ('comment.added', 'Comment added')");
}
export async function down(db: MigrationDb): Promise<void> {
  await db.exec('DROP TABLE activity_kinds');
}
`,
    'ts',
  );
  add(
    'create_invites',
    table(
      'invites',
      "  workspace_id bigint NOT NULL REFERENCES workspaces ON DELETE CASCADE,\n  email text NOT NULL,\n  token uuid NOT NULL DEFAULT gen_random_uuid(),\n  expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days'",
      'CREATE UNIQUE INDEX invites_token ON invites (token);',
    ),
  );
  add(
    'add_comments_edited',
    '-- migrate:up\nALTER TABLE comments ADD COLUMN edited_at timestamptz;\n-- migrate:down\nALTER TABLE comments DROP COLUMN edited_at;\n',
  );
  return files;
}

async function writeHistory() {
  const dir = await mkdtemp(join(tmpdir(), 'pgboot-bench-'));
  const files = history();
  // Versions: one per minute on 2026-01-01, in order.
  let i = 0;
  for (const [name, text] of Object.entries(files)) {
    const stamp = `2026010100${String(Math.floor(i / 60)).padStart(2, '0')}${String(i % 60).padStart(2, '0')}`;
    await writeFile(join(dir, `${stamp}_${name.replace(/^\d+_/, '')}`), text);
    i++;
  }
  return { dir, count: i };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${Math.round(ms)} ms`;

/** Wall time and this process's CPU time until a fresh database answers its first query. */
async function timed(work) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const db = await work();
  await db.query('SELECT count(*) FROM labels');
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  await db.close();
  return { wall: ms, cpu: (used.user + used.system) / 1000 };
}

const { dir, count } = await writeHistory();
const migrations = await loadMigrations(dir);
const quiet = { onWarning: () => {} };
const fromScratch = () =>
  timed(async () => {
    const db = new PGlite();
    await migrate(db, { migrations, ...quiet });
    return db;
  });
const fromTemplate = () => timed(() => createTestDatabase({ migrations, migrate: quiet }));

// Warm-up: loads the wasm module once in this process, so neither side pays for it.
await fromScratch();
const firstTemplateCall = await fromTemplate(); // builds the template: migrate once + dump
const scratch = [];
const template = [];
for (let r = 0; r < rounds; r++) {
  // Interleaved, so that load from other work on this shared machine hits both sides alike.
  scratch.push(await fromScratch());
  template.push(await fromTemplate());
}
await rm(dir, { recursive: true, force: true });

const wall = (xs) => xs.map((x) => x.wall);
const cpu = (xs) => xs.map((x) => x.cpu);
const ratio = median(wall(scratch)) / median(wall(template));
const cpuRatio = median(cpu(scratch)) / median(cpu(template));
const row = (label, xs) => `| ${label} | ${fmt(median(wall(xs)))} | ${fmt(Math.min(...wall(xs)))} | ${fmt(Math.max(...wall(xs)))} | ${fmt(median(cpu(xs)))} |`;
const report = `## createTestDatabase: template clone vs. migrating each time

\`node bench/testing-template.bench.mjs\` (after \`npm run build\`), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores
(shared with other work: load average ${loadavg()[0].toFixed(1)} at the end), PGlite 0.5.16. A generated history of ${count} migrations
(tables, foreign keys, enums, views, plpgsql functions, triggers, seeds, a generated tsvector column, two TypeScript
modules). Each figure is the time until a fresh in-memory database answers its first query, ${rounds} rounds, the two
ways interleaved; CPU is this process's user+system time, which other work on the machine disturbs less than wall time.

| per test database | wall median | wall min | wall max | CPU median |
| --- | --- | --- | --- | --- |
${row('`new PGlite()` + `migrate` (from scratch)', scratch)}
${row('`createTestDatabase` (clone of the template)', template)}
| first \`createTestDatabase\` call (builds the template) | ${fmt(firstTemplateCall.wall)} | | | ${fmt(firstTemplateCall.cpu)} |

**${ratio.toFixed(1)}x faster per database in wall time, ${cpuRatio.toFixed(1)}x in CPU time** (medians). The first call costs
about one from-scratch run plus a dump, so the template pays for itself from the second database on.
`;
await mkdir(join(here, 'results'), { recursive: true });
await writeFile(join(here, 'results', 'testing-template.md'), report);
writeResultsMd(); // bench/RESULTS.md: this section and the others, with their notes
console.log(report);
console.log(`ratio: ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU (scratch / template medians)`);
