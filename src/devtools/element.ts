import { DEFAULT_SNAPSHOTS_KEPT } from '../browser/snapshots.js';
import type { DevtoolsActions, PanelData } from './actions.js';
import { askConfirm, type ConfirmAnswer, type ConfirmRequest } from './confirm.js';
import { describeError, type DescribedError } from './describe-error.js';
import { button, h, replaceChildren } from './dom.js';
import { formatTime } from './format.js';
import type { DevtoolsChange, PanelContext, RunOptions, View } from './panel-context.js';
import { createPanelLayout } from './panel-layout.js';
import { loadPanelMemory, savePanelMemory, type PanelMemory } from './panel-memory.js';
import { matchesShortcut, parseShortcut, type Shortcut } from './shortcut.js';
import { STYLES } from './styles.js';
import { TABS, type TabName } from './tabs.js';
import { createHistoryView } from './views/history-view.js';
import { createMigrationsView } from './views/migrations-view.js';
import { createSchemaView } from './views/schema-view.js';
import { createSnapshotsView } from './views/snapshots-view.js';
import { storageRecoveryButtons } from './storage-recovery.js';
import { createSqlView, type SqlView } from './views/sql-view.js';
import { downloadRawDataDir, offersRawDataDir } from './raw-data-dir.js';

/** The custom element's tag. */
export const ELEMENT_NAME = 'pgboot-devtools';

const TAB_LABELS: Record<TabName, string> = { migrations: 'Migrations', history: 'History', snapshots: 'Snapshots', sql: 'SQL', schema: 'Schema' };

export interface ElementConfig {
  actions: DevtoolsActions;
  /** Whether a database is open (a failed boot leaves none: only snapshots, restore and reset work then). */
  hasDb: () => boolean;
  name: string | undefined;
  keepSnapshots: number | undefined;
  shortcut: string | false;
  bootError: unknown;
  startOpen: boolean | undefined;
  onChange: ((change: DevtoolsChange) => void) | undefined;
  reload: () => void;
}

interface ShownError extends DescribedError {
  source: string;
  key: string;
}

/**
 * `<pgboot-devtools>`: a floating button and a panel, in an open shadow root. Configure it
 * with `configure()` before adding it to the page; `mountDevtools` does both.
 */
export class PgbootDevtoolsElement extends HTMLElement {
  #config: ElementConfig | undefined;
  #root: ShadowRoot;
  #data: PanelData = { status: undefined, statusError: undefined, history: [], snapshots: [] };
  #busy = false;
  #notice = '';
  #actionError: ShownError | undefined;
  #dismissed = new Set<string>();
  #memory: PanelMemory = { open: false, tab: 'migrations', sql: '', notice: undefined };
  #shortcut: Shortcut | undefined;
  #returnFocus: HTMLElement | undefined;
  #built = false;
  #views = new Map<TabName, View>();
  #sqlView: SqlView | undefined;
  #refreshing: Promise<void> | undefined;

  // Parts of the shell, made in #build().
  #toggle!: HTMLButtonElement;
  #dot!: HTMLSpanElement;
  #panel!: HTMLElement;
  #summary!: HTMLElement;
  #errorBox!: HTMLElement;
  #tabs = new Map<TabName, HTMLButtonElement>();
  #tabPanel!: HTMLElement;
  #status!: HTMLElement;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  /** Sets what the panel works on; call once, before the element is added to the page. */
  configure(config: ElementConfig): void {
    this.#config = config;
    this.#shortcut = config.shortcut === false ? undefined : parseShortcut(config.shortcut);
  }

