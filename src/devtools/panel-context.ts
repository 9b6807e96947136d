import type { DevtoolsActions, PanelData } from './actions.js';
import type { ConfirmAnswer, ConfirmRequest } from './confirm.js';

/** What changed the database, as told to `onChange`. */
export interface DevtoolsChange {
  action: 'apply' | 'rollback' | 'redo' | 'sql' | 'snapshot' | 'delete-snapshot';
}

/** How `PanelContext.run` treats one action. */
export interface RunOptions {
  /** The action closes the database: reload the page after it. */
  reload?: boolean;
  /** The action changes the database's schema or data: tell the app. */
  change?: DevtoolsChange['action'];
  /** Read status, history and snapshots afterwards (default true). */
  refresh?: boolean;
  /** `'reset'`: the action deleted the database; after the reload, say so and log a `reset` entry in the new one. */
  afterReload?: 'reset';
}

/** What a tab's view gets from the panel. */
export interface PanelContext {
  readonly data: PanelData;
  /** An action is running: views disable their buttons. */
  readonly busy: boolean;
  /**
   * A database is open. After a failed boot none is: what reads or changes it is disabled, while
   * reset and the snapshots' restore, download and delete still work.
   */
  readonly hasDb: boolean;
  /** The error the boot failed with, if it did. */
  readonly bootError: unknown;
  /** The database name, when known (snapshots and reset need it). */
  readonly name: string | undefined;
  readonly keepSnapshots: number;
  readonly actions: DevtoolsActions;
  /**
   * Runs one action: marks the panel busy, announces `label`, then the returned summary (or
   * shows the error in full), refreshes everything, and tells the app (`onChange`).
   * `reload`: the action closed the database, so the page reloads after it.
   */
  run(label: string, work: () => Promise<string>, options?: RunOptions): Promise<void>;
  confirm(request: ConfirmRequest): Promise<ConfirmAnswer>;
  /** Switches to the SQL tab with `sql` and runs it. */
  showSql(sql: string): void;
}

/** A tab's content: built once, updated after every refresh. */
export interface View {
  readonly element: HTMLElement;
  update(): void;
  /** Called when its tab is selected. */
  shown?(): void;
}
