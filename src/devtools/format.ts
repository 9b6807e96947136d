/** Text formatting for the panel: sizes, durations, times, checksums, query values. */

/** `5 242 880` -> `5.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `12.4` -> `12 ms`, `1530` -> `1.53 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Local date and time to the second, e.g. `2026-11-22 03:14:07`. */
export function formatTime(value: Date | string | undefined | null): string {
  if (!value) return '';
  const date = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `3 min ago`, relative to `now`. */
export function formatAgo(value: Date | string | undefined | null, now = Date.now()): string {
  if (!value) return '';
  const seconds = Math.round((now - new Date(value).getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** The first 8 hex digits, as git shows commits. */
export function shortChecksum(checksum: string | undefined | null): string {
  return checksum ? checksum.slice(0, 8) : '';
}

/** A query result value as text: NULL, JSON for objects, hex for bytes, ISO for dates. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) {
    const hex = Array.from(value.subarray(0, 64), (b) => b.toString(16).padStart(2, '0')).join('');
    return `\\x${hex}${value.length > 64 ? `… (${value.length} bytes)` : ''}`;
  }
  if (typeof value === 'object') return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** `1 migration`, `2 migrations`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
