import type { LogEntry } from '../../core/internal.js';
import { h, idText, replaceChildren, table } from '../dom.js';
import { formatAgo, formatDuration, formatTime, shortChecksum } from '../format.js';
import type { PanelContext, View } from '../panel-context.js';

const FILTERS = {
  all: { label: 'Everything', actions: undefined },
  migrations: { label: 'Ups and downs', actions: ['up', 'down'] },
  failures: { label: 'Failures', actions: ['failed'] },
  snapshots: { label: 'Snapshots, restores, resets', actions: ['snapshot', 'restore', 'reset', 'adopt'] },
} as const;
type Filter = keyof typeof FILTERS;

/** The History tab: `_migrations_log`, newest first, with every failure's full error. */
export function createHistoryView(ctx: PanelContext): View {
  let filter: Filter = 'all';
  const select = h(
    'select',
    {
      attrs: { 'aria-label': 'Show in history' },
      on: {
        change: () => {
          filter = select.value as Filter;
          update();
        },
      },
    },
    Object.entries(FILTERS).map(([value, { label }]) => h('option', { attrs: { value } }, label)),
  );
  const count = h('span', { class: 'note' });
  const body = h('div');
  const element = h('div', {}, h('div', { class: 'toolbar' }, h('label', {}, 'Show ', select), h('span', { class: 'spacer' }), count), body);

  const update = () => {
    const allowed = FILTERS[filter].actions as readonly string[] | undefined;
    const entries = ctx.data.history.filter((entry) => !allowed || allowed.includes(entry.action));
    count.textContent = `${entries.length} of ${ctx.data.history.length} entries`;
    if (entries.length === 0) {
      replaceChildren(
        body,
        h('p', { class: 'empty' }, ctx.data.history.length === 0 ? 'No history yet: this database was never migrated.' : 'No entries of this kind.'),
      );
      return;
    }
    const snapshotIds = new Set(ctx.data.snapshots.map((s) => s.id));
    // Numbered 1, 2, 3 from the oldest: the table's identity jumps (Postgres logs sequences 32 values ahead, and PGlite reopens by recovery).
    const numbers = new Map(ctx.data.history.map((entry, index) => [entry.seq, ctx.data.history.length - index]));
    replaceChildren(
      body,
      table(
        'History',
        ['#', 'When', 'Action', 'Migration', 'Took', 'Details'],
        entries.map((entry) => row(entry, numbers.get(entry.seq)!, snapshotIds)),
      ),
    );
  };
  return { element, update };
}

function row(entry: LogEntry, number: number, snapshotIds: Set<string>): HTMLTableRowElement {
  return h(
    'tr',
    { attrs: { 'data-action': entry.action } },
    h('td', { class: 'mono', attrs: { title: `seq ${entry.seq} in _migrations_log` } }, number),
    h('td', { class: 'nowrap' }, h('span', { attrs: { title: formatAgo(entry.at) } }, formatTime(entry.at))),
    h('td', {}, h('span', { class: `badge ${entry.action}` }, entry.action)),
    h(
      'td',
      {},
      entry.migrationId
        ? h('span', { class: 'id', attrs: { title: entry.checksum ? `checksum ${entry.checksum}` : undefined } }, idText(entry.migrationId))
        : '',
    ),
    h('td', { class: 'nowrap' }, formatDuration(entry.durationMs)),
    h('td', {}, details(entry, snapshotIds)),
  );
}

function details(entry: LogEntry, snapshotIds: Set<string>): (Node | string)[] {
  const parts: (Node | string)[] = [];
  if (entry.error) {
    const [first, ...rest] = entry.error.split('\n');
    parts.push(rest.length === 0 ? h('pre', {}, entry.error) : h('details', {}, h('summary', {}, first ?? ''), h('pre', {}, entry.error)));
  }
  const d = entry.details ?? {};
  const id = typeof d.id === 'string' ? d.id : undefined;
  if (entry.action === 'snapshot' && id) {
    parts.push(
      `${d.label ? `“${String(d.label)}” ` : ''}${id}${d.reason === 'before-migrate' ? ' (before migrate)' : ''}${snapshotIds.has(id) ? '' : ' (deleted)'}`,
    );
  } else if (entry.action === 'reset') {
    parts.push(`the database was deleted${typeof d.deletedAt === 'string' ? ` at ${formatTime(d.deletedAt)}` : ''} and booted again from scratch`);
  } else if (entry.action === 'restore' && id) {
    parts.push(`from snapshot ${d.label ? `“${String(d.label)}” ` : ''}${id}${typeof d.takenAt === 'string' ? ` taken ${formatTime(d.takenAt)}` : ''}`);
  } else if (Object.keys(d).length > 0) {
    parts.push(h('span', { class: 'mono' }, JSON.stringify(d)));
  }
  if (entry.appBuild) parts.push(h('div', { class: 'desc' }, `build ${entry.appBuild}`));
  if (entry.action === 'up' && entry.checksum) parts.push(h('span', { class: 'desc mono' }, shortChecksum(entry.checksum)));
  return parts;
}
