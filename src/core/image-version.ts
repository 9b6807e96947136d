/**
 * Which part of an image's manifest rules the image out before its migrations are compared, or
 * undefined: its format, the PGlite version that built it (when `expected.pgliteVersion` is
 * known), or its Postgres major. `imageMismatch` words the reason; a browser boot asks this alone
 * before requesting the image, without loading those words.
 */
export function imageVersionDiffers(
  manifest: { format?: unknown; pgliteVersion: string; pgMajor: string } | undefined,
  expected: { pgliteVersion: string | undefined; pgMajor: string },
): 'format' | 'pgliteVersion' | 'pgMajor' | undefined {
  if (manifest?.format !== 1) return 'format';
  if (expected.pgliteVersion !== undefined && manifest.pgliteVersion !== expected.pgliteVersion) return 'pgliteVersion';
  if (manifest.pgMajor !== expected.pgMajor) return 'pgMajor';
  return undefined;
}
