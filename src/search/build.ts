/**
 * `cablekit index`: every input (cable files, bulk-CSV rows) parsed once, in worker threads, into
 * an SQLite database with an FTS5 full-text index. Rows are written in input order whatever the
 * number of threads, so the same inputs give the same database. The database is written to a
 * temp file beside the output and renamed into place at the end: an interrupted build (Ctrl-C, a
 * kill, a crash) never leaves a half database under the output's name, and the temp files of
 * builds that were killed are removed by the next one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LEVELS } from '../model/cable.js';
import { CableError } from '../errors.js';
import type { InputSource } from '../readers/input/discover.js';
import { csvRecordMeta, csvRecordText, isCsvRowError, readCsvRecords } from '../readers/csv/read.js';
import { levelOf, type FilterSubject } from '../select/filter.js';
import { sqlite, type Database } from './sqlite.js';
import { createSchema, INDEX_FORMAT, INDEX_VERSION, INDEXES } from './schema.js';
import { indexTask, type IndexTask, type IndexTaskResult } from './task.js';
import type { IndexedRow } from './row.js';
import { countFacets } from './search.js';
import { processExists } from '../io/process.js';

export interface IndexProgress {
  /** Inputs read (cables indexed and inputs that failed). */
  done: number;
  failed: number;
  /** Bytes of the inputs read so far, and in all. */
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface BuildIndexOptions {
  /** The database to write (replaced when it exists, only once the new one is complete). */
  out: string;
  /** Worker threads that parse (default: the number of cores; 0 parses in this thread). */
  jobs?: number;
  onProgress?: (p: IndexProgress) => void;
  /** Each input that cannot be read or parsed, as its one line (`cables.csv:17: problem`); it is skipped. */
  onError?: (line: string) => void;
  signal?: AbortSignal;
}

export interface IndexSummary {
  out: string;
  /** Inputs looked at: cable files and CSV rows. */
  inputs: number;
  cables: number;
  failed: number;
  /** sha256 of every row as stored, in order: equal for two builds over the same inputs. */
  contentSha256: string;
  bytes: number;
}

/** An input in order: a task for the parser, or a CSV row that could not be split. */
type Item =
  | { seq: number; task: IndexTask; source: number; csv?: { row: number; offset?: number; length?: number; subject: FilterSubject }; bytes: number }
  | { seq: number; error: string; bytes: number };

/** dist/search/build-worker.js (next to this module when built; the built one when running from src/). */
function workerFile(): URL {
  const here = new URL('./build-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/search/build-worker.js', import.meta.url);
}

