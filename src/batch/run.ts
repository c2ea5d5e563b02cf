/**
 * Batch conversion: every input (cable files, bulk-CSV rows) through `convertCable` on a pool of
 * worker processes, outputs named from cable ids and written atomically in input order, and a
 * manifest. A bad input is recorded and the batch goes on. Results are committed strictly in
 * input order, so names and the manifest do not depend on the number of jobs.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { ConvertOptions } from '../pipeline/convert.js';
import { EXTENSIONS } from '../render/registry.js';
import { publicOptionValue } from '../redact/set.js';
import { writeFileAtomic } from '../io/atomic.js';
import { CableError } from '../errors.js';
import type { InputSource } from '../input/discover.js';
import { readCsvRecords, isCsvRowError, csvRecordText, csvRecordMeta } from '../csv/read.js';
import { isEmptyFilter, serializeFilter, type CableFilter } from '../csv/filter.js';
import { createExecutor } from './pool.js';
import type { BatchTask, TaskOutcome } from './task.js';
import { OutputNamer, outputStem } from './names.js';
import {
  ManifestWriter,
  isManifestOk,
  manifestFileName,
  readManifest,
  type ManifestEntry,
  type ManifestOk,
  type ManifestSummary,
} from './manifest.js';

export interface Shard {
  /** 1-based: shard K of N. */
  index: number;
  count: number;
}

