import type { MigrationStatusEntry } from '../../core/internal.js';
import { button, h, idText, replaceChildren, table } from '../dom.js';
import { formatAgo, formatDuration, formatTime, plural, shortChecksum } from '../format.js';
import type { PanelContext, View } from '../panel-context.js';

/**
 * The Migrations tab: every bundled and unknown migration with its state, time, duration and
 * checksum, and the actions on them (apply, roll back, redo, reset).
 */
export function createMigrationsView(ctx: PanelContext): View {
  const toolbar = h('div', { class: 'toolbar' });
  const body = h('div');
  const element = h('div', {}, toolbar, body);

  const update = () => {
    const status = ctx.data.status;
    const entries = status?.entries ?? [];
    const appliedOrder = entries.filter((e) => e.state === 'applied' || e.state === 'drifted' || e.state === 'unknown');
    const newest = appliedOrder.at(-1);
    const pending = status?.pending ?? [];
    const noDown = newest && !newest.reversible ? ` (${newest.id} has no down)` : '';
    const closed = ctx.busy || !ctx.hasDb;

    replaceChildren(
      toolbar,
      button(pending.length > 0 ? `Apply pending (${pending.length})` : 'Apply pending', () => applyPending(ctx), {
        class: 'primary',
        props: { disabled: closed || pending.length === 0 },
      }),
      button('Roll back last', () => rollback(ctx, newest ? [newest.id] : [], { steps: 1 }), {
        class: 'danger',
        props: { disabled: closed || !newest?.reversible },
        attrs: { title: newest ? `Revert ${newest.id}${noDown}` : 'Nothing is applied' },
      }),
      button('Redo last', () => redo(ctx, newest?.id), {
        props: { disabled: closed || !newest?.reversible || newest.state === 'unknown' },
        attrs: { title: newest ? `Revert ${newest.id} and apply it again${noDown}` : 'Nothing is applied' },
      }),
      h('span', { class: 'spacer' }),
      button('Reset database…', () => confirmReset(ctx), {
        class: 'danger',
        props: { disabled: ctx.busy || !ctx.name },
        attrs: { title: ctx.name ? `Delete the IndexedDB database /pglite/${ctx.name} and reload` : 'Pass { name } to mountDevtools to enable reset' },
      }),
    );

    if (!ctx.hasDb) {
      replaceChildren(body, notOpen(ctx));
      return;
    }
    if (!status) {
      replaceChildren(
        body,
        h('p', { class: 'empty' }, ctx.data.statusError ? 'The bundled migrations could not be read (see the error above).' : 'Reading the database…'),
      );
      return;
    }
    if (entries.length === 0) {
      replaceChildren(body, h('p', { class: 'empty' }, 'No migrations are bundled, and none are applied.'));
      return;
    }
    replaceChildren(
      body,
      table(
        'Migrations',
        ['State', 'Migration', 'Applied', 'Took', 'Checksum', ''],
        entries.map((entry) => row(ctx, entry, appliedOrder)),
      ),
    );
  };
  return { element, update };
}

/** After a failed boot: why nothing is listed, and what can be done from here. */
function notOpen(ctx: PanelContext): HTMLElement {
  const snapshots = ctx.data.snapshots.length;
  return h(
    'div',
    { class: 'not-open', attrs: { 'data-testid': 'not-open' } },
    h('p', {}, ctx.bootError === undefined ? 'The database is not open.' : 'The database is not open: the boot failed (the error is shown above).'),
    h('p', {}, 'From here you can:'),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        snapshots === 0
          ? 'restore a snapshot (Snapshots tab): none is kept yet;'
          : `restore ${snapshots === 1 ? 'the snapshot' : `one of the ${snapshots} snapshots`} kept (Snapshots tab), or download it;`,
      ),
      h(
        'li',
        {},
        ctx.name
          ? 'reset the database (Reset database…): it is deleted and every migration runs again;'
          : 'reset the database: pass mountDevtools({ name }) to enable it;',
      ),
      h('li', {}, 'or fix the cause (e.g. the migration file named in the error) and reload the page.'),
    ),
  );
}

