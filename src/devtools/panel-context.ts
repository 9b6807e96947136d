import type { DevtoolsActions, PanelData } from './actions.js';
import type { ConfirmAnswer, ConfirmRequest } from './confirm.js';
import type { RunOptions } from './element.js';

/** What a tab's view gets from the panel. */
export interface PanelContext {
  readonly data: PanelData;
  /** An action is running: views disable their buttons. */
  readonly busy: boolean;
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