  connectedCallback(): void {
    if (!this.#config) throw new Error(`<${ELEMENT_NAME}> needs configure() before it is added to the page: use mountDevtools().`);
    if (!this.#built) this.#build();
    window.addEventListener('keydown', this.#onWindowKey, true);
    if (this.#memory.open) this.open({ focus: false });
    void this.#logReset().then(() => this.refresh());
  }

  /** After the panel reset the database and the page booted a new one: its history starts with that. */
  async #logReset(): Promise<void> {
    const at = this.#memory.resetAt;
    if (at === undefined) return;
    this.#remember({ resetAt: undefined });
    if (!this.#config!.hasDb()) return;
    try {
      await this.#config!.actions.logReset(at);
    } catch (error) {
      this.#actionError = this.#shown(error, 'Could not log the reset');
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener('keydown', this.#onWindowKey, true);
  }

  get isOpen(): boolean {
    return this.#built && !this.#panel.hidden;
  }

  /** Opens the panel and moves focus into it (to the selected tab). */
  open(options: { focus?: boolean } = {}): void {
    if (!this.#built) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== this) this.#returnFocus = active;
    this.#panel.hidden = false;
    this.toggleAttribute('data-open', true);
    this.#toggle.setAttribute('aria-expanded', 'true');
    this.#remember({ open: true });
    if (options.focus !== false) this.#tabs.get(this.#memory.tab)?.focus();
    void this.refresh();
  }

  /** Closes the panel and gives focus back to where it was before opening (or to the button). */
  close(): void {
    if (!this.#built) return;
    const hadFocus = this.#root.activeElement !== null && this.#root.activeElement !== this.#toggle;
    this.#panel.hidden = true;
    this.toggleAttribute('data-open', false);
    this.#toggle.setAttribute('aria-expanded', 'false');
    this.#remember({ open: false });
    if (hadFocus) (this.#returnFocus?.isConnected ? this.#returnFocus : this.#toggle).focus();
    this.#returnFocus = undefined;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Reads status, history and snapshots again and redraws. */
  refresh(): Promise<void> {
    // Reads run one after another, and a call made while one runs gets a read that starts
    // after it: what an action changed is never hidden by a read that began before it.
    const read = async () => {
      try {
        this.#data = await this.#config!.actions.load();
      } catch (error) {
        this.#actionError = this.#shown(error, 'Could not read the database');
      }
      this.#render();
    };
    const next = (this.#refreshing ?? Promise.resolve()).then(read);
    this.#refreshing = next;
    void next.then(() => {
      if (this.#refreshing === next) this.#refreshing = undefined;
    });
    return next;
  }

  /** Selects a tab. */
  selectTab(tab: TabName, options: { focus?: boolean } = {}): void {
    this.#remember({ tab });
    for (const [name, element] of this.#tabs) {
      const selected = name === tab;
      element.setAttribute('aria-selected', String(selected));
      element.tabIndex = selected ? 0 : -1;
    }
    const view = this.#views.get(tab)!;
    replaceChildren(this.#tabPanel, view.element);
    this.#tabPanel.setAttribute('aria-labelledby', this.#tabs.get(tab)!.id);
    if (options.focus) this.#tabs.get(tab)!.focus();
    view.update();
    view.shown?.();
  }

  #build(): void {
    const config = this.#config!;
    this.#memory = loadPanelMemory(config.name);
    if (config.startOpen !== undefined && !this.#memory.fromStorage) this.#memory.open = config.startOpen;
    if (this.#memory.notice) {
      this.#notice = this.#memory.notice;
      this.#remember({ notice: undefined });
    }
    if (this.#memory.resetAt !== undefined) {
      this.#notice = config.hasDb()
        ? 'The database was reset: deleted, then booted anew, every migration applied again.'
        : 'The database was reset, but booting the new one failed (see the error).';
    }

    const shortcutText = this.#shortcut ? ` (${this.#shortcut.label})` : '';
    this.#dot = h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } });
    this.#toggle = button([this.#dot, 'DB'], () => this.toggle(), {
      class: 'toggle',
      attrs: {
        'aria-label': `pgboot devtools${shortcutText}`,
        'aria-expanded': 'false',
        'aria-controls': 'pgboot-panel',
        title: `pgboot devtools${shortcutText}`,
      },
    });

    this.#summary = h('span', { class: 'summary' });
    const layout = createPanelLayout(this, config.name);
    const header = h(
      'header',
      {},
      h('h2', { attrs: { id: 'pgboot-title' } }, `pgboot${config.name ? ` · ${config.name}` : ''}`),
      this.#summary,
      layout.controls,
      button('Refresh', () => void this.refresh(), { attrs: { title: 'Read the database again' } }),
      button('×', () => this.close(), {
        attrs: { 'aria-label': 'Close devtools', title: `Close (Escape${shortcutText ? `, ${this.#shortcut!.label}` : ''})` },
      }),
    );
    this.#errorBox = h('section', { class: 'error-box', attrs: { role: 'alert', 'aria-label': 'Last error' } });
    this.#errorBox.hidden = true;

    const tablist = h('div', { attrs: { role: 'tablist', 'aria-label': 'Sections' }, on: { keydown: (event) => this.#onTabKey(event) } });
    for (const tab of TABS) {
      const element = button(TAB_LABELS[tab], () => this.selectTab(tab), {
        attrs: { role: 'tab', id: `pgboot-tab-${tab}`, 'aria-controls': 'pgboot-tabpanel', 'aria-selected': 'false' },
      });
      element.tabIndex = -1;
      this.#tabs.set(tab, element);
      tablist.append(element);
    }
    this.#tabPanel = h('div', { attrs: { role: 'tabpanel', id: 'pgboot-tabpanel', tabindex: -1 } });
    this.#status = h('span', { attrs: { role: 'status' } });
    this.#panel = h(
      'section',
      { class: 'panel', attrs: { id: 'pgboot-panel', role: 'dialog', 'aria-labelledby': 'pgboot-title' } },
      header,
      this.#errorBox,
      tablist,
      this.#tabPanel,
      h('footer', {}, this.#status),
      layout.handle,
    );
    this.#panel.hidden = true;

    const context = this.#context();
    this.#views.set('migrations', createMigrationsView(context));
    this.#views.set('history', createHistoryView(context));
    this.#views.set('snapshots', createSnapshotsView(context));
    this.#sqlView = createSqlView(context, { initial: this.#memory.sql, onInput: (sql) => this.#remember({ sql }) });
    this.#views.set('sql', this.#sqlView);
    this.#views.set('schema', createSchemaView(context));

    const style = h('style');
    style.textContent = STYLES;
    this.#root.append(style, this.#toggle, this.#panel);
    this.#root.addEventListener('keydown', (event) => this.#onPanelKey(event as KeyboardEvent));
    this.#built = true;
    this.selectTab(this.#memory.tab);
  }

  #context(): PanelContext {
    const element = this;
    const config = this.#config!;
    return {
      get data() {
        return element.#data;
      },
      get busy() {
        return element.#busy;
      },
      get hasDb() {
        return config.hasDb();
      },
      bootError: config.bootError,
      name: config.name,
      keepSnapshots: config.keepSnapshots ?? DEFAULT_SNAPSHOTS_KEPT,
      actions: config.actions,
      run: (label, work, options) => this.#run(label, work, options),
      confirm: (request) => this.#confirm(request),
      showSql: (sql) => {
        this.selectTab('sql');
        this.#sqlView!.runSql(sql);
      },
    };
  }

  async #run(label: string, work: () => Promise<string>, options: RunOptions = {}): Promise<void> {
    if (this.#busy) return;
    const focusKey = keyOf(this.#root.activeElement);
    this.#busy = true;
    this.#notice = label;
    this.#render();
    let failed = false;
    try {
      this.#notice = await work();
      this.#actionError = undefined;
      if (options.reload) {
        // The database is closed now: the page boots again, and the panel says what happened.
        if (options.afterReload === 'reset') this.#remember({ resetAt: new Date().toISOString() });
        else this.#remember({ notice: this.#notice });
        this.#render();
        this.#config!.reload();
        return; // stays busy: nothing may touch the closed database
      }
    } catch (error) {
      failed = true;
      this.#actionError = this.#shown(error, `${label.replace(/…$/, '')} failed`);
      this.#notice = `${label.replace(/…$/, '')} failed.`;
    }
    this.#busy = false;
    if (options.refresh !== false) await this.refresh();
    else this.#render();
    this.#restoreFocus(focusKey);
    if (options.change && !failed) {
      const change: DevtoolsChange = { action: options.change };
      this.#config!.onChange?.(change);
      this.dispatchEvent(new CustomEvent('pgboot-devtools-change', { detail: change, bubbles: true, composed: true }));
    }
  }

  async #confirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
    const key = keyOf(this.#root.activeElement);
    const answer = await askConfirm(this.#panel, request);
    this.#restoreFocus(key);
    return answer;
  }

  #render(): void {
    if (!this.#built) return;
    const { status, history, snapshots } = this.#data;
    const count = (n: number, text: string, cls: string) => (n > 0 ? h('span', { class: cls }, `${n} ${text}`) : null);
    const parts = status
      ? [
          `${status.applied.length + status.drifted.length + status.unknown.length} applied`,
          count(status.pending.length, 'pending', 'pending'),
          count(status.drifted.length, 'drifted', 'bad'),
          count(status.unknown.length, 'unknown', 'bad'),
          count(status.empty.length, 'empty', 'note'),
        ].filter(Boolean)
      : [this.#config!.hasDb() ? 'reading…' : 'database not open'];
    replaceChildren(
      this.#summary,
      parts.flatMap((part, i) => (i === 0 ? [part] : [' · ', part])),
    );

    const error = this.#currentError();
    const bad = Boolean(error) || (status ? status.drifted.length + status.unknown.length > 0 : !this.#config!.hasDb());
    this.#dot.className = `dot ${bad ? 'bad' : status && status.pending.length > 0 ? 'pending' : status ? 'ok' : ''}`;
    this.#renderError(error);

    this.#setCount('migrations', status ? status.pending.length : 0, 'pending');
    this.#setCount('history', history.length, 'entries');
    this.#setCount('snapshots', snapshots.length, 'snapshots');

    const hint = `${this.#shortcut ? `${this.#shortcut.label} toggles this panel · ` : ''}Escape closes it`;
    replaceChildren(this.#status, this.#busy ? h('span', { class: 'busy' }, this.#notice) : this.#notice || h('span', { class: 'note' }, hint));
    // Views redraw their controls: keep the keyboard user's place.
    const focused = keyOf(this.#root.activeElement);
    const selected = this.#memory.tab;
    for (const [tab, view] of this.#views) if (tab !== 'schema' || tab === selected) view.update();
    if (focused && !this.#root.activeElement && this.isOpen) this.#restoreFocus(focused);
  }

  #setCount(tab: TabName, n: number, what: string): void {
    const element = this.#tabs.get(tab)!;
    replaceChildren(element, TAB_LABELS[tab], n > 0 ? h('span', { class: 'count', attrs: { 'aria-label': `${n} ${what}` } }, n) : null);
  }

  /** The error to show: one from an action or the boot, else the newest run if it failed. */
  #currentError(): ShownError | undefined {
    const config = this.#config!;
    const candidates: (ShownError | undefined)[] = [
      this.#actionError,
      config.bootError === undefined ? undefined : this.#shown(config.bootError, 'Boot failed'),
      this.#data.statusError === undefined ? undefined : this.#shown(this.#data.statusError, 'The bundled migrations are invalid'),
      this.#lastFailureInHistory(),
    ];
    return candidates.find((c) => c !== undefined && !this.#dismissed.has(c.key));
  }

  #lastFailureInHistory(): ShownError | undefined {
    const history = this.#data.history;
    const index = history.findIndex((entry) => entry.action === 'up' || entry.action === 'down' || entry.action === 'failed');
    const last = history[index];
    if (last?.action !== 'failed') return undefined;
    return {
      title: `${last.migrationId ?? 'A migration'} failed`,
      text: last.error ?? '',
      source: `Last run, ${formatTime(last.at)} (history #${history.length - index})`,
      key: `history:${last.seq}`,
    };
  }

  #shown(error: unknown, source: string): ShownError {
    const described = describeError(error);
    return { ...described, source, key: `${source}:${described.text}` };
  }

  #renderError(error: ShownError | undefined): void {
    this.#errorBox.hidden = !error;
    if (!error) {
      replaceChildren(this.#errorBox);
      return;
    }
    const closed = !this.#config!.hasDb();
    replaceChildren(
      this.#errorBox,
      h(
        'div',
        { class: 'head' },
        h('span', {}, `${error.source}: ${error.title}`),
        ...storageRecoveryButtons(error.title, this.#context()),
        closed ? button('Reload page', () => this.#config!.reload()) : null,
        // A database this PGlite cannot open: keep its data (raw-data-dir.ts).
        offersRawDataDir(this.#config!.bootError) && this.#config!.name
          ? button(
              'Download raw data directory',
              () => void this.#run('Reading the data directory…', () => downloadRawDataDir(this.#config!.name!), { refresh: false }),
            )
          : null,
        button(
          'Dismiss',
          () => {
            this.#dismissed.add(error.key);
            if (this.#actionError?.key === error.key) this.#actionError = undefined;
            this.#render();
            this.#tabs.get(this.#memory.tab)?.focus();
          },
          { attrs: { 'aria-label': 'Dismiss error' } },
        ),
      ),
      h('pre', { attrs: { 'data-error-text': '' } }, error.text),
    );
  }

  #remember(change: Partial<PanelMemory>): void {
    this.#memory = { ...this.#memory, ...change };
    savePanelMemory(this.#config!.name, this.#memory);
  }

  /** Focuses the control with this key again (after a redraw), else keeps focus in the panel. */
  #restoreFocus(key: string | undefined): void {
    const active = this.#root.activeElement;
    if (active && active !== this.#tabPanel) return;
    const candidates = [...this.#panel.querySelectorAll<HTMLElement>('button, textarea, input, select')];
    const again = key ? candidates.find((el) => keyOf(el) === key && !(el as HTMLButtonElement).disabled && el.isConnected) : undefined;
    // A control disabled while an action runs: hold focus on the tab panel until it is back.
    (again ?? (this.#busy ? this.#tabPanel : this.#tabs.get(this.#memory.tab)))?.focus();
  }

  #onWindowKey = (event: KeyboardEvent): void => {
    if (!this.#shortcut || event.repeat || !matchesShortcut(event, this.#shortcut)) return;
    event.preventDefault();
    event.stopPropagation();
    this.toggle();
  };

  #onPanelKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.isOpen || event.defaultPrevented) return;
    event.preventDefault();
    this.close();
  }

  #onTabKey(event: KeyboardEvent): void {
    const index = TABS.indexOf(this.#memory.tab);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.selectTab(next, { focus: true });
  }
}

/** A way to find "the same" control after a redraw: its accessible label or text. */
function keyOf(element: Element | null): string | undefined {
  if (!(element instanceof HTMLElement)) return undefined;
  return `${element.tagName}|${element.getAttribute('aria-label') ?? element.textContent ?? ''}`;
}
