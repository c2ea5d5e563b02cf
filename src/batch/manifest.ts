/**
 * `manifest.json`: what a batch made of each input, in input order — output file, pages, sha256
 * and warnings, or the error. Written as a stream (memory stays flat for the whole CSV release)
 * to a temp file renamed at the end, and read back by `--resume`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Warning } from '../model/cable.js';

export interface ManifestOk {
  /** In a shard's manifest: the input's position among all inputs (0-based), for `manifest merge`. */
  index?: number;
  input: string;
  id: string;
  /** File name inside the output folder. */
  output: string;
  pages: number | null;
  sha256: string;
  warnings: Warning[];
}

export interface ManifestFailure {
  index?: number;
  input: string;
  error: string;
}

export type ManifestEntry = ManifestOk | ManifestFailure;

/** The manifest's closing counts. `converted` counts every input that has its output, whether made
 * in this run or kept by `--resume`, so that a resumed run writes the same manifest. */
export interface ManifestSummary {
  inputs: number;
  converted: number;
  failed: number;
  filtered: number;
  /** In a shard's manifest: the inputs of all shards together, and a digest of their names in order. */
  allInputs?: number;
  allInputsSha256?: string;
}

export interface ManifestHead {
  generator: 'cablekit';
  format: string;
  /** The conversion options, so `--resume` only reuses outputs made the same way. */
  options: Record<string, unknown>;
  /** The `--filter` that selected the inputs, in words (`describeFilter`); absent when there was none. */
  filter?: string[];
  shard: string | null;
}

export interface Manifest extends ManifestHead {
  cables: ManifestEntry[];
  summary: ManifestSummary;
}

/** The sha256 of a file as a manifest records it, or null when it cannot be read (resume and merge check outputs with it). */
export async function sha256File(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

export function isManifestOk(e: ManifestEntry): e is ManifestOk {
  return 'output' in e;
}

/** The manifest's file name: `manifest.json`, or `manifest-K-of-N.json` for a shard. */
export function manifestFileName(shard?: { index: number; count: number } | null): string {
  return shard ? `manifest-${shard.index}-of-${shard.count}.json` : 'manifest.json';
}

export async function readManifest(path: string): Promise<Manifest | null> {
  try {
    const m = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    return m && Array.isArray(m.cables) ? m : null;
  } catch {
    return null;
  }
}

/** Characters of entries gathered before they are written. */
const FLUSH_AT = 64 * 1024;

/** Writes entries one by one; `finish` adds the summary and moves the file into place. */
export class ManifestWriter {
  private readonly tmp: string;
  private readonly stream: WriteStream;
  private first = true;
  /** Entries not yet handed to the stream. */
  private pending = '';
  /** The stream's error, kept for `add`/`finish` to throw (an unheard 'error' event would crash the process). */
  private failure: Error | null = null;

  private constructor(
    private readonly path: string,
    head: ManifestHead,
  ) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.stream = createWriteStream(this.tmp);
    this.stream.on('error', (err) => (this.failure ??= err));
    const headJson = JSON.stringify(head, null, 2);
    this.stream.write(`${headJson.slice(0, -2)},\n  "cables": [`);
  }

  static async open(path: string, head: ManifestHead): Promise<ManifestWriter> {
    await mkdir(dirname(path), { recursive: true });
    return new ManifestWriter(path, head);
  }

  async add(entry: ManifestEntry): Promise<void> {
    if (this.failure) throw this.failure;
    const json = JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ');
    this.pending += `${this.first ? '\n' : ',\n'}    ${json}`;
    this.first = false;
    // Written in pieces of 64 KB, not an entry at a time (a write call each).
    if (this.pending.length < FLUSH_AT) return;
    const ok = this.stream.write(this.pending);
    this.pending = '';
    if (!ok && !this.failure) {
      await new Promise<void>((resolve) => {
        // Whichever comes first; the other listener is taken off (they would pile up, a pair a write).
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
    if (this.failure) throw this.failure;
  }

  async finish(summary: ManifestSummary): Promise<void> {
    if (this.failure) throw this.failure;
    const tail = JSON.stringify({ summary }, null, 2).slice(1).replace(/\n/g, '\n');
    this.stream.end(`${this.pending}${this.first ? '' : '\n  '}],${tail}\n`);
    this.pending = '';
    await new Promise<void>((resolve, reject) => {
      this.stream.once('finish', resolve);
      this.stream.once('close', () => (this.failure ? reject(this.failure) : resolve()));
    });
    if (this.failure) throw this.failure;
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    // Wait for the stream to close: a stream still opening would otherwise create the file after rm.
    if (!this.stream.closed) {
      await new Promise<void>((resolve) => {
        this.stream.once('close', () => resolve());
        this.stream.destroy();
      });
    }
    await rm(this.tmp, { force: true });
  }
}
