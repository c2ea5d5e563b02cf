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
import { createExecutor, tasksPerMessage, type Executor } from './pool.js';
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
  const setup = runSetup(options);
  const namer = new OutputNamer(setup.ext);
  namer.reserve(setup.manifestName);
  const resumed: Resumed = options.resume ? await readPrevious(setup, namer) : { previous: new Map(), appendJournal: false };
  const run = await BatchRun.start(options, setup, namer, resumed);
  return run.go();
}

/** What a run is, before it starts: the output extension, jobs, its manifest and journal, its head, its filter. */
interface RunSetup {
  ext: string;
  jobs: number;
  manifestName: string;
  manifestPath: string;
  journalPath: string;
  head: ManifestHead;
  filter: CableFilter | undefined;
  /** The filter as the manifest records it. */
  filterWords: string[];
}

function runSetup(options: BatchOptions): RunSetup {
  const manifestName = manifestFileName(options.shard);
  const filter = isEmptyFilter(options.filter) ? undefined : options.filter;
  const filterWords = describeFilter(filter);
  return {
    ext: EXTENSIONS[options.convert.format],
    jobs: Math.max(1, Math.floor(options.jobs ?? defaultJobs())),
    manifestName,
    manifestPath: join(options.outDir, manifestName),
    journalPath: join(options.outDir, journalFileName(manifestName)),
    head: {
      generator: 'cablekit' as const,
      format: options.convert.format,
      options: optionsRecord(options.convert),
      ...(filterWords.length ? { filter: filterWords } : {}),
      shard: options.shard ? shardLabel(options.shard) : null,
    },
    filter,
    filterWords,
  };
}

/** What `--resume` found: the outputs earlier runs made, by input, and whether this run goes on with the journal. */
interface Resumed {
  previous: Map<string, Previous>;
  appendJournal: boolean;
}

/**
 * --resume: outputs of earlier runs made with the same options may be kept — those a finished
 * run's manifest lists, then those the journal of a stopped run recorded (later ones win). Their
 * names are reserved in `namer`.
 */
async function readPrevious(setup: RunSetup, namer: OutputNamer): Promise<Resumed> {
  const previous = new Map<string, Previous>();
  const keep = (h: ManifestHead, entries: ManifestEntry[]): void => {
    const sameSelection = JSON.stringify(h.filter ?? []) === JSON.stringify(setup.filterWords);
    for (const e of entries) {
      if (isManifestOk(e) && e.output.endsWith(`.${setup.ext}`)) {
        previous.set(e.input, { entry: e, sameSelection });
        namer.reserve(e.output);
      }
    }
  };
  const m = await readManifest(setup.manifestPath);
  if (m && sameHead(m, setup.head)) keep(m, m.cables);
  // A journal only ever holds runs made the same way (else it is started afresh): if its
  // first run matches, all do.
  const runs = await readJournal(setup.journalPath);
  let appendJournal = false;
  if (runs && sameHead(journalRunHead(runs[0]!.head), setup.head)) {
    for (const run of runs) keep(run.head, run.entries);
    appendJournal = true;
  }
  return { previous, appendJournal };
}

/** A finished input waiting for its turn to be committed. */
type Done = { index: number; outcome?: TaskOutcome; entry?: ManifestEntry; kept?: boolean; filtered?: boolean };

/**
 * One run under way: inputs dispatched to the workers (never more than a window ahead of the
 * commits), results committed strictly in input order (output renamed into place, journal,
 * manifest), progress reported, and on failure or interruption the workers stopped and what
 * was staged but not committed removed.
 */
class BatchRun {
  private readonly summary = { inputs: 0, converted: 0, upToDate: 0, failed: 0, filtered: 0 };
  private readonly mtimes = new Map<string, number>();
  /** Set once the run is failing or interrupted: results still arriving are dropped, not committed. */
  private stopping = false;
  /** Finished results wait here until every earlier input is committed. */
  private readonly finished = new Map<number, Done>();
  private nextToCommit = 0;
  private dispatched = 0;
  private wake: (() => void) | null = null;
  private commitError: unknown = null;
  private chain = Promise.resolve();
  private readonly all: AllInputs = { count: 0, hash: createHash('sha256') };

  private constructor(
    private readonly options: BatchOptions,
    private readonly setup: RunSetup,
    private readonly namer: OutputNamer,
    private readonly resumed: Resumed,
    private readonly total: number | null,
    private readonly started: number,
    private readonly staging: { dir: string; prefix: string },
    /** Inputs in flight or waiting to be committed: enough for every worker's messages sent ahead. */
    private readonly window: number,
    private readonly executor: Executor,
    private readonly manifest: ManifestWriter,
    private readonly journal: Journal,
  ) {}

