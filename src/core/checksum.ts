/**
 * SHA-256 (hex) of a migration file's text with CRLF turned into LF, so a checkout on
 * Windows and one on Linux agree. Uses Web Crypto, present in browsers and in Node 20.
 */
export async function checksumOf(text: string): Promise<string> {
  return sha256Hex(text.replace(/\r\n/g, '\n'));
}

/** SHA-256 (hex) of a text exactly as read, no line-ending normalisation: how drizzle-orm and Prisma hash migration files. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
