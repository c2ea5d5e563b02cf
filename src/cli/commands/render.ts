/** `cablekit render`: cables (files, folders, globs, the bulk CSV) to PDF, DOCX, text, Markdown or JSON. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliCommand } from './types.js';
import type { TaskOutcome } from '../../batch/task.js';
import { convertOptionsFromArgs, withConvertOptions } from '../options.js';
import { discoverInputs } from '../../readers/input/discover.js';
import { serializeFilter } from '../../select/filter.js';
import { selectionFromArgs, withSelectionOptions } from '../selection-options.js';
import { runBatch, parseShard, summaryLine, defaultJobs, type BatchOptions } from '../../batch/run.js';
import { indexQueryOf, inputsOrIndex, limitOf, withIndexOptions } from '../index-options.js';
import type { CableFilter } from '../../select/filter.js';
import { createProgressReporter } from '../../batch/progress.js';
import { executeTask } from '../../batch/task.js';
import { outputStem } from '../../batch/names.js';
import { readManifest } from '../../batch/manifest.js';
import { EXTENSIONS } from '../../writers/registry.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { CableError } from '../../errors.js';
import { STDIN_ARG, STDIN_NAME, isStdinArg, readCableStdin } from '../../readers/input/stdin.js';
import { convertCable, type ConvertOptions } from '../../pipeline/convert.js';
import { deserializeFilter, matchesCable, type SerializedFilter } from '../../select/filter.js';

const TEXT_FORMATS = new Set(['text', 'markdown', 'json']);

export const renderCommand: CliCommand = {
  command: 'render [inputs..]',
  describe: 'Convert cables (files, folders, globs, cables.csv) to PDF, DOCX, text, Markdown or JSON',
  docs: 'rendering.md',
  builder: (y) =>
    withIndexOptions(
      withSelectionOptions(withConvertOptions(y.positional('inputs', { describe: 'Cable files, folders, globs, the bulk cables.csv, or - (one cable from standard input)', type: 'string' }))),
      'cables',
    )
      .option('out', { type: 'string', describe: 'Output folder: one file per cable, named by its id, and manifest.json (needed for several inputs)' })
      .option('output', { alias: 'o', type: 'string', describe: "Write the one cable's output to this file (- for standard output); the format follows its extension" })
      .option('jobs', { alias: 'j', type: 'number', describe: `Parallel worker processes (default: cores, ${defaultJobs()})` })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' })
      .option('resume', { type: 'boolean', describe: 'Go on from an earlier run: keep outputs up to date (per manifest.json or the journal of a stopped run)' })
      .option('shard', {
        type: 'string',
        describe: 'Only the K-th of N deterministic slices of the inputs: K/N, or auto (auto/N) to read K (and N) from a Kubernetes Indexed Job, Slurm array or AWS Batch array',
      })
      .example('$0 render 08OTTAWA372.txt --format pdf', 'Writes 08OTTAWA372.pdf here')
      .example('cat 08OTTAWA372.txt | $0 render - -o cable.docx', 'Standard input to a file; the format from its extension')
      .example('$0 render cables/ --format docx --out out/ --jobs 2', 'A folder of cables to a folder of DOCX, with out/manifest.json')
      .example("$0 render cables.csv --format json --out out/ --filter origin=OTTAWA --from 2008", 'Selected rows of the bulk CSV')
      .example("$0 render 'cables/**/*.txt' --format text --out out/ --shard 1/4", 'The first of four slices')
      .example("$0 render cables.csv --format pdf --out out/ --filter tag=PARM --filter 'text~cluster munitions'", 'PARM cables that mention cluster munitions')
      .example('$0 render cables.csv --format pdf --out /data/out --shard auto --resume', 'One task of an array job (see the README)')
      .example(`$0 render --index release.db --query 'tag:PARM "cluster munitions"' --format pdf --out out/`, 'What a search of an index finds'),
  run: async (args) => {
    const convert = await convertOptionsFromArgs(args);
    const shard = args.shard ? parseShard(String(args.shard)) : null;
    const filter = await selectionFromArgs(args);
    const { inputs: given, index: indexPath } = inputsOrIndex(args);
    const limit = limitOf(args);
    const out = args.out as string | undefined;
    const output = args.output as string | undefined;
    if (output !== undefined && out !== undefined) {
      throw new CableError('-o FILE and --out DIR do not go together: -o writes one cable to a file, --out one file per cable to a folder');
    }
    if (output === '') throw new CableError('-o needs a file name (or - for standard output)');
    if (output !== undefined && !isStdinArg(output) && (await stat(output).catch(() => null))?.isDirectory()) {
      throw new CableError('is a folder: -o names the file to write; --out DIR writes one file per cable into a folder', output);
    }
    // --limit keeps the first cables of an index's selection; without one it would be ignored
    if (indexPath === null && limit !== undefined) throw new CableError('--limit takes the first cables of a search index: add --index release.db (or pick them with select --limit N and --ids -)');
    if (indexPath !== null) {
      if (!out) throw new CableError('--index gives many cables: name a folder with --out DIR');
      return renderFromIndex(indexPath, out, args, convert, shard, filter, limit);
    }
    const stdin = given.some(isStdinArg);
    if (stdin && given.length > 1) throw new CableError(`${STDIN_ARG} reads one cable from standard input and must be the only input`);
    const inputs = stdin ? [] : await discoverInputs(given);
    if (output !== undefined && !stdin && (inputs.length !== 1 || inputs[0]!.kind !== 'file')) {
      const what = inputs.length === 1 ? 'a CSV of many cables' : `${inputs.length} inputs`;
      throw new CableError(`-o FILE writes one cable, but ${what} given: use --out DIR for one file per cable`);
    }

    // One cable (a file, or standard input) and no batch option: convert it here.
    if (stdin || output !== undefined || (!out && inputs.length === 1 && inputs[0]!.kind === 'file' && !args.shard && !args.resume)) {
      const input = stdin ? STDIN_NAME : inputs[0]!.path;
      const serialized = filter ? serializeFilter(filter) : undefined;
      const outcome = stdin
        ? await convertStdin(convert, serialized)
        : await executeTask({ seq: 0, kind: 'file', input }, { convert, filter: serialized });
      if (outcome.filtered) {
        if (!args.quiet) process.stderr.write(`${input}: ${outcome.id} does not match --filter; nothing written\n`);
        return 0;
      }
      const ext = EXTENSIONS[convert.format];
      if (outcome.error !== undefined || !outcome.data) throw new CableError(outcome.error ?? 'no output', input);
      for (const w of outcome.warnings ?? []) {
        if (w.kind === 'writer' && !args.quiet) process.stderr.write(`${input}: warning: ${w.message}\n`);
      }
      // -o FILE (- is standard output), else text formats to stdout and PDF/DOCX to <id>.<ext>.
      const file =
        output !== undefined
          ? isStdinArg(output)
            ? null
            : output
          : out !== undefined || !TEXT_FORMATS.has(convert.format)
            ? join(out ?? '.', `${outputStem(outcome.id, input)}.${ext}`)
            : null;
      if (file === null) {
        process.stdout.write(outcome.data);
      } else {
        await writeFileAtomic(file, outcome.data);
        if (!args.quiet) process.stderr.write(`${input} → ${file}\n`);
      }
      return 0;
    }
    if (!out) {
      throw new CableError('several cables (a folder, a glob, a CSV or many files) need --out DIR');
    }
    return batch({ inputs, outDir: out, convert, resume: !!args.resume, shard, filter }, args);
  },
};