  /**
   * Starts the workers — no more than inputs (when their number is known), and before the
   * manifest is opened, so that a missing dist/ leaves no temp file behind — then opens the
   * manifest and the journal. Workers stage each output in a temp file of the output folder; it
   * is renamed to its name when its turn comes.
   */
  static async start(options: BatchOptions, setup: RunSetup, namer: OutputNamer, resumed: Resumed): Promise<BatchRun> {
    const known = options.inputs.length + (options.indexed?.count ?? 0);
    const total = options.inputs.every((s) => s.kind === 'file')
      ? options.shard
        ? Array.from({ length: known }).filter((_, i) => i % options.shard!.count === options.shard!.index - 1).length
        : known
      : null;
    const started = Date.now();
    await mkdir(options.outDir, { recursive: true });
    const staging = { dir: options.outDir, prefix: `.cablekit-${process.pid}-${started.toString(36)}-` };
    const context = { convert: options.convert, filter: setup.filter ? serializeFilter(setup.filter) : undefined, staging };
    const jobs = setup.jobs;
    const executor = createExecutor(total === null ? jobs : Math.min(jobs, Math.max(1, total)), context);
    // Temp files of earlier runs whose process is gone (killed before it could clean up).
    await dropStagedFiles(options.outDir, (pid) => pid !== process.pid && !processExists(pid));
    let manifest: ManifestWriter;
    let journal: Journal;
    try {
      manifest = await ManifestWriter.open(setup.manifestPath, setup.head);
      try {
        journal = Journal.open(setup.journalPath, setup.head, resumed.appendJournal);
      } catch (err) {
        await manifest.abort();
        throw err;
      }
    } catch (err) {
      await executor.close();
      throw err;
    }
    const window = jobs * 4 * (jobs > 1 ? tasksPerMessage(context) : 1);
    return new BatchRun(options, setup, namer, resumed, total, started, staging, window, executor, manifest, journal);
  }

  /** Dispatches every input, commits the results in order, and finishes the manifest (or stops cleanly). */
  async go(): Promise<BatchSummary> {
    const { options, summary } = this;
    const onAbort = (): void => this.wake?.();
    options.signal?.addEventListener('abort', onAbort);
    try {
      for await (const item of items(options, this.all)) {
        if (this.commitError || options.signal?.aborted) break;
        await this.dispatch(item);
      }
      if (options.signal?.aborted) throw this.interrupted();
      while (this.nextToCommit < this.dispatched && !this.commitError && !options.signal?.aborted) await new Promise<void>((r) => (this.wake = r));
      if (options.signal?.aborted) throw this.interrupted();
      await this.chain;
      if (this.commitError) throw this.commitError;
      await this.manifest.finish({
        inputs: summary.inputs,
        converted: summary.converted + summary.upToDate,
        failed: summary.failed,
        filtered: summary.filtered,
        ...(options.shard ? { allInputs: this.all.count, allInputsSha256: this.all.hash.digest('hex') } : {}),
      });
    } catch (err) {
      // Stop the workers first, let the commit in progress finish its atomic write, then drop the
      // manifest and the outputs staged but not committed. The journal stays, for --resume.
      this.stopping = true;
      options.signal?.removeEventListener('abort', onAbort);
      await this.executor.close();
      await this.chain.catch(() => {});
      await this.manifest.abort();
      await this.journal.close(!this.resumed.appendJournal && this.journal.count === 0); // a journal that records nothing is not kept
      await this.dropOwnStaged();
      throw err;
    }
    options.signal?.removeEventListener('abort', onAbort);
    await this.journal.close(true); // the manifest is written: it says all the journal said
    await this.executor.close();
    await this.dropOwnStaged(); // a worker killed while writing leaves a partial file
    return { ...summary, manifestPath: this.setup.manifestPath };
  }

  /** One input: settled at once (a bad row, filtered out, up to date) or sent to the workers; waits while the window is full. */
  private async dispatch(item: Item): Promise<void> {
    const { options } = this;
    const seq = this.dispatched++;
    if (item.kind === 'error') {
      this.settle(seq, { index: item.index, entry: { input: item.input, error: item.error } });
      return;
    }
    if (item.kind === 'filtered') {
      this.settle(seq, { index: item.index, filtered: true });
      return;
    }
    const task = { ...item.task, seq };
    if (options.resume) {
      const prev = await this.upToDate(task, item.mtimePath);
      if (prev) {
        this.settle(seq, { index: item.index, entry: prev, kept: true });
        return;
      }
    }
    const index = item.index;
    this.executor.run(task).then(
      (outcome) => this.settle(seq, { index, outcome }),
      (err: unknown) => {
        // The executor itself failed (workers cannot start): the batch stops.
        this.commitError ??= err;
        this.wake?.();
      },
    );
    // Back-pressure: never more than `window` inputs in flight or waiting to be committed.
    while (this.dispatched - this.nextToCommit >= this.window && !this.commitError && !options.signal?.aborted) await new Promise<void>((r) => (this.wake = r));
  }

  /** Inputs the workers filter (they need parsing): files, and CSV rows when the filter looks at tags or text. */
  private filteredByWorkers(task: BatchTask): boolean {
    const filter = this.setup.filter;
    return !!filter && task.kind !== 'cable' && (task.kind === 'file' || hasContentFilter(filter));
  }

