/**
 * Gathers the many small writes of a document writer (pdfkit writes each object line by line)
 * into blocks of a fixed size, handed to `out` as each fills: a long document is then kept or
 * written as a few large buffers instead of millions of small ones. `out` gets a view of the
 * block that is valid only during the call (copy it to keep it).
 */
export class BlockSink {
  private block: Buffer;
  private at = 0;
  /** Bytes written so far. */
  bytes = 0;

  constructor(
    private readonly out: (block: Buffer) => void,
    private readonly size = 1 << 20,
  ) {
    this.block = Buffer.allocUnsafe(size);
  }

  /** Takes bytes, or a string of bytes (`latin1`: one byte per character, as pdfkit writes). */
  write(data: Uint8Array | string): void {
    const length = data.length;
    this.bytes += length;
    if (this.at + length > this.size) this.flush();
    if (length > this.size) {
      this.out(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data));
      return;
    }
    if (typeof data === 'string') this.block.write(data, this.at, 'latin1');
    else this.block.set(data, this.at);
    this.at += length;
  }

  /** Hands over what is gathered. */
  flush(): void {
    if (this.at === 0) return;
    this.out(this.block.subarray(0, this.at));
    this.at = 0;
  }
}
