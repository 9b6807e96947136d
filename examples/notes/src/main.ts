import { resetDatabase } from 'pgboot/browser';
import { bootDemoDatabase, DATABASE_NAME, migrateOptions } from './boot.js';
import { createSplash, describeBoot } from './boot-screen.js';
import { h } from './dom.js';
import { renderErrorScreen } from './error-screen.js';
import type { createNotesStore } from './notes-db.js';

const root = document.querySelector<HTMLElement>('#app')!;
const banner = h('p', { class: 'banner', role: 'status', 'data-testid': 'banner' });
banner.hidden = true;

function showBanner(text: string) {
  banner.textContent = text;
  banner.hidden = false;
}

/**
 * The notes UI: drizzle, the PGlite module drizzle's driver imports, the view. Loaded while the
 * database boots rather than before: the database worker starts first, and a first visit does not
 * parse half a megabyte of code before asking for it.
 */
function loadNotesUi() {
  return Promise.all([import('./notes-db.js'), import('./notes-view.js')]).then(([db, view]) => ({ ...db, ...view }));
}

async function start() {
  const splash = createSplash();
  root.replaceChildren(banner, splash.element);
  try {
    const booting = bootDemoDatabase({
      onProgress: (progress) => splash.update(progress),
      onWaiting: () => showBanner('Waiting for another tab of this app to close the database…'),
      onNewerVersion: () => showBanner('A newer version of this app is open in another tab: reload to use it.'),
      onBlocking: () => {
        // Hand the database over to the other tab (it may carry newer migrations); this tab stops here.
        void boot.db.close();
        root.replaceChildren(banner);
        showBanner('This app was opened in another tab, which now has the database. Reload to use it here.');
      },
    });
    const ui = loadNotesUi();
    const boot = await booting;
    const { createNotesStore, mountNotesView, onNotesChanged } = await ui;
    banner.hidden = true;
    if (import.meta.env.DEV) Object.assign(window, { pgbootDemo: boot });

    const status = h('p', { class: 'boot-status', 'data-testid': 'boot-status' }, describeBoot(boot, boot.bundledCount));
    const header = h('header', {}, h('h1', {}, 'pgboot notes'), status);
    let view = await mountNotesView(createNotesStore(boot.db));
    root.replaceChildren(banner, header, view);
    // The dev panel (Alt+Shift+D); the dynamic import keeps it out of production builds. After it
    // changes the schema or data, redraw the notes (a rolled-back schema shows its error in the console).
    const redraw = () =>
      mountNotesView(createNotesStore(boot.db)).then((next) => {
        view = next;
        root.replaceChildren(banner, header, view);
      }, console.error);
    // Another tab changed the notes: show them here too.
    onNotesChanged(() => void view.refresh().catch(console.error));
    if (import.meta.env.DEV) void mountPanel({ db: boot.db, onChange: redraw });
  } catch (error) {
    console.error(error);
    if (import.meta.env.DEV) void mountPanel({ bootError: error });
    root.replaceChildren(
      banner,
      renderErrorScreen(error, {
        retry: () => location.reload(),
        reset: async () => {
          await resetDatabase(DATABASE_NAME);
          location.reload();
        },
      }),
    );
  }
}

/** The dev panel, and the migrations it compares with the database: both loaded only in development. */
async function mountPanel(options: { db?: Parameters<typeof createNotesStore>[0]; onChange?: () => void; bootError?: unknown }) {
  const [{ mountDevtools }, { default: migrations }] = await Promise.all([import('pgboot/devtools'), import('virtual:pgboot/migrations')]);
  mountDevtools({ ...options, migrations, name: DATABASE_NAME, migrateOptions });
}

void start();
