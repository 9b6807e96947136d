/**
 * The version for a new migration, given the versions already in the folder.
 *
 * Timestamped folders (and empty ones) get the current UTC time as `YYYYMMDDHHmmss`, or one
 * second after the newest existing version when that is not earlier, so that the new file
 * never reuses a version and always sorts last. Folders numbered `001`, `002`, ... get the
 * next number, zero-padded like the others.
 *
 * @example
 * nextVersion(['20260120154111'], new Date('2026-01-20T15:41:11Z')); // '20260120154112'
 * nextVersion(['001', '002'], new Date());                              // '003'
 */
export function nextVersion(existing: readonly string[], now: Date): string {
  const sequences = existing.filter((v) => v.length !== 14);
  if (existing.length > 0 && sequences.length === existing.length) {
    const newest = sequences.reduce((a, b) => (BigInt(a) >= BigInt(b) ? a : b));
    const next = (BigInt(newest) + 1n).toString();
    return next.padStart(Math.max(...sequences.map((v) => v.length)), '0');
  }
  const timestamps = existing.filter((v) => v.length === 14).sort();
  const newest = timestamps.at(-1);
  let candidate = formatTimestamp(now);
  if (newest !== undefined && candidate <= newest) candidate = addSecond(newest);
  return candidate;
}

/** `YYYYMMDDHHmmss` in UTC. */
function formatTimestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

function addSecond(version: string): string {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version)!;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const next = formatTimestamp(new Date(time + 1000));
  // A 14-digit version that is no real date (e.g. 99999999999999): count on as a number instead.
  return Number.isNaN(time) || next <= version ? (BigInt(version) + 1n).toString().padStart(14, '0') : next;
}
