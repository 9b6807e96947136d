import type { ProgressListener } from '../core/internal.js';

/**
 * Wraps a progress listener so a long batch lets the browser run now and then: PGlite runs
 * on the main thread and the engine only awaits microtasks between migrations, so without
 * this the page (its progress bar, its input) would freeze until the whole batch is done.
 * Yields at most once per `sliceMs`, so a batch of quick migrations barely pays for it.
 *
 * @example
 * migrate(db, { migrations, onProgress: yieldingProgress(showProgress) });
 */
export function yieldingProgress(listener: ProgressListener | undefined, sliceMs = 100): ProgressListener {
  let last = performance.now();
  return async (progress) => {
    await listener?.(progress);
    if (performance.now() - last < sliceMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