function row(ctx: PanelContext, entry: MigrationStatusEntry, appliedOrder: MigrationStatusEntry[]): HTMLTableRowElement {
  const position = appliedOrder.indexOf(entry);
  const newer = position === -1 ? [] : appliedOrder.slice(position + 1);
  let action: HTMLButtonElement | null = null;
  if (entry.state === 'pending') {
    action = button('Apply up to here', () => applyPending(ctx, entry.id), {
      props: { disabled: ctx.busy || !ctx.hasDb },
      attrs: { 'aria-label': `Apply up to ${entry.id}` },
    });
  } else if (newer.length > 0) {
    action = button('Roll back to here', () => rollback(ctx, newer.map((e) => e.id).reverse(), { to: entry.id }), {
      class: 'danger',
      props: { disabled: ctx.busy || !ctx.hasDb || newer.some((e) => !e.reversible) },
      attrs: {
        'aria-label': `Roll back to ${entry.id}`,
        title: newer.some((e) => !e.reversible)
          ? `Cannot: ${newer
              .filter((e) => !e.reversible)
              .map((e) => e.id)
              .join(', ')} has no down`
          : `Revert the ${plural(newer.length, 'migration')} after ${entry.id}`,
      },
    });
  }

  const checksum = entry.checksum ?? entry.storedChecksum;
  return h(
    'tr',
    { class: entry.state, attrs: { 'data-id': entry.id, 'data-state': entry.state } },
    h(
      'td',
      {},
      h('span', { class: `badge ${entry.state}` }, entry.state),
      entry.outOfOrder ? h('span', { class: 'badge ooo', attrs: { title: 'Sorts before a migration that is already applied' } }, 'out of order') : null,
    ),
    h(
      'td',
      {},
      h('div', { class: 'id' }, idText(entry.id)),
      entry.description ? h('div', { class: 'desc' }, entry.description) : null,
      entry.file && !entry.file.includes(entry.id) ? h('div', { class: 'desc' }, entry.file) : null,
      entry.state === 'drifted'
        ? h('div', { class: 'checksums' }, `changed since applied: stored ${shortChecksum(entry.storedChecksum)}, file now ${shortChecksum(entry.checksum)}`)
        : null,
      entry.state === 'unknown' ? h('div', { class: 'checksums' }, 'applied by a newer build: this build does not include it') : null,
      entry.state === 'empty' ? h('div', { class: 'desc' }, 'no statements yet: it is applied once its up has some') : null,
      entry.state !== 'pending' && entry.state !== 'empty' && !entry.reversible ? h('div', { class: 'desc' }, 'no down migration') : null,
    ),
    h('td', { class: 'nowrap' }, entry.appliedAt ? h('span', { attrs: { title: formatAgo(entry.appliedAt) } }, formatTime(entry.appliedAt)) : ''),
    h('td', { class: 'nowrap' }, formatDuration(entry.durationMs)),
    h(
      'td',
      { class: 'mono' },
      h(
        'span',
        { attrs: { title: entry.state === 'drifted' ? `stored ${entry.storedChecksum}\nfile   ${entry.checksum}` : (checksum ?? '') } },
        shortChecksum(checksum),
      ),
    ),
    h('td', { class: 'row-actions' }, action),
  );
}

function applyPending(ctx: PanelContext, to?: string): void {
  void ctx.run(
    to ? `Applying up to ${to}…` : 'Applying pending migrations…',
    async () => {
      const result = await ctx.actions.applyPending(to);
      return result.applied.length === 0
        ? 'Nothing to apply.'
        : `Applied ${plural(result.applied.length, 'migration')} in ${formatDuration(result.durationMs)}: ${result.applied.join(', ')}.`;
    },
    { change: 'apply' },
  );
}

async function rollback(ctx: PanelContext, ids: string[], target: { steps: 1 } | { to: string }): Promise<void> {
  const answer = await ctx.confirm({
    title: ids.length === 1 ? `Roll back ${ids[0]}?` : `Roll back ${plural(ids.length, 'migration')}?`,
    body: [
      h(
        'p',
        {},
        ids.length === 1
          ? 'Its down migration runs, and whatever it created (tables, columns, data) is dropped:'
          : 'Their down migrations run, newest first, and whatever they created (tables, columns, data) is dropped:',
      ),
      h(
        'ul',
        {},
        ids.map((id) => h('li', { class: 'id' }, idText(id))),
      ),
    ],
    confirmLabel: 'Roll back',
    offerSnapshot: Boolean(ctx.name),
  });
  if (!answer.confirmed) return;
  await ctx.run(
    `Rolling back ${plural(ids.length, 'migration')}…`,
    async () => {
      const before = answer.snapshotFirst ? await ctx.actions.takeSnapshot(`before rolling back ${ids.join(', ')}`) : undefined;
      const result = 'to' in target ? await ctx.actions.rollbackTo(target.to) : await ctx.actions.rollbackLast();
      return `Rolled back ${result.reverted.join(', ')} in ${formatDuration(result.durationMs)}.${before ? ' Snapshot taken first.' : ''}`;
    },
    { change: 'rollback' },
  );
}

async function redo(ctx: PanelContext, id: string | undefined): Promise<void> {
  if (!id) return;
  const answer = await ctx.confirm({
    title: `Redo ${id}?`,
    body: h('p', {}, `Its down runs, then its up runs again (from the file as it is now). Data its down drops is lost.`),
    confirmLabel: 'Redo',
    offerSnapshot: Boolean(ctx.name),
  });
  if (!answer.confirmed) return;
  await ctx.run(
    `Redoing ${id}…`,
    async () => {
      if (answer.snapshotFirst) await ctx.actions.takeSnapshot(`before redoing ${id}`);
      const result = await ctx.actions.redoLast();
      const took = result.reverted.durationMs + (result.applied?.durationMs ?? 0);
      return `Redid ${result.id} (down, then up) in ${formatDuration(took)}.`;
    },
    { change: 'redo' },
  );
}

/** Asks, then deletes the database and reloads (also offered by the error box after a storage failure). */
export async function confirmReset(ctx: PanelContext): Promise<void> {
  const answer = await ctx.confirm({
    title: `Reset the database '${ctx.name}'?`,
    body: [
      h(
        'p',
        {},
        `The IndexedDB database /pglite/${ctx.name} is deleted with all its data, and the page reloads: every migration then runs again from scratch.`,
      ),
      h('p', { class: 'note' }, 'Snapshots are kept (they live in their own IndexedDB database), so a snapshot can bring the data back.'),
    ],
    confirmLabel: 'Reset',
    offerSnapshot: ctx.hasDb,
  });
  if (!answer.confirmed) return;
  await ctx.run(
    'Resetting the database…',
    async () => {
      if (answer.snapshotFirst) await ctx.actions.takeSnapshot('before reset');
      await ctx.actions.reset();
      return 'Database deleted. Reloading…';
    },
    { reload: true, afterReload: 'reset' },
  );
}
