// The host globals src/core may use, and nothing else: browsers, workers and Node 20 all have
// them. src/core compiles against this file and ES2022 alone (tsconfig.core.json, run by
// `npm test`), so a DOM or Node API used there fails the build instead of a user's bundle.
declare const performance: { now(): number };
declare const console: { warn(...data: unknown[]): void; log(...data: unknown[]): void };
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
