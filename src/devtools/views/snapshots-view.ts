import type { SnapshotInfo } from '../../browser/snapshots.js';
import { button, h, idText, replaceChildren, table } from '../dom.js';
import { formatAgo, formatBytes, formatTime } from '../format.js';
import type { PanelContext, View } from '../panel-context.js';

/** The Snapshots tab: take one, list them (size, time, migration), restore, download, delete. */
export function createSnapshotsView(ctx: PanelContext): View {
  const label = h('input', { attrs: { type: 'text', placeholder: 'label (optional)', 'aria-label': 'Snapshot label', maxlength: 120 } });
  const take = button('Take snapshot', () => takeSnapshot(ctx, label), { class: 'primary' });
  label.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') takeSnapshot(ctx, label);
  });
  const note = h('p', { class: 'note' });
  const body = h('div');
  const element = h('div', {}, h('div', { class: 'toolbar' }, label, take), note, body);

  const update = () => {
    take.disabled = ctx.busy || !ctx.name || !ctx.hasDb;
    take.title = ctx.hasDb ? 'Copy the whole database into a snapshot' : 'The database is not open (the boot failed): there is nothing to copy';
    note.textContent = ctx.name
      ? `A snapshot is the whole database (dumpDataDir, gzipped), kept in the IndexedDB database pgboot-snapshots. ` +
        `The newest ${ctx.keepSnapshots} of '${ctx.name}' are kept; they survive a reset. Restoring reloads the page.`
      : 'Snapshots need the database name: pass mountDevtools({ name }).';
    const snapshots = ctx.data.snapshots;
    if (snapshots.length === 0) {
      replaceChildren(body, h('p', { class: 'empty' }, 'No snapshots yet.'));
      return;
    }
    replaceChildren(
      body,
      table(
        'Snapshots',
        ['Taken', 'Label', 'At migration', 'Size', ''],
        snapshots.map((snapshot) => row(ctx, snapshot)),
      ),
    );
  };
  return { element, update };
}

function row(ctx: PanelContext, snapshot: SnapshotInfo): HTMLTableRowElement {
  const name = snapshot.label ?? snapshot.id;
  return h(
    'tr',
    { attrs: { 'data-snapshot': snapshot.id } },
    h('td', { class: 'nowrap' }, h('span', { attrs: { title: formatAgo(snapshot.takenAt) } }, formatTime(snapshot.takenAt))),
    h(
      'td',
      {},
      h('div', {}, snapshot.label ?? ''),
      h('div', { class: 'desc mono' }, snapshot.id),
      snapshot.reason === 'before-migrate' ? h('div', { class: 'desc' }, 'taken at boot, before migrating') : null,
    ),
    h(
      'td',
      {},
      snapshot.migrationId ? h('span', { class: 'id' }, idText(snapshot.migrationId)) : h('span', { class: 'desc' }, 'not migrated'),
      h('div', { class: 'desc' }, `${snapshot.appliedCount} applied`),
    ),
    h('td', { class: 'nowrap' }, formatBytes(snapshot.size)),
    h(
      'td',
      { class: 'row-actions' },
      button('Restore…', () => confirmRestore(ctx, snapshot), {
        class: 'danger',
        props: { disabled: ctx.busy },
        attrs: { 'aria-label': `Restore snapshot ${name}` },
      }),
      ' ',
      button('Download', () => download(ctx, snapshot), { props: { disabled: ctx.busy }, attrs: { 'aria-label': `Download snapshot ${name}` } }),
      ' ',
      button('Delete…', () => remove(ctx, snapshot), { props: { disabled: ctx.busy }, attrs: { 'aria-label': `Delete snapshot ${name}` } }),
    ),
  );
}

function takeSnapshot(ctx: PanelContext, input: HTMLInputElement): void {
  if (ctx.busy || !ctx.name || !ctx.hasDb) return;
  const label = input.value.trim();
  void ctx.run('Taking a snapshot…', async () => {
    const info = await ctx.actions.takeSnapshot(label || undefined);
    input.value = '';
    return `Snapshot ${info.label ? `“${info.label}” ` : ''}taken: ${formatBytes(info.size)}.`;
  });
}

/** Asks, then replaces the database by a snapshot and reloads (also offered by the error box after a storage failure). */
export async function confirmRestore(ctx: PanelContext, snapshot: SnapshotInfo): Promise<void> {
  const answer = await ctx.confirm({
    title: 'Restore this snapshot?',
    body: [
      h(
        'p',
        {},
        `The database '${ctx.name}' is replaced by the snapshot taken ${formatTime(snapshot.takenAt)}${snapshot.label ? ` (“${snapshot.label}”)` : ''}: every change made since is lost. The page then reloads.`,
      ),
      h('p', { class: 'note' }, 'On reload the app boots as usual, so migrations newer than the snapshot apply again.'),
    ],
    confirmLabel: 'Restore',
    // After a failed boot there is no open database to snapshot first.
    offerSnapshot: ctx.hasDb,
  });
  if (!answer.confirmed) return;
  await ctx.run(
    'Restoring the snapshot…',
    async () => {
      if (answer.snapshotFirst) await ctx.actions.takeSnapshot('before restoring');
      await ctx.actions.restoreSnapshot(snapshot.id);
      return `Restored the snapshot ${snapshot.label ? `“${snapshot.label}” ` : ''}taken ${formatTime(snapshot.takenAt)}.`;
    },
    { reload: true },
  );
}

async function remove(ctx: PanelContext, snapshot: SnapshotInfo): Promise<void> {
  const answer = await ctx.confirm({
    title: 'Delete this snapshot?',
    body: h(
      'p',
      {},
      `The snapshot taken ${formatTime(snapshot.takenAt)}${snapshot.label ? ` (“${snapshot.label}”)` : ''} is deleted for good. The database is not touched.`,
    ),
    confirmLabel: 'Delete',
  });
  if (!answer.confirmed) return;
  await ctx.run('Deleting the snapshot…', async () => {
    await ctx.actions.deleteSnapshot(snapshot.id);
    return 'Snapshot deleted.';
  });
}

function download(ctx: PanelContext, snapshot: SnapshotInfo): void {
  void ctx.run(
    'Preparing the download…',
    async () => {
      const blob = await ctx.actions.readSnapshot(snapshot.id);
      const url = URL.createObjectURL(blob);
      const link = h('a', { attrs: { href: url, download: `${ctx.name}-${snapshot.id}.tar.gz` } });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return `Downloading ${ctx.name}-${snapshot.id}.tar.gz (load it with new PGlite({ loadDataDir })).`;
    },
    { refresh: false },
  );
}
