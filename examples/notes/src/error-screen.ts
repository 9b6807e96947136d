import { ChecksumMismatchError, DatabaseAheadError, DatabaseLockedError, DatabaseStorageError, MigrationError, PgbootError } from 'pgboot';
import { h } from './dom.js';

export interface ErrorScreenActions {
  retry?: () => void;
  reset?: () => Promise<void>;
}

/**
 * The screen shown when boot fails: what happened, which migration file (and line), the
 * database's own message, and what the user can do. Everything is rendered as text.
 *
 * @example
 * root.replaceChildren(renderErrorScreen(error, { retry: () => location.reload() }));
 */
export function renderErrorScreen(error: unknown, actions: ErrorScreenActions = {}): HTMLElement {
  const { title, advice } = explain(error);
  // DatabaseAheadError names migrations this build has no file for: list them instead of a file.
  const ahead = error instanceof DatabaseAheadError ? error.unknown : undefined;
  const file = !ahead && error instanceof PgbootError && error.file !== undefined ? error.file : undefined;
  const line = error instanceof PgbootError ? error.line : undefined;
  const message = error instanceof Error ? error.message : String(error);

  const buttons = h('p', { class: 'actions' });
  if (actions.retry) buttons.append(h('button', { type: 'button', 'data-testid': 'retry', onclick: actions.retry }, 'Reload'));
  if (actions.reset) {
    const reset = actions.reset;
    buttons.append(
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          'data-testid': 'reset',
          onclick: () => {
            if (confirm('Delete the local database and start over? Your notes will be lost.')) void reset();
          },
        },
        'Delete local database',
      ),
    );
  }

  return h(
    'section',
    { class: 'error-screen', role: 'alert', 'data-testid': 'boot-error' },
    h('h1', {}, title),
    file ? h('p', { class: 'error-file' }, 'Migration file: ', h('code', { 'data-testid': 'error-file' }, file), line ? ` (line ${line})` : '') : null,
    ahead ? h('p', { 'data-testid': 'error-ahead' }, `Migrations this version does not know: ${ahead.join(', ')}`) : null,
    h('p', {}, advice),
    h('pre', { 'data-testid': 'error-message' }, message),
    h('p', { class: 'error-kind' }, `Error type: ${error instanceof Error ? error.name : typeof error}`),
    buttons,
  );
}

function explain(error: unknown): { title: string; advice: string } {
  if (error instanceof MigrationError) {
    return {
      title: 'A database update failed',
      advice:
        'That migration was rolled back, so your data is as it was before it; migrations before it stay applied. ' +
        'This is a bug in this version of the app: a fixed version will apply it on the next load.',
    };
  }
  if (error instanceof DatabaseAheadError) {
    return {
      title: 'A newer version of this app updated your data',
      advice: 'This page runs an older version that does not know the newer database. Reload to get the newest version.',
    };
  }
  if (error instanceof DatabaseLockedError) {
    return {
      title: 'This app is open in another tab',
      advice: 'Only one tab at a time can use the local database. Close the other tab, then reload this one.',
    };
  }
  if (error instanceof DatabaseStorageError) {
    return error.reason === 'quota' || error.reason === 'save-failed'
      ? {
          title: "This site's storage is full",
          advice: "Your data is as it was before this visit. Free some space (or delete this site's other data), then reload.",
        }
      : {
          title: 'The local database could not be opened',
          advice: 'Its stored files are missing or damaged. Deleting the local database starts over (your notes are lost).',
        };
  }
  if (error instanceof ChecksumMismatchError) {
    return {
      title: 'A migration was changed after it ran',
      advice:
        'The migration file named above was edited after this database applied it, so the edit never ran. ' +
        'Put the change in a new migration (and restore the file), or, in development, reset the local database. ' +
        "Booting with { onDrift: 'redo' } in development re-runs the newest migration by itself when its file changes.",
    };
  }
  if (error instanceof PgbootError) return { title: 'The migrations of this build are invalid', advice: 'Fix the migration file named above and rebuild.' };
  return { title: 'The local database could not be opened', advice: 'Reload to try again.' };
}
