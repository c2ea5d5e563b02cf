import { inflateRawSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine, deflatePiece, PieceDeflater } from '../src/writers/docx/deflate.js';

const text = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => `<w:p><w:r><w:t>paragraph ${seed}.${i} of the book</w:t></w:r></w:p>`).join(''), 'utf8');

describe('deflate by pieces', () => {
  it('combines CRC-32s as zlib does', () => {
    const a = text(100, 1);
    const b = text(3000, 2);
    expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])) >>> 0);
    expect(crc32Combine(crc32(a), 0, 0)).toBe(crc32(a) >>> 0);
  });

  it('concatenates sync-flushed pieces into one stream, a reserved piece first, the same bytes every time', async () => {
    const pieces = [text(2000, 1), text(5000, 2), text(10, 3)];
    const front = text(50, 0);
    const last = text(700, 4);
    const build = async (workerAfter: number) => {
      const deflater = new PieceDeflater(workerAfter);
      const slot = deflater.slot();
      for (const p of pieces) deflater.add(Buffer.from(p));
      deflater.fill(slot, front);
      return deflater.finish(last);
    };
    const all = Buffer.concat([front, ...pieces, last]);
    const here = await build(Infinity);
    expect(Buffer.from(inflateRawSync(here.data)).equals(all)).toBe(true);
    expect(here.crc).toBe(crc32(all) >>> 0);
    expect(here.size).toBe(all.length);
    // On a worker thread (when dist/ is built) or not, the bytes are the same.
    const threaded = await build(0);
    expect(Buffer.from(threaded.data).equals(Buffer.from(here.data))).toBe(true);
    expect(deflatePiece(last, true).length).toBeGreaterThan(0);
  });
});
