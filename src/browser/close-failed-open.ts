/** Opens in progress, by IndexedDB database name: the connection requests each one made. */
const watched = new Map<string, IDBOpenDBRequest[]>();
let restoreOpen: (() => void) | undefined;

/**
 * Opens PGlite's IndexedDB database through `open` and, if that fails, closes the IndexedDB
 * connections it left behind. PGlite keeps its connection to `/pglite/<name>` even when it
 * aborts while starting (a damaged database), and it ignores `versionchange`, so without this the
 * page could never delete (reset) or restore the database it failed to open.
 */
export async function closingConnectionsOnFailure<T>(name: string, open: () => Promise<T>): Promise<T> {
  if (typeof indexedDB === 'undefined' || watched.has(`/pglite/${name}`)) return open();
  const requests: IDBOpenDBRequest[] = [];
  watched.set(`/pglite/${name}`, requests);
  if (watched.size === 1) restoreOpen = watchOpens(indexedDB);
  try {
    return await open();
  } catch (error) {
    for (const request of requests) closeWhenOpen(request);
    throw error;
  } finally {
    watched.delete(`/pglite/${name}`);
    if (watched.size === 0) restoreOpen?.();
  }
}

/** Shadows `factory.open` (only watching) while some open is in progress; returns the undo. */
function watchOpens(factory: IDBFactory): () => void {
  const own = Object.getOwnPropertyDescriptor(factory, 'open');
  const original = factory.open;
  Object.defineProperty(factory, 'open', {
    configurable: true,
    writable: true,
    value(database: string, version?: number) {
      const request = original.call(factory, database, version);
      watched.get(database)?.push(request);
      return request;
    },
  });
  return () => {
    if (own) Object.defineProperty(factory, 'open', own);
    else delete (factory as { open?: unknown }).open;
  };
}

function closeWhenOpen(request: IDBOpenDBRequest): void {
  if (request.readyState === 'done') {
    if (!request.error) request.result.close();
    return;
  }
  request.addEventListener('success', () => request.result.close());
}
