/**
 * SHA-256 (hex) of a migration file's text with CRLF turned into LF, so a checkout on
 * Windows and one on Linux agree. Uses Web Crypto, present in browsers and in Node 20.
 */
export async function checksumOf(text: string): Promise<string> {
  return sha256Hex(text.replace(/\r\n/g, '\n'));
}

/**
 * SHA-256 (hex) of a text exactly as read (no line-ending normalisation: how drizzle-orm and
 * Prisma hash migration files) or of bytes (a first-boot image).
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
