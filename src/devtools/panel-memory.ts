import { isTabName, type TabName } from './tabs.js';

/** What the panel remembers across reloads of the tab (sessionStorage): reset and restore reload the page. */
export interface PanelMemory {
  open: boolean;
  tab: TabName;
  sql: string;
  /** A message to show after the reload, e.g. "Restored the snapshot …". */
  notice: string | undefined;
  /** The panel reset the database at this time (ISO): once the page booted a new one, the history gets a `reset` entry. */
  resetAt?: string | undefined;
  /** Whether this came from storage (else: defaults). */
  fromStorage?: boolean;
}

const keyFor = (name: string | undefined) => `pgboot-devtools:${name ?? ''}`;

export function loadPanelMemory(name: string | undefined): PanelMemory {
  const fallback: PanelMemory = { open: false, tab: 'migrations', sql: '', notice: undefined };
  try {
    const raw = sessionStorage.getItem(keyFor(name));
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as Partial<PanelMemory>;
    return {
      open: saved.open === true,
      tab: isTabName(saved.tab) ? saved.tab : 'migrations',
      sql: typeof saved.sql === 'string' ? saved.sql : '',
      notice: typeof saved.notice === 'string' ? saved.notice : undefined,
      resetAt: typeof saved.resetAt === 'string' ? saved.resetAt : undefined,
      fromStorage: true,
    };
  } catch {
    return fallback; // storage disabled or corrupt: start fresh
  }
}

export function savePanelMemory(name: string | undefined, memory: PanelMemory): void {
  try {
    const { fromStorage: _, ...saved } = memory;
    sessionStorage.setItem(keyFor(name), JSON.stringify(saved));
  } catch {
    // Storage disabled (e.g. some private modes): the panel just forgets across reloads.
  }
}
