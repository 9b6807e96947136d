import { button } from './dom.js';
import type { PanelContext } from './panel-context.js';
import { confirmReset } from './views/migrations-view.js';
import { confirmRestore } from './views/snapshots-view.js';

/**
 * The ways out the error box offers when the browser's storage failed the database
 * (`DatabaseStorageError`: quota used up, files deleted or damaged): reset it, or restore the
 * newest snapshot. Both work without an open database; each asks first.
 */
export function storageRecoveryButtons(errorName: string, ctx: PanelContext): HTMLElement[] {
  if (errorName !== 'DatabaseStorageError' || !ctx.name) return [];
  const newest = ctx.data.snapshots[0];
  const buttons: HTMLElement[] = [button('Reset database…', () => confirmReset(ctx), { class: 'danger' })];
  if (newest) buttons.push(button('Restore newest snapshot…', () => confirmRestore(ctx, newest)));
  return buttons;
}
