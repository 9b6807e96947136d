import type { Progress } from 'pgboot';
import type { BootDatabaseResult, WorkerBootResult } from 'pgboot/browser';
import { h } from './dom.js';

/**
 * The splash shown while the database boots: "Opening…" (or the first-boot image's download), then a progress bar per migration
 * during an upgrade, then "Saving…" while the batch is flushed to IndexedDB.
 *
 * @example
 * const splash = createSplash(); root.append(splash.element); splash.update(progress);
 */
export function createSplash() {
  const label = h('p', { 'data-testid': 'boot-progress' }, 'Opening the local database…');
  const bar = h('progress', { max: '1', value: '0' });
  bar.hidden = true;
  const element = h('section', { class: 'splash', 'aria-live': 'polite' }, h('h1', {}, 'pgboot notes'), label, bar);
  return {
    element,
    update(progress: Progress) {
      if (progress.total === 0) return;
      bar.hidden = false;
      bar.max = progress.total;
      bar.value = progress.index;
      if (progress.phase === 'download')
        label.textContent = `Downloading the database: ${(progress.index / 1e6).toFixed(1)} of ${(progress.total / 1e6).toFixed(1)} MB`;
      if (progress.phase === 'apply') label.textContent = `Updating the database: ${progress.index + 1} of ${progress.total} (${progress.id})`;
      if (progress.phase === 'persist') label.textContent = `Saving ${progress.total} update(s)…`;
    },
  };
}

/** One line about the boot: how many migrations the database has, how many ran now, the time it took, and whether it came from the first-boot image. */
export function describeBoot(boot: Pick<BootDatabaseResult | WorkerBootResult, 'result' | 'timings' | 'source'>, bundled: number): string {
  const ran = boot.result.applied.length;
  const seconds = (boot.timings.totalMs / 1000).toFixed(2);
  // A new user's first load of the production build: 0 applied, because the image already holds them.
  const from = boot.source === 'image' ? ', started from the first-boot image' : '';
  return `Database ready: ${bundled} migrations, ${ran} applied on this load, boot ${seconds} s${from}`;
}