/** `2/8` → `{ index: 2, count: 8 }`. */
export function parseShard(s: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard must be K/N with 1 ≤ K ≤ N, e.g. 1/4 (got "${s}")`);
  }
  return { index, count };
}

export interface BatchProgress {
  /** Inputs finished (converted, up to date, failed or filtered out). */
  done: number;
  converted: number;
  upToDate: number;
  failed: number;
  /** Known when every input is a file; null while a CSV is being streamed. */
  total: number | null;
  elapsedMs: number;
}

export interface BatchOptions {
  inputs: InputSource[];
  outDir: string;
  convert: ConvertOptions;
  /** Worker processes; 1 runs in the main thread. Default: the number of cores. */
  jobs?: number;
  resume?: boolean;
  shard?: Shard | null;
  filter?: CableFilter;
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
}

export interface BatchSummary extends ManifestSummary {
  /** Of the inputs with an output, those kept from an earlier run by `--resume`. */
  upToDate: number;
  manifestPath: string;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The one line a batch ends with: `converted 998 of 1000; 2 failed, see out/manifest.json`. */
export function summaryLine(s: BatchSummary): string {
  const total = s.converted + s.upToDate + s.failed;
  let line = `converted ${s.converted} of ${total}`;
  if (s.upToDate) line += ` (${s.upToDate} already up to date)`;
  if (s.filtered) line += `; ${s.filtered} filtered out`;
  line += s.failed ? `; ${s.failed} failed, see ${s.manifestPath}` : `; manifest: ${s.manifestPath}`;
  return line;
}

type Item =
  | { kind: 'task'; task: BatchTask; mtimePath: string }
  | { kind: 'error'; input: string; error: string };

/** The inputs in order as tasks (files, then CSV rows streamed), with the shard applied. */
async function* items(options: BatchOptions): AsyncGenerator<Item> {
  let i = 0;
  let seq = 0;
  const inShard = (): boolean => {
    const mine = !options.shard || i % options.shard.count === options.shard.index - 1;
    i++;
    return mine;
  };
  for (const source of options.inputs) {
    if (source.kind === 'file') {
      if (inShard()) yield { kind: 'task', task: { seq: seq++, kind: 'file', input: source.path }, mtimePath: source.path };
      continue;
    }
    for await (const rec of readCsvRecords(source.path, { filter: options.filter, signal: options.signal })) {
      if (!inShard()) continue;
      if (isCsvRowError(rec)) {
        yield { kind: 'error', input: rec.source, error: rec.error };
        continue;
      }
      yield {
        kind: 'task',
        task: { seq: seq++, kind: 'csv-row', input: rec.source, text: csvRecordText(rec), meta: csvRecordMeta(rec) },
        mtimePath: source.path,
      };
    }
  }
}

/** Removes the staged outputs (`.cablekit-<pid>-<run>-<seq>.tmp`) in `dir` that `drop` picks, by pid and name. */
async function dropStagedFiles(dir: string, drop: (pid: number, name: string) => boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .map((name) => ({ name, pid: Number(/^\.cablekit-(\d+)-[0-9a-z]+-\d+\.tmp$/.exec(name)?.[1]) }))
      .filter(({ name, pid }) => pid > 0 && drop(pid, name))
      .map(({ name }) => rm(join(dir, name), { force: true })),
  );
}

/** Is there a process with this pid (ours or another user's)? */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function sha256File(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** The conversion options as they go into the manifest (stable key order, no collectors). */
function optionsRecord(convert: ConvertOptions): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const key of Object.keys(convert).sort()) {
    const v = (convert as unknown as Record<string, unknown>)[key];
    if (key !== 'warnings' && v !== undefined) rec[key] = publicOptionValue(key, v); // no redaction terms in the manifest
  }
  return rec;
}

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const ext = EXTENSIONS[options.convert.format];
  const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
  const manifestName = manifestFileName(options.shard);
  const manifestPath = join(options.outDir, manifestName);
  const optionsRec = optionsRecord(options.convert);
  const head = {
    generator: 'cablekit' as const,
    format: options.convert.format,
    options: optionsRec,
    shard: options.shard ? `${options.shard.index}/${options.shard.count}` : null,
  };

  // --resume: outputs of the last run made with the same options may be kept.
  const previous = new Map<string, ManifestOk>();
  const namer = new OutputNamer(ext);
  namer.reserve(manifestName);
  if (options.resume) {
    const m = await readManifest(manifestPath);
    if (m && m.format === head.format && JSON.stringify(m.options) === JSON.stringify(optionsRec)) {
      for (const e of m.cables) {
        if (isManifestOk(e) && e.output.endsWith(`.${ext}`)) {
          previous.set(e.input, e);
          namer.reserve(e.output);
        }
      }
    }
  }
  const mtimes = new Map<string, number>();
  const mtimeOf = async (path: string): Promise<number> => {
    let t = mtimes.get(path);
    if (t === undefined) {
      t = (await stat(path).catch(() => null))?.mtimeMs ?? Infinity;
      mtimes.set(path, t);
    }
    return t;
  };
  async function upToDate(input: string, mtimePath: string): Promise<ManifestOk | null> {
    const prev = previous.get(input);
    if (!prev) return null;
    const out = join(options.outDir, prev.output);
    const st = await stat(out).catch(() => null);
    if (!st || st.mtimeMs < (await mtimeOf(mtimePath))) return null;
    return (await sha256File(out)) === prev.sha256 ? prev : null;
  }

  const summary = { inputs: 0, converted: 0, upToDate: 0, failed: 0, filtered: 0 };
  const total = options.inputs.every((s) => s.kind === 'file')
    ? options.shard
      ? options.inputs.filter((_, i) => i % options.shard!.count === options.shard!.index - 1).length
      : options.inputs.length
    : null;
  const started = Date.now();
  const report = (): void =>
    options.onProgress?.({
      done: summary.inputs,
      converted: summary.converted,
      upToDate: summary.upToDate,
      failed: summary.failed,
      total,
      elapsedMs: Date.now() - started,
    });

  // No more workers than inputs (when their number is known); started before the manifest is
  // opened, so that a missing dist/ leaves no temp file behind. Workers stage each output in a
  // temp file of the output folder; it is renamed to its name when its turn comes.
  await mkdir(options.outDir, { recursive: true });
  const staging = { dir: options.outDir, prefix: `.cablekit-${process.pid}-${started.toString(36)}-` };
  const executor = createExecutor(total === null ? jobs : Math.min(jobs, Math.max(1, total)), {
    convert: options.convert,
    filter: isEmptyFilter(options.filter) ? undefined : serializeFilter(options.filter!),
    staging,
  });
  // Staged outputs of earlier runs whose process is gone (killed before it could clean up).
  await dropStagedFiles(options.outDir, (pid) => pid !== process.pid && !processExists(pid));
  /** This run's outputs staged but never committed. */
  const dropOwnStaged = (): Promise<void> => dropStagedFiles(options.outDir, (_, name) => name.startsWith(staging.prefix));
  let manifest: ManifestWriter;
  try {
    manifest = await ManifestWriter.open(manifestPath, head);
  } catch (err) {
    await executor.close();
    throw err;
  }

  /** Set once the run is failing or interrupted: results still arriving are dropped, not committed. */
  let stopping = false;
  /** Finished results wait here until every earlier input is committed. */
  type Done = { outcome?: TaskOutcome; entry?: ManifestEntry; filtered?: boolean };
  const finished = new Map<number, Done>();
  let nextToCommit = 0;
  let dispatched = 0;
  const window = jobs * 4;
  let wake: (() => void) | null = null;
  let commitError: unknown = null;
  let chain = Promise.resolve();

  async function commit(d: Done): Promise<void> {
    summary.inputs++;
    let entry = d.entry;
    const o = d.outcome;
    if (o?.filtered) {
      summary.filtered++;
      return;
    }
    if (!entry && o) {
      if (o.error !== undefined || (!o.data && !o.staged)) {
        entry = { input: o.input, error: o.error ?? 'no output' };
      } else {
        const stem = outputStem(o.id, o.input);
        const prev = previous.get(o.input);
        const ownName = new RegExp(`^${stem.replace(/[.]/g, '\\.')}(-\\d+)?\\.${ext}$`);
        const reuse = prev && ownName.test(prev.output) ? prev.output : null;
        const output = reuse ?? namer.claim(stem);
        try {
          if (o.staged) await rename(o.staged, join(options.outDir, output));
          else await writeFileAtomic(join(options.outDir, output), o.data!);
          entry = {
            input: o.input,
            id: o.id ?? stem,
            output,
            pages: o.pages ?? null,
            sha256: o.sha256!,
            warnings: o.warnings ?? [],
          };
        } catch (err) {
          if (o.staged) await rm(o.staged, { force: true });
          entry = { input: o.input, error: `cannot write ${output}: ${(err as Error).message.split('\n')[0]}` };
        }
      }
    }
    if (!entry) return;
    if ('error' in entry) summary.failed++;
    else if (d.entry) summary.upToDate++;
    else summary.converted++;
    await manifest.add(entry);
  }

  function settle(seq: number, d: Done): void {
    if (stopping) {
      if (d.outcome?.staged) void rm(d.outcome.staged, { force: true });
      return;
    }
    finished.set(seq, d);
    chain = chain.then(async () => {
      while (finished.has(nextToCommit)) {
        const next = finished.get(nextToCommit)!;
        finished.delete(nextToCommit);
        try {
          await commit(next);
        } catch (err) {
          commitError ??= err;
        }
        nextToCommit++;
        report();
        wake?.();
      }
    });
  }

  const onAbort = (): void => wake?.();
  options.signal?.addEventListener('abort', onAbort);
  const interrupted = (): CableError => new CableError('interrupted: no manifest written; outputs already made are complete');
  try {
    for await (const item of items(options)) {
      if (commitError || options.signal?.aborted) break;
      const seq = dispatched++;
      if (item.kind === 'error') {
        settle(seq, { entry: { input: item.input, error: item.error } });
        continue;
      }
      const task = { ...item.task, seq };
      if (options.resume) {
        const prev = await upToDate(task.input, item.mtimePath);
        if (prev) {
          settle(seq, { entry: prev });
          continue;
        }
      }
      executor.run(task).then(
        (outcome) => settle(seq, { outcome }),
        (err: unknown) => {
          // The executor itself failed (workers cannot start): the batch stops.
          commitError ??= err;
          wake?.();
        },
      );
      // Back-pressure: never more than `window` inputs in flight or waiting to be committed.
      while (dispatched - nextToCommit >= window && !commitError && !options.signal?.aborted) await new Promise<void>((r) => (wake = r));
    }
    if (options.signal?.aborted) throw interrupted();
    while (nextToCommit < dispatched && !commitError && !options.signal?.aborted) await new Promise<void>((r) => (wake = r));
    if (options.signal?.aborted) throw interrupted();
    await chain;
    if (commitError) throw commitError;
    await manifest.finish({
      inputs: summary.inputs,
      converted: summary.converted + summary.upToDate,
      failed: summary.failed,
      filtered: summary.filtered,
    });
  } catch (err) {
    // Stop the workers first, let the commit in progress finish its atomic write, then drop the
    // manifest and the outputs staged but not committed.
    stopping = true;
    options.signal?.removeEventListener('abort', onAbort);
    await executor.close();
    await chain.catch(() => {});
    await manifest.abort();
    await dropOwnStaged();
    throw err;
  }
  options.signal?.removeEventListener('abort', onAbort);
  await executor.close();
  await dropOwnStaged(); // a worker killed while writing leaves a partial file
  return { ...summary, manifestPath };
}