/** `render --index`: the cables a query and filter select from the index, converted as a batch. */
async function renderFromIndex(
  path: string,
  out: string,
  args: Record<string, unknown>,
  convert: ConvertOptions,
  shard: BatchOptions['shard'],
  filter: CableFilter | undefined,
  limit: number | undefined,
): Promise<number> {
  const { CableIndex } = await import('../../search/search.js');
  const index = CableIndex.open(path);
  try {
    const q = indexQueryOf(args, filter);
    const numbers = index.select(q).slice(0, limit);
    const cables = function* () {
      for (const hit of index.iterateNumbers(numbers)) yield { input: hit.input, cable: index.cable(hit.n) };
    };
    // The filter is named in the manifest; the index has applied it already.
    return await batch({ inputs: [], outDir: out, convert, resume: !!args.resume, shard, filter, indexed: { path, count: numbers.length, cables } }, args);
  } finally {
    index.close();
  }
}

/** A batch with the CLI's progress, Ctrl-C and summary. */
async function batch(options: Omit<BatchOptions, 'jobs' | 'onProgress' | 'signal'>, args: Record<string, unknown>): Promise<number> {
  const jobs = args.jobs === undefined ? defaultJobs() : Number(args.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CableError(`--jobs must be a whole number ≥ 1 (got ${args.jobs})`);
  const progress = createProgressReporter(process.stderr, { quiet: !!args.quiet });
  // Ctrl-C: stop handing out work, finish the file being written, remove temp files.
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const summary = await runBatch({
    ...options,
    jobs,
    onProgress: (p) => progress.update(p),
    signal: abort.signal,
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.end();
  });
  if (summary.failed > 0) {
    // Each bad input once more at the end, one line each: `FILE: problem`.
    const manifest = await readManifest(summary.manifestPath);
    // At most 20: the manifest lists them all.
    let shown = 0;
    for (const entry of manifest?.cables ?? []) {
      if (!('error' in entry) || shown++ >= 20) continue;
      process.stderr.write(`cablekit: ${entry.error.startsWith(entry.input) ? entry.error : `${entry.input}: ${entry.error}`}\n`);
    }
    if (shown > 20) process.stderr.write(`cablekit: … and ${shown - 20} more failed inputs\n`);
  }
  const line = summaryLine(summary);
  if (summary.failed > 0 || !args.quiet) process.stderr.write(`${line}\n`);
  return summary.failed > 0 ? 2 : 0;
}

/** Standard input as one task: the same outcome as a file's, so both go the same way on. */
async function convertStdin(convert: ConvertOptions, filter: SerializedFilter | undefined): Promise<TaskOutcome> {
  const cable = await readCableStdin(); // a bad cable throws `<stdin>: problem`
  const base = { seq: 0, input: STDIN_NAME, id: cable.id };
  if (filter && !matchesCable(cable, deserializeFilter(filter))) return { ...base, filtered: true };
  const result = await convertCable(cable, convert);
  return {
    ...base,
    id: result.cable.id,
    data: new Uint8Array(result.data),
    warnings: [...result.cable.warnings, ...result.warnings.map((message) => ({ kind: 'writer', line: null, message }))],
  };
}
