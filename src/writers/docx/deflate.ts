/**
 * Deflate for a large zip entry (a book's `word/document.xml`), in pieces: each piece is
 * deflated on its own and ends at a byte boundary (a sync flush), so the pieces concatenate into
 * one valid stream, the way pigz works. Pieces go to a worker thread as they are made, so the
 * document is compressed while the rest of it is still being written; the CRC of the whole is
 * combined from the pieces'. The bytes depend only on the pieces, never on timing: the same
 * document gives the same entry. fflate (pure JS) keeps them the same on every machine.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { Deflate } from 'fflate';

/** fflate's default level, as the rest of the package uses. */
const LEVEL = 6;

/**
 * Deflates one piece; all but the last end with a sync flush: the bits left over, then an empty
 * stored block, which ends at a byte boundary. (fflate's own `flush(true)` writes that block at a
 * wrong place when the left-over byte is not zero, so it is written here from fflate's state: the
 * left-over byte and bit count, `(byte << 3) | bits`, which fflate keeps as `s.r`.)
 */
export function deflatePiece(data: Uint8Array, final: boolean): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflate = new Deflate({ level: LEVEL }, (chunk) => chunks.push(chunk));
  deflate.push(data, final);
  if (!final) {
    deflate.flush(false);
    const state = (deflate as unknown as { s?: { r?: number } }).s;
    if (!state) throw new Error('fflate: unexpected Deflate internals');
    const r = state.r ?? 0;
    const bits = r & 7;
    const block = new Uint8Array(6);
    block[0] = r >> 3; // the left-over bits; then BFINAL 0, BTYPE 00, padding, LEN 0, NLEN 0xFFFF
    const at = Math.ceil((bits + 3) / 8);
    block[at + 2] = 0xff;
    block[at + 3] = 0xff;
    chunks.push(block.subarray(0, at + 4));
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---- CRC-32 of two pieces from theirs (zlib's crc32_combine) ----------------------------------

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i]!;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]!);
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row >>> 0;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crcA >>> 0;
  let len = lengthB;
  do {
    gf2Square(even, odd);
    if (len % 2) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc ^ crcB) >>> 0;
}

/** A zip entry deflated by pieces: the deflated bytes, the CRC and size of what they hold. */
export interface DeflatedEntry {
  crc: number;
  size: number;
  data: Uint8Array;
  method: 8;
}

/** The compiled worker; when this file runs from `src/` (tests), the one in `dist/`, if built. */
function workerPath(): string | null {
  const here = new URL('./deflate-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(here))) return fileURLToPath(here);
  const dist = new URL('../../../dist/writers/docx/deflate-worker.js', import.meta.url);
  return existsSync(fileURLToPath(dist)) ? fileURLToPath(dist) : null;
}

interface Piece {
  crc: number;
  size: number;
  data: Uint8Array | Promise<Uint8Array>;
}

/**
 * Collects the pieces of one zip entry, in order. `slot()` reserves a place for a piece that is
 * only known later (a book's front matter, written after its chapters). Once more than
 * `workerAfter` bytes have come, pieces are deflated on a worker thread as they arrive (when one
 * can be started); before that, and for small documents, on this thread at `finish()`.
 */
export class PieceDeflater {
  private readonly pieces: (Piece | null)[] = [];
  private worker: Worker | null = null;
  private workerFailed = false;
  private readonly waiting = new Map<number, { resolve: (d: Uint8Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private bytes = 0;

  constructor(private readonly workerAfter = 4 * 1024 * 1024) {}

  /** Reserves the place of a piece given later with `fill`. */
  slot(): number {
    this.pieces.push(null);
    return this.pieces.length - 1;
  }

  fill(slot: number, data: Uint8Array): void {
    this.pieces[slot] = { crc: crc32(data) >>> 0, size: data.length, data };
  }

  /** Adds the next piece (not the last: `finish` takes that one). */
  add(data: Uint8Array): void {
    this.bytes += data.length;
    const piece: Piece = { crc: crc32(data) >>> 0, size: data.length, data };
    const worker = this.bytes > this.workerAfter ? this.startWorker() : null;
    if (worker) {
      // Only a buffer of its own may be handed over (a small Buffer shares Node's pool).
      if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) data = data.slice();
      const id = this.nextId++;
      piece.data = new Promise<Uint8Array>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      worker.postMessage({ id, data, final: false }, [data.buffer as ArrayBuffer]);
    }
    this.pieces.push(piece);
  }

  private startWorker(): Worker | null {
    if (this.worker || this.workerFailed) return this.worker;
    const path = workerPath();
    if (!path) {
      this.workerFailed = true;
      return null;
    }
    try {
      const worker = new Worker(path);
      worker.on('message', (msg: { id: number; data: Uint8Array }) => {
        this.waiting.get(msg.id)?.resolve(msg.data);
        this.waiting.delete(msg.id);
      });
      const fail = (err: Error) => {
        for (const w of this.waiting.values()) w.reject(err);
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (this.waiting.size) fail(new Error(`the deflate worker stopped (exit code ${code})`));
      });
      this.worker = worker;
    } catch {
      this.workerFailed = true;
    }
    return this.worker;
  }

  /** Adds the last piece and returns the entry. */
  async finish(last: Uint8Array): Promise<DeflatedEntry> {
    const pieces = [...this.pieces, { crc: crc32(last) >>> 0, size: last.length, data: last }];
    try {
      const parts: Uint8Array[] = [];
      let crc = 0;
      let size = 0;
      for (let i = 0; i < pieces.length; i++) {
        const piece = pieces[i];
        if (!piece) throw new Error('a reserved piece was never given');
        const final = i === pieces.length - 1;
        parts.push(piece.data instanceof Promise ? await piece.data : deflatePiece(piece.data, final));
        crc = size === 0 ? piece.crc : crc32Combine(crc, piece.crc, piece.size);
        size += piece.size;
      }
      const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        data.set(p, at);
        at += p.length;
      }
      return { crc, size, data, method: 8 };
    } finally {
      await this.worker?.terminate();
      this.worker = null;
    }
  }
}
