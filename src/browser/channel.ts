/** Messages tabs exchange about one database, on the BroadcastChannel `pgboot:<name>`. */
export type BootMessage =
  /** A tab wants the database and is waiting for the tab that has it open. `head`: its newest bundled migration. */
  | { type: 'waiting'; head: string | undefined }
  /** A tab applied migrations; `head` is its newest bundled migration, `applied` what it ran. */
  | { type: 'migrated'; head: string | undefined; applied: string[] };

/** The channel name for a database. */
export function channelName(database: string): string {
  return `pgboot:${database}`;
}

/**
 * Opens the database's channel; `onMessage` sees other tabs' messages (never this tab's own).
 * Returns undefined where BroadcastChannel is missing: multi-tab notices are then skipped.
 *
 * @example
 * const channel = openBootChannel('notes', (message) => console.log(message.type));
 * channel?.post({ type: 'migrated', head: '20260105090000_tags', applied: [...] });
 */
export function openBootChannel(database: string, onMessage: (message: BootMessage) => void) {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(channelName(database));
  channel.onmessage = (event: MessageEvent<BootMessage>) => {
    if (event.data && typeof event.data === 'object' && 'type' in event.data) onMessage(event.data);
  };
  return {
    post: (message: BootMessage) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
