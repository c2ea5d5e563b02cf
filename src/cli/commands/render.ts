/** `cablekit render`: cables (files, folders, globs, the bulk CSV) to PDF, DOCX, text, Markdown or JSON. */
import type { CliCommand } from './types.js';
import { convertOptionsFromArgs, withConvertOptions } from '../options.js';
import { discoverInputs } from '../../input/discover.js';
import { parseFilter, isEmptyFilter, serializeFilter } from '../../csv/filter.js';
import { runBatch, parseShard, summaryLine, defaultJobs } from '../../batch/run.js';
import { createProgressReporter } from '../../batch/progress.js';
import { executeTask } from '../../batch/task.js';
import { outputStem } from '../../batch/names.js';
import { readManifest } from '../../batch/manifest.js';
import { EXTENSIONS } from '../../render/registry.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { CableError } from '../../errors.js';

const TEXT_FORMATS = new Set(['text', 'markdown', 'json']);

export const renderCommand: CliCommand = {
  command: 'render <inputs..>',
  describe: 'Convert cables (files, folders, globs, cables.csv) to PDF, DOCX, text, Markdown or JSON',
  builder: (y) =>
    withConvertOptions(y.positional('inputs', { describe: 'Cable files, folders, globs or the bulk cables.csv', type: 'string' }))
      .option('out', { alias: 'o', type: 'string', describe: 'Output folder (needed for several inputs)' })
      .option('jobs', { alias: 'j', type: 'number', describe: `Parallel worker processes (default: cores, ${defaultJobs()})` })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' })
      .option('resume', { type: 'boolean', describe: 'Skip inputs whose output is up to date (per manifest.json)' })
      .option('shard', { type: 'string', describe: 'Only the K-th of N deterministic slices of the inputs: K/N' })
      .option('filter', {
        type: 'string',
        array: true,
        describe: 'Select cables: id=08OTTAWA* | id=/regex/ | origin=OTTAWA | date>=2008-01 | classification=SECRET',
      })
      .option('from', { type: 'string', describe: 'Only cables dated on or after (YYYY[-MM[-DD]])' })
      .option('to', { type: 'string', describe: 'Only cables dated on or before (YYYY[-MM[-DD]])' })
      .example('$0 render 08OTTAWA372.txt --format pdf', 'Writes 08OTTAWA372.pdf here')
      .example('$0 render cables/ --format docx --out out/ --jobs 2', 'A folder of cables to a folder of DOCX, with out/manifest.json')
      .example("$0 render cables.csv --format json --out out/ --filter origin=OTTAWA --from 2008", 'Selected rows of the bulk CSV')
      .example("$0 render 'cables/**/*.txt' --format text --out out/ --shard 1/4", 'The first of four slices'),
  run: async (args) => {
    const convert = convertOptionsFromArgs(args);
    const filter = parseFilter(args.filter as string[] | undefined, { from: args.from, to: args.to });
    const inputs = await discoverInputs((args.inputs as string[]).map(String));
    const out = args.out as string | undefined;
    const ext = EXTENSIONS[convert.format];

    // One cable file and no --out: convert it here, print text formats to stdout.
    if (!out && inputs.length === 1 && inputs[0]!.kind === 'file' && !args.shard && !args.resume) {
      const input = inputs[0]!.path;
      const outcome = await executeTask(
        { seq: 0, kind: 'file', input },
        { convert, filter: isEmptyFilter(filter) ? undefined : serializeFilter(filter) },
      );
      if (outcome.filtered) {
        if (!args.quiet) process.stderr.write(`${input}: ${outcome.id} does not match --filter; nothing written\n`);
        return 0;
      }
      if (outcome.error !== undefined || !outcome.data) throw new CableError(outcome.error ?? 'no output', input);
      for (const w of outcome.warnings ?? []) {
        if (w.kind === 'writer' && !args.quiet) process.stderr.write(`${input}: warning: ${w.message}\n`);
      }
      if (TEXT_FORMATS.has(convert.format)) {
        process.stdout.write(outcome.data);
      } else {
        const file = `${outputStem(outcome.id, input)}.${ext}`;
        await writeFileAtomic(file, outcome.data);
        if (!args.quiet) process.stderr.write(`${input} → ${file}\n`);
      }
      return 0;
    }
    if (!out) {
      throw new CableError('several cables (a folder, a glob, a CSV or many files) need --out DIR');
    }
    const jobs = args.jobs === undefined ? defaultJobs() : Number(args.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new CableError(`--jobs must be a whole number ≥ 1 (got ${args.jobs})`);
    const progress = createProgressReporter(process.stderr, { quiet: !!args.quiet });
    // Ctrl-C: stop handing out work, finish the file being written, remove temp files.
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const summary = await runBatch({
      inputs,
      outDir: out,
      convert,
      jobs,
      resume: !!args.resume,
      shard: args.shard ? parseShard(String(args.shard)) : null,
      filter: isEmptyFilter(filter) ? undefined : filter,
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
  },
};