/** Worker threads, each given a batch of tasks at a time. */
class ParserPool {
  private workers: { worker: Worker; waiting: Map<number, (r: IndexTaskResult[]) => void> }[] = [];
  private next = 0;
  private ids = 0;
  private failure: Error | null = null;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerFile());
      const waiting = new Map<number, (r: IndexTaskResult[]) => void>();
      worker.on('message', (m: { id: number; results: IndexTaskResult[] }) => {
        waiting.get(m.id)?.(m.results);
        waiting.delete(m.id);
      });
      worker.on('error', (err) => {
        this.failure ??= err;
        for (const done of waiting.values()) done([]);
        waiting.clear();
      });
      this.workers.push({ worker, waiting });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  run(tasks: IndexTask[]): Promise<IndexTaskResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const w = this.workers[this.next++ % this.workers.length]!;
    const id = ++this.ids;
    return new Promise((resolvePromise, reject) => {
      w.waiting.set(id, (r) => (this.failure ? reject(this.failure) : resolvePromise(r)));
      w.worker.postMessage({ id, tasks });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** `.release.db.<pid>.tmp` beside the output. */
const tempName = (out: string, pid: number): string => join(dirname(out), `.${basename(out)}.${pid}.tmp`);

/** Temp files of builds of this output whose process is gone (killed before it could clean up). */
async function dropStaleTemps(out: string): Promise<void> {
  const prefix = `.${basename(out)}.`;
  const names = await readdir(dirname(out)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^\.(\d+)\.tmp(-journal|-wal|-shm)?$/.exec(name.slice(prefix.length - 1));
    if (m && Number(m[1]) !== process.pid && !processExists(Number(m[1]))) await rm(join(dirname(out), name), { force: true });
  }
}

/**
 * Where the index goes: into a folder that exists, over nothing or over an older index — never
 * over a folder or another file (an input named by mistake, a CSV), which the rename would destroy.
 */
async function checkOutput(out: string, given: string, Database: ReturnType<typeof sqlite>): Promise<void> {
  const folder = await stat(dirname(out)).catch(() => null);
  if (!folder?.isDirectory()) throw new CableError('no such folder to write the index in', dirname(given) || '.');
  const st = await stat(out).catch(() => null);
  if (!st) return;
  if (st.isDirectory()) throw new CableError('is a folder: -o names the index file to write, e.g. -o release.db', given);
  let isIndex = false;
  try {
    const db = new Database(out, { readonly: true, fileMustExist: true });
    try {
      isIndex = (db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get() as string | undefined) === INDEX_FORMAT;
    } finally {
      db.close();
    }
  } catch {
    isIndex = false;
  }
  if (!isIndex) throw new CableError('exists and is not a cablekit index: not replaced (remove it, or name another file with -o)', given);
}

const levelRank = (classification: string | null): number | null => {
  const level = levelOf(classification);
  return level ? LEVELS.indexOf(level) : null;
};

/** Rows per worker message, and messages in flight per worker. */
const BATCH = 32;
const DEPTH = 3;
/** Rows a transaction commits (fixed: the database's bytes must not depend on the threads). */
const COMMIT = 256;

export async function buildIndex(inputs: InputSource[], options: BuildIndexOptions): Promise<IndexSummary> {
  const Database = sqlite();
  const out = resolve(options.out);
  const jobs = options.jobs === undefined ? Math.max(1, availableParallelism()) : Math.max(0, Math.floor(options.jobs));
  const sizes: number[] = [];
  for (const s of inputs) {
    const st = await stat(s.path).catch(() => null);
    if (!st) throw new CableError('no such file', s.path);
    sizes.push(st.size);
  }
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  await checkOutput(out, options.out, Database);
  await dropStaleTemps(out);
  const temp = tempName(out, process.pid);
  await rm(temp, { force: true });
  let db: Database | null = null;
  const pool = jobs > 0 ? new ParserPool(jobs) : null;
  const started = Date.now();
  try {
    db = new Database(temp);
    // A temp file renamed into place at the end: no journal on disk is needed to keep it whole
    // (better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode = OFF).
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -65536');
    createSchema(db);
    const insertInput = db.prepare('INSERT INTO inputs (n, path, kind, size) VALUES (?, ?, ?, ?)');
    inputs.forEach((s, i) => insertInput.run(i + 1, s.path, s.kind, sizes[i]));
    const insertCable = db.prepare(
      `INSERT INTO cables (n, input, source, row, offset, length, id, source_id, date, origin, level, caveats, tags, subject, refs,
         f_id, f_origin, f_date, f_class, f_level)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertDoc = db.prepare('INSERT INTO docs (n, body, doc) VALUES (?, ?, ?)');
    const insertFts = db.prepare('INSERT INTO fts (rowid, id, subject, tagkeys, origin, body) VALUES (?, ?, ?, ?, ?, ?)');
    const insertTag = db.prepare('INSERT OR IGNORE INTO cable_tags (tag, cable) VALUES (?, ?)');
    const insertProblem = db.prepare('INSERT INTO problems (n, input, error) VALUES (?, ?, ?)');
    const digest = createHash('sha256');
    const summary = { inputs: 0, cables: 0, failed: 0, bytes: 0 };

    const store = (item: Item, result: IndexTaskResult | null): void => {
      summary.inputs++;
      summary.bytes = item.bytes;
      const error = 'error' in item ? item.error : result && 'error' in result ? result.error : null;
      if (error !== null || !result || !('row' in result)) {
        const line = error ?? `${'task' in item ? item.task.input : '?'}: not parsed`;
        summary.failed++;
        insertProblem.run(item.seq, line.split(': ')[0] ?? '', line);
        digest.update(`problem\u0000${item.seq}\u0000${line}\n`);
        options.onError?.(line);
        return;
      }
      if (!('task' in item)) return;
      const r: IndexedRow = result.row;
      const f = item.csv?.subject ?? r.subjectOfFilter;
      const values = [
        item.seq,
        item.task.input,
        item.source,
        item.csv?.row ?? null,
        item.csv?.offset ?? null,
        item.csv?.length ?? null,
        r.id,
        r.sourceId,
        r.date,
        r.origin,
        r.level,
        r.caveats,
        r.tags,
        r.subject,
        r.refs,
        f.id,
        f.origin,
        f.date,
        f.classification,
        levelRank(f.classification),
      ] as const;
      const body = Buffer.from(r.packedBody.buffer, r.packedBody.byteOffset, r.packedBody.byteLength);
      const doc = Buffer.from(r.doc.buffer, r.doc.byteOffset, r.doc.byteLength);
      insertCable.run(...values);
      insertDoc.run(item.seq, body, doc);
      insertFts.run(item.seq, r.id, r.subject, r.tagkeys, r.origin, r.body);
      for (const tag of JSON.parse(r.tags) as string[]) insertTag.run(tag.toUpperCase(), item.seq);
      for (const v of values) digest.update(v === null ? '\u0001' : typeof v === 'number' ? String(v) : v).update('\u0000');
      digest.update(body).update('\u0000').update(doc).update('\u0000').update(r.tagkeys).update('\n');
      summary.cables++;
    };
    const storeChunk = db.transaction((chunk: { item: Item; result: IndexTaskResult | null }[]) => {
      for (const { item, result } of chunk) store(item, result);
    });

    /** A chunk of inputs in order, parsed (by the workers, in batches). */
    const parse = async (items: Item[]): Promise<{ item: Item; result: IndexTaskResult | null }[]> => {
      const tasks = items.flatMap((i) => ('task' in i ? [i.task] : []));
      let results: IndexTaskResult[];
      if (!pool) {
        results = [];
        for (const t of tasks) results.push(await indexTask(t));
      } else {
        const batches: IndexTask[][] = [];
        for (let i = 0; i < tasks.length; i += BATCH) batches.push(tasks.slice(i, i + BATCH));
        results = (await Promise.all(batches.map((b) => pool.run(b)))).flat();
      }
      const bySeq = new Map(results.map((r) => [r.seq, r]));
      return items.map((item) => ({ item, result: bySeq.get(item.seq) ?? null }));
    };

    const pending: Promise<{ item: Item; result: IndexTaskResult | null }[]>[] = [];
    const chunkSize = BATCH * Math.max(1, pool?.size ?? 1);
    const depth = DEPTH;
    let chunk: Item[] = [];
    const report = (): void =>
      options.onProgress?.({ done: summary.inputs, failed: summary.failed, bytes: summary.bytes, totalBytes, elapsedMs: Date.now() - started });
    // Rows are committed COMMIT at a time whatever the chunks were: FTS5 writes its segments at
    // each commit, so commits at the same rows make the same bytes with any number of threads.
    const parsed: { item: Item; result: IndexTaskResult | null }[] = [];
    const drain = async (keep: number): Promise<void> => {
      while (pending.length > keep) {
        parsed.push(...(await pending.shift()!));
        while (parsed.length >= COMMIT) storeChunk(parsed.splice(0, COMMIT));
        report();
      }
      if (keep === 0 && parsed.length) {
        storeChunk(parsed.splice(0));
        report();
      }
    };
    const push = async (item: Item): Promise<void> => {
      chunk.push(item);
      if (chunk.length < chunkSize) return;
      pending.push(parse(chunk));
      chunk = [];
      await drain(depth);
    };

    let seq = 0;
    let before = 0;
    for (let i = 0; i < inputs.length; i++) {
      if (options.signal?.aborted) break;
      const source = inputs[i]!;
      if (source.kind === 'file') {
        await push({ seq: ++seq, task: { seq, kind: 'file', input: source.path }, source: i + 1, bytes: before + sizes[i]! });
      } else {
        for await (const rec of readCsvRecords(source.path, { signal: options.signal })) {
          if (isCsvRowError(rec)) {
            await push({ seq: ++seq, error: `${rec.source}: ${rec.error}`, bytes: before });
            continue;
          }
          const at = rec.offset !== undefined && rec.length !== undefined ? before + rec.offset + rec.length : before;
          await push({
            seq: ++seq,
            task: { seq, kind: 'csv-row', input: rec.source, text: csvRecordText(rec), meta: csvRecordMeta(rec) },
            source: i + 1,
            csv: {
              row: rec.row,
              offset: rec.offset,
              length: rec.length,
              subject: { id: rec.id, origin: rec.origin, date: rec.date, classification: rec.classification },
            },
            bytes: at,
          });
          if (options.signal?.aborted) break;
        }
      }
      before += sizes[i]!;
    }
    if (chunk.length) pending.push(parse(chunk));
    await drain(0);
    if (options.signal?.aborted) throw new CableError(`interrupted after ${summary.inputs} inputs; no index written`, options.out);

    db.exec(INDEXES);
    const contentSha256 = digest.digest('hex');
    // Every cable's facets, counted once here: the workbench opens on them.
    const facets = JSON.stringify(countFacets(db, null));
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    const meta: Record<string, string> = {
      format: INDEX_FORMAT,
      version: String(INDEX_VERSION),
      inputs: String(summary.inputs),
      cables: String(summary.cables),
      failed: String(summary.failed),
      content_sha256: contentSha256,
      facets,
    };
    for (const [k, v] of Object.entries(meta)) setMeta.run(k, v);
    db.close();
    db = null;
    await rename(temp, out);
    return { out: options.out, inputs: summary.inputs, cables: summary.cables, failed: summary.failed, contentSha256, bytes: totalBytes };
  } catch (err) {
    if (db?.open) db.close();
    await rm(temp, { force: true });
    throw err;
  } finally {
    await pool?.close();
  }
}
