/** The events a worker fires that worker mode listens to. */
const HELD = ['message', 'messageerror', 'error'] as const;

/**
 * Holds what a worker sends while worker mode's code loads: a worker's first messages (PGlite's
 * `here`, or the error of a script that failed to load) reach only the listeners attached by then,
 * and its listeners are attached once that code has loaded. Returns the function to call right
 * after attaching them: it stops holding and fires the held events again, in order, to them.
 *
 * @example
 * const replay = holdWorkerEvents(worker);
 * const { bootThroughWorker } = await import('./boot-through-worker.js');
 * return bootThroughWorker(options, replay); // calls replay() once its listeners are on
 */
export function holdWorkerEvents(worker: Worker): () => void {
  const held: Event[] = [];
  const hold = (event: Event) => held.push(event);
  for (const type of HELD) worker.addEventListener(type, hold);
  return () => {
    for (const type of HELD) worker.removeEventListener(type, hold);
    // An event whose dispatch has ended can be dispatched again, with its data and ports.
    for (const event of held.splice(0)) worker.dispatchEvent(event);
  };
}