  private async mtimeOf(path: string): Promise<number> {
    let t = this.mtimes.get(path);
    if (t === undefined) {
      t = (await stat(path).catch(() => null))?.mtimeMs ?? Infinity;
      this.mtimes.set(path, t);
    }
    return t;
  }

  /** The earlier run's output for this input, when it is still there, newer than its input and unchanged. */
  private async upToDate(task: BatchTask, mtimePath: string): Promise<ManifestOk | null> {
    const prev = this.resumed.previous.get(task.input);
    if (!prev || (!prev.sameSelection && this.filteredByWorkers(task))) return null;
    const out = join(this.options.outDir, prev.entry.output);
    const st = await stat(out).catch(() => null);
    if (!st || st.mtimeMs < (await this.mtimeOf(mtimePath))) return null;
    return (await sha256File(out)) === prev.entry.sha256 ? prev.entry : null;
  }

  private report(): void {
    const { summary } = this;
    this.options.onProgress?.({
      done: summary.inputs,
      converted: summary.converted,
      upToDate: summary.upToDate,
      failed: summary.failed,
      total: this.total,
      elapsedMs: Date.now() - this.started,
    });
  }

  /** A finished input: kept until every earlier one is committed, then committed in turn. */
  private settle(seq: number, d: Done): void {
    if (this.stopping) {
      if (d.outcome?.staged) void rm(d.outcome.staged, { force: true });
      return;
    }
    this.finished.set(seq, d);
    this.chain = this.chain.then(async () => {
      // Once interrupted, only the commit in progress finishes: what waits behind it is dropped.
      while (this.finished.has(this.nextToCommit) && !this.options.signal?.aborted) {
        const next = this.finished.get(this.nextToCommit)!;
        this.finished.delete(this.nextToCommit);
        try {
          await this.commit(next);
        } catch (err) {
          this.commitError ??= err;
        }
        this.nextToCommit++;
        this.report();
        this.wake?.();
      }
    });
  }

  /** Commits one input in its turn: its output renamed into place and named, then the journal, the counts and the manifest. */
  private async commit(d: Done): Promise<void> {
    const { summary } = this;
    summary.inputs++;
    const o = d.outcome;
    if (d.filtered || o?.filtered) {
      summary.filtered++;
      return;
    }
    let entry = d.entry;
    let made = false;
    if (!entry && o) {
      entry = await this.place(o);
      made = !('error' in entry);
    }
    if (!entry) return;
    entry = shardEntry(entry, d.index, this.options.shard);
    // The output is in place: record it before anything else can stop the run.
    if (made) this.journal.add(entry as ManifestOk);
    if ('error' in entry) summary.failed++;
    else if (d.kept) summary.upToDate++;
    else summary.converted++;
    await this.manifest.add(entry);
  }

  /** A worker's result as a manifest entry: its output given its name (the earlier run's, on --resume) and put in place, or its error. */
  private async place(o: TaskOutcome): Promise<ManifestEntry> {
    if (o.error !== undefined || (!o.data && !o.staged)) return { input: o.input, error: o.error ?? 'no output' };
    const { ext } = this.setup;
    const stem = outputStem(o.id, o.input);
    const prev = this.resumed.previous.get(o.input)?.entry;
    const reuse = prev && new RegExp(`^${stem.replace(/[.]/g, '\\.')}(-\\d+)?\\.${ext}$`).test(prev.output) ? prev.output : null;
    const output = reuse ?? this.namer.claim(stem);
    try {
      // Synchronously: one call, where fs/promises' rename is a trip through the thread pool
      // and a promise for each output; the coordinator has nothing else to do meanwhile.
      if (o.staged) renameSync(o.staged, join(this.options.outDir, output));
      else await writeFileAtomic(join(this.options.outDir, output), o.data!);
      return { input: o.input, id: o.id ?? stem, output, pages: o.pages ?? null, sha256: o.sha256!, warnings: o.warnings ?? [] };
    } catch (err) {
      if (o.staged) await rm(o.staged, { force: true });
      return { input: o.input, error: `cannot write ${output}: ${(err as Error).message.split('\n')[0]}` };
    }
  }

  private interrupted(): CableError {
    const { summary, journal } = this;
    return new CableError(
      journal.count === 0 && !this.resumed.appendJournal
        ? `interrupted after ${summary.inputs} inputs, before any output was made; no manifest written`
        : `interrupted after ${summary.inputs} inputs, no manifest written; outputs made are complete and recorded in ${this.setup.journalPath}: run again with --resume to go on`,
    );
  }

  /** This run's outputs staged but never committed. */
  private dropOwnStaged(): Promise<void> {
    return dropStagedFiles(this.options.outDir, (_, name) => name.startsWith(this.staging.prefix));
  }
}

/** An entry as a shard's manifest records it: with its position among all inputs (for `manifest merge`). */
function shardEntry<E extends ManifestEntry>(e: E, index: number, shard: Shard | null | undefined): E {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { index: _, ...rest } = e;
  return (shard ? { index, ...rest } : rest) as E;
}
