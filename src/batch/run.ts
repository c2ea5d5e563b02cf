/**
 * Batch conversion: every input (cable files, bulk-CSV rows) through `convertCable` on a pool of
 * worker processes, outputs named from cable ids and written atomically in input order, and a
 * manifest. A bad input is recorded and the batch goes on. Results are committed strictly in
 * input order, so names and the manifest do not depend on the number of jobs. Each commit is
 * recorded in a journal at once, so that `--resume` goes on from where a stopped run was.
 */
import { createHash } from 'node:crypto';
import { renameSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { ConvertOptions } from '../pipeline/convert.js';
import type { Cable } from '../model/cable.js';
import { EXTENSIONS } from '../writers/registry.js';
import { publicOptionValue } from '../redact/audit/public-options.js';
import { writeFileAtomic } from '../io/atomic.js';
import { CableError } from '../errors.js';
import type { InputSource } from '../readers/input/discover.js';
import { describeFilter, hasContentFilter, isEmptyFilter, serializeFilter, type CableFilter } from '../select/filter.js';
import { createExecutor, tasksPerMessage } from './pool.js';
import { Journal, journalFileName, journalRunHead, readJournal } from './journal.js';
import { shardLabel, type Shard } from './shard.js';
import type { BatchTask, TaskOutcome } from './task.js';
import { OutputNamer, outputStem } from './names.js';
import {
  ManifestWriter,
  isManifestOk,
  manifestFileName,
  readManifest,
  sha256File,
  type ManifestEntry,
  type ManifestHead,
  type ManifestOk,
  type ManifestSummary,
} from './manifest.js';
import { processExists } from '../io/process.js';

export { parseShard, shardFromEnvironment, type Shard } from './shard.js';

export interface BatchProgress {
  /** Inputs finished (converted, up to date, failed or filtered out) in this run's shard. */
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
  /**
   * Cables already selected from a search index (`render --index`), converted after `inputs`.
   * `path` is the index (its time decides what `--resume` keeps); the filter is not applied again.
   */
  indexed?: { path: string; count: number; cables: () => Iterable<{ input: string; cable: Cable }> };
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

/**
 * One input in order, with `index`, its position among the inputs of all shards: a task for the
 * workers (which parse it and apply what of the filter needs a parsed cable), a row that cannot
 * be read, or a CSV row the filter rejects on its columns and raw text.
 */
type Item =
  | { kind: 'task'; index: number; task: BatchTask; mtimePath: string }
  | { kind: 'error'; index: number; input: string; error: string }
  | { kind: 'filtered'; index: number; input: string };

/** What the walk over all inputs saw: their number and a digest of their names, for `manifest merge`. */
interface AllInputs {
  count: number;
  hash: ReturnType<typeof createHash>;
}

/**
 * The inputs in order (files, then CSV rows streamed), with the shard applied to every input —
 * before the filter, as for files — so each shard counts and reports its own filtered inputs.
 */
async function* items(options: BatchOptions, all: AllInputs): AsyncGenerator<Item> {
  let seq = 0;
  const shard = options.shard;
  const filter = options.filter;
  const mine = (input: string): number | null => {
    const index = all.count++;
    all.hash.update(`${input}\n`);
    return !shard || index % shard.count === shard.index - 1 ? index : null;
  };
  for (const source of options.inputs) {
    if (source.kind === 'file') {
      const index = mine(source.path);
      if (index !== null) yield { kind: 'task', index, task: { seq: seq++, kind: 'file', input: source.path }, mtimePath: source.path };
      continue;
    }
    // The CSV reader (and its parser) is loaded for a CSV only.
    const { readCsvRecords, isCsvRowError, csvRecordText, csvRecordMeta } = await import('../readers/csv/read.js');
    const { recordMayMatch } = await import('../select/csv.js');
    for await (const rec of readCsvRecords(source.path, { signal: options.signal })) {
      const index = mine(rec.source);
      if (index === null) continue;
      if (isCsvRowError(rec)) yield { kind: 'error', index, input: rec.source, error: rec.error };
      else if (!recordMayMatch(rec, filter)) yield { kind: 'filtered', index, input: rec.source };
      else {
        yield {
          kind: 'task',
          index,
          task: { seq: seq++, kind: 'csv-row', input: rec.source, text: csvRecordText(rec), meta: csvRecordMeta(rec) },
          mtimePath: source.path,
        };
      }
    }
  }
  if (options.indexed) {
    for (const { input, cable } of options.indexed.cables()) {
      if (options.signal?.aborted) return;
      const index = mine(input);
      if (index !== null) yield { kind: 'task', index, task: { seq: seq++, kind: 'cable', input, cable }, mtimePath: options.indexed.path };
    }
  }
}

/**
 * Temp files a run leaves only when it is killed: staged outputs
 * (`.cablekit-<pid>-<run>-<seq>.tmp`) and the manifest being written (`.manifest….json.<pid>.<time>.tmp`).
 */
const TEMP_FILES = [/^\.cablekit-(\d+)-[0-9a-z]+-\d+\.tmp$/, /^\.manifest(?:-\d+-of-\d+)?\.json\.(\d+)\.\d+\.tmp$/];

/** Removes the temp files in `dir` that `drop` picks, by pid and name. */
async function dropStagedFiles(dir: string, drop: (pid: number, name: string) => boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .map((name) => ({ name, pid: Number(TEMP_FILES.map((re) => re.exec(name)?.[1]).find(Boolean)) }))
      .filter(({ name, pid }) => pid > 0 && drop(pid, name))
      .map(({ name }) => rm(join(dir, name), { force: true })),
  );
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

/** An output an earlier run made, which `--resume` may keep. */
interface Previous {
  entry: ManifestOk;
  /** Did that run select with the same filter? If not, an input the workers filter must be checked again. */
  sameSelection: boolean;
}

const sameHead = (a: ManifestHead, b: ManifestHead): boolean =>
  a.format === b.format && JSON.stringify(a.options) === JSON.stringify(b.options) && a.shard === b.shard;

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const ext = EXTENSIONS[options.convert.format];
  const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
  const manifestName = manifestFileName(options.shard);
  const manifestPath = join(options.outDir, manifestName);
  const journalPath = join(options.outDir, journalFileName(manifestName));
  const optionsRec = optionsRecord(options.convert);
  const filter = isEmptyFilter(options.filter) ? undefined : options.filter;
  const filterWords = describeFilter(filter);
  const head: ManifestHead = {
    generator: 'cablekit' as const,
    format: options.convert.format,
    options: optionsRec,
    ...(filterWords.length ? { filter: filterWords } : {}),
    shard: options.shard ? shardLabel(options.shard) : null,
  };
  const sameFilter = (h: ManifestHead): boolean => JSON.stringify(h.filter ?? []) === JSON.stringify(filterWords);
  /** Inputs the workers filter (they need parsing): files, and CSV rows when the filter looks at tags or text. */
  const filteredByWorkers = (task: BatchTask): boolean => !!filter && task.kind !== 'cable' && (task.kind === 'file' || hasContentFilter(filter));
  const shardEntry = <E extends ManifestEntry>(e: E, index: number): E => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { index: _, ...rest } = e;
    return (options.shard ? { index, ...rest } : rest) as E;
  };

  // --resume: outputs of earlier runs made with the same options may be kept — those a finished
  // run's manifest lists, then those the journal of a stopped run recorded (later ones win).
  const previous = new Map<string, Previous>();
  const namer = new OutputNamer(ext);
  namer.reserve(manifestName);
  let appendJournal = false;
  if (options.resume) {
    const keep = (h: ManifestHead, entries: ManifestEntry[]): void => {
      const sameSelection = sameFilter(h);
      for (const e of entries) {
        if (isManifestOk(e) && e.output.endsWith(`.${ext}`)) {
          previous.set(e.input, { entry: e, sameSelection });
          namer.reserve(e.output);
        }
      }
    };
    const m = await readManifest(manifestPath);
    if (m && sameHead(m, head)) keep(m, m.cables);
    // A journal only ever holds runs made the same way (else it is started afresh): if its
    // first run matches, all do.
    const runs = await readJournal(journalPath);
    if (runs && sameHead(journalRunHead(runs[0]!.head), head)) {
      for (const run of runs) keep(run.head, run.entries);
      appendJournal = true;
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
  async function upToDate(task: BatchTask, mtimePath: string): Promise<ManifestOk | null> {
    const prev = previous.get(task.input);
    if (!prev || (!prev.sameSelection && filteredByWorkers(task))) return null;
    const out = join(options.outDir, prev.entry.output);
    const st = await stat(out).catch(() => null);
    if (!st || st.mtimeMs < (await mtimeOf(mtimePath))) return null;
    return (await sha256File(out)) === prev.entry.sha256 ? prev.entry : null;
  }

  const summary = { inputs: 0, converted: 0, upToDate: 0, failed: 0, filtered: 0 };
  const known = options.inputs.length + (options.indexed?.count ?? 0);
  const total = options.inputs.every((s) => s.kind === 'file')
    ? options.shard
      ? Array.from({ length: known }).filter((_, i) => i % options.shard!.count === options.shard!.index - 1).length
      : known
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
  const context = { convert: options.convert, filter: filter ? serializeFilter(filter) : undefined, staging };
  const executor = createExecutor(total === null ? jobs : Math.min(jobs, Math.max(1, total)), context);
  // Temp files of earlier runs whose process is gone (killed before it could clean up).
  await dropStagedFiles(options.outDir, (pid) => pid !== process.pid && !processExists(pid));
  /** This run's outputs staged but never committed. */
  const dropOwnStaged = (): Promise<void> => dropStagedFiles(options.outDir, (_, name) => name.startsWith(staging.prefix));
  let manifest: ManifestWriter;
  let journal: Journal;
  try {
    manifest = await ManifestWriter.open(manifestPath, head);
    try {
      journal = Journal.open(journalPath, head, appendJournal);
    } catch (err) {
      await manifest.abort();
      throw err;
    }
  } catch (err) {
    await executor.close();
    throw err;
  }

  /** Set once the run is failing or interrupted: results still arriving are dropped, not committed. */
  let stopping = false;
  /** Finished results wait here until every earlier input is committed. */
  type Done = { index: number; outcome?: TaskOutcome; entry?: ManifestEntry; kept?: boolean; filtered?: boolean };
  const finished = new Map<number, Done>();
  let nextToCommit = 0;
  let dispatched = 0;
  // Inputs in flight or waiting to be committed: enough for every worker's messages sent ahead.
  const window = jobs * 4 * (jobs > 1 ? tasksPerMessage(context) : 1);
  let wake: (() => void) | null = null;
  let commitError: unknown = null;
  let chain = Promise.resolve();
  const all: AllInputs = { count: 0, hash: createHash('sha256') };

  async function commit(d: Done): Promise<void> {
    summary.inputs++;
    const o = d.outcome;
    if (d.filtered || o?.filtered) {
      summary.filtered++;
      return;
    }
    let entry = d.entry;
    let made = false;
    if (!entry && o) {
      if (o.error !== undefined || (!o.data && !o.staged)) {
        entry = { input: o.input, error: o.error ?? 'no output' };
      } else {
        const stem = outputStem(o.id, o.input);
        const prev = previous.get(o.input)?.entry;
        const reuse = prev && new RegExp(`^${stem.replace(/[.]/g, '\\.')}(-\\d+)?\\.${ext}$`).test(prev.output) ? prev.output : null;
        const output = reuse ?? namer.claim(stem);
        try {
          // Synchronously: one call, where fs/promises' rename is a trip through the thread pool
          // and a promise for each output; the coordinator has nothing else to do meanwhile.
          if (o.staged) renameSync(o.staged, join(options.outDir, output));
          else await writeFileAtomic(join(options.outDir, output), o.data!);
          entry = {
            input: o.input,
            id: o.id ?? stem,
            output,
            pages: o.pages ?? null,
            sha256: o.sha256!,
            warnings: o.warnings ?? [],
          };
          made = true;
        } catch (err) {
          if (o.staged) await rm(o.staged, { force: true });
          entry = { input: o.input, error: `cannot write ${output}: ${(err as Error).message.split('\n')[0]}` };
        }
      }
    }
    if (!entry) return;
    entry = shardEntry(entry, d.index);
    // The output is in place: record it before anything else can stop the run.
    if (made) journal.add(entry as ManifestOk);
    if ('error' in entry) summary.failed++;
    else if (d.kept) summary.upToDate++;
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
      // Once interrupted, only the commit in progress finishes: what waits behind it is dropped.
      while (finished.has(nextToCommit) && !options.signal?.aborted) {
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
  const interrupted = (): CableError =>
    new CableError(
      journal.count === 0 && !appendJournal
        ? `interrupted after ${summary.inputs} inputs, before any output was made; no manifest written`
        : `interrupted after ${summary.inputs} inputs, no manifest written; outputs made are complete and recorded in ${journalPath}: run again with --resume to go on`,
    );
  try {
    for await (const item of items(options, all)) {
      if (commitError || options.signal?.aborted) break;
      const seq = dispatched++;
      if (item.kind === 'error') {
        settle(seq, { index: item.index, entry: { input: item.input, error: item.error } });
        continue;
      }
      if (item.kind === 'filtered') {
        settle(seq, { index: item.index, filtered: true });
        continue;
      }
      const task = { ...item.task, seq };
      if (options.resume) {
        const prev = await upToDate(task, item.mtimePath);
        if (prev) {
          settle(seq, { index: item.index, entry: prev, kept: true });
          continue;
        }
      }
      const index = item.index;
      executor.run(task).then(
        (outcome) => settle(seq, { index, outcome }),
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
      ...(options.shard ? { allInputs: all.count, allInputsSha256: all.hash.digest('hex') } : {}),
    });
  } catch (err) {
    // Stop the workers first, let the commit in progress finish its atomic write, then drop the
    // manifest and the outputs staged but not committed. The journal stays, for --resume.
    stopping = true;
    options.signal?.removeEventListener('abort', onAbort);
    await executor.close();
    await chain.catch(() => {});
    await manifest.abort();
    await journal.close(!appendJournal && journal.count === 0); // a journal that records nothing is not kept
    await dropOwnStaged();
    throw err;
  }
  options.signal?.removeEventListener('abort', onAbort);
  await journal.close(true); // the manifest is written: it says all the journal said
  await executor.close();
  await dropOwnStaged(); // a worker killed while writing leaves a partial file
  return { ...summary, manifestPath };
}
