/**
 * The zlib level of a PDF's streams (page contents, font subsets, ToUnicode maps). pdfkit always
 * deflates at zlib's default, level 6; deflating is then a seventh of the time a cable's PDF takes.
 * The level is chosen by measurement over real cables (docs/benchmarks.md: time saved and bytes
 * added per level); every stream still says /FlateDecode and any reader inflates it alike.
 */
import zlib from 'node:zlib';

/** The level every document's streams use (docs/benchmarks.md: chosen on 200 real cables). */
const LEVEL = 4;

interface Ref {
  compress: boolean;
  buffer: Buffer[];
  finalize(): void;
}

/** Makes every stream `doc` writes from now on deflate at `level` (it must be called before content is added). */
export function deflateStreamsAt(doc: PDFKit.PDFDocument, level: number = LEVEL): void {
  if (level === 6) return; // pdfkit's own
  const internals = doc as unknown as { ref(data?: unknown): Ref };
  const ref = internals.ref;
  internals.ref = function (this: unknown, data?: unknown): Ref {
    const r = ref.call(this, data);
    const finalize = r.finalize;
    r.finalize = function (this: Ref): void {
      if (this.compress && this.buffer.length) {
        // Deflated here; pdfkit then writes the bytes as they are (write() already set /FlateDecode).
        this.buffer = [zlib.deflateSync(Buffer.concat(this.buffer), { level })];
        this.compress = false;
      }
      finalize.call(this);
    };
    return r;
  };
}
