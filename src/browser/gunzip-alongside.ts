/**
 * Decompresses a gzip stream from chunks handed over as they arrive, so a download is unpacked
 * while it downloads instead of after. Errors (a corrupt stream) surface through `end()`.
 */
export class GunzipAlongside {
  readonly #writer: WritableStreamDefaultWriter<BufferSource>;
  readonly #output: Promise<Uint8Array>;

  constructor() {
    const stream = new DecompressionStream('gzip');
    this.#writer = stream.writable.getWriter();
    this.#output = new Response(stream.readable).arrayBuffer().then((buffer) => new Uint8Array(buffer));
    this.#output.catch(() => undefined); // read by end()
  }

  push(chunk: Uint8Array): void {
    this.#writer.write(chunk as Uint8Array<ArrayBuffer>).catch(() => undefined); // the same error rejects end()
  }

  /** The decompressed bytes, once every chunk was pushed. */
  async end(): Promise<Uint8Array> {
    await this.#writer.close();
    return this.#output;
  }

  abort(reason: unknown): void {
    this.#writer.abort(reason).catch(() => undefined);
  }
}
