/** `cablekit index`: cables (the bulk CSV, folders, files, globs) into a local search index. */
import type { CliCommand } from './types.js';
import { discoverInputs } from '../../readers/input/discover.js';
import { buildIndex, type IndexProgress } from '../../search/build.js';
import { CableError } from '../../errors.js';

const MB = 1e6;
const size = (b: number): string => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : b >= MB ? `${(b / MB).toFixed(1)} MB` : `${Math.ceil(b / 1e3)} kB`);
const clock = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** A bar redrawn on a terminal; a plain line every 10 s otherwise; nothing with --quiet. */
function progressReporter(stream: NodeJS.WriteStream, quiet: boolean): { update(p: IndexProgress): void; end(): void } {
  if (quiet) return { update: () => {}, end: () => {} };
  const tty = !!stream.isTTY;
  let last = tty ? 0 : Date.now();
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < (tty ? 200 : 10_000)) return;
      last = now;
      const share = p.totalBytes ? p.bytes / p.totalBytes : 0;
      const rate = p.elapsedMs > 0 ? Math.round(p.done / (p.elapsedMs / 1000)) : 0;
      const eta = share > 0.01 ? clock((p.elapsedMs / share) * (1 - share)) : '?';
      const text = `${p.done.toLocaleString('en')} cables, ${size(p.bytes)} of ${size(p.totalBytes)}, ${rate}/s, ETA ${eta}${p.failed ? `, ${p.failed} not read` : ''}`;
      if (tty) {
        const width = 24;
        const filled = Math.round(share * width);
        stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
        drawn = true;
      } else stream.write(`index: ${text}\n`);
    },
    end() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

export const indexCommand: CliCommand = {
  command: 'index <inputs..>',
  describe: 'Build a local search index of cables (SQLite full-text) for select, book, render and serve --index',
  docs: 'search.md',
  builder: (y) =>
    y
      .positional('inputs', { describe: 'The bulk cables.csv, folders, cable files or globs', type: 'string' })
      .option('out', { alias: ['o', 'output'], type: 'string', demandOption: true, describe: 'The index to write, e.g. release.db (replaced only once the new one is complete)' })
      .option('jobs', { alias: 'j', type: 'number', describe: 'Worker threads that parse (default: the number of cores)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress or summary' })
      .example('$0 index cables.csv -o release.db', 'The whole release, once; then select, book, render and serve with --index release.db')
      .example("$0 index cables/ 'more/**/*.html' -o mine.db", 'Folders and globs of cable files'),
  run: async (args) => {
    const out = String(args.out);
    if (!out.trim()) throw new CableError('-o needs the index file to write, e.g. -o release.db');
    const jobs = args.jobs === undefined ? undefined : Number(args.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 0)) throw new CableError(`--jobs must be a whole number ≥ 0 (got ${args.jobs})`);
    const inputs = await discoverInputs((args.inputs as string[]).map(String));
    const progress = progressReporter(process.stderr, !!args.quiet);
    const errors: string[] = [];
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const started = Date.now();
    let summary;
    try {
      summary = await buildIndex(inputs, { out, jobs, signal: abort.signal, onProgress: (p) => progress.update(p), onError: (line) => errors.push(line) });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      progress.end();
    }
    for (const line of errors.slice(0, 20)) process.stderr.write(`cablekit: ${line}\n`);
    if (errors.length > 20) process.stderr.write(`cablekit: … and ${errors.length - 20} more inputs that could not be read\n`);
    if (!args.quiet || errors.length) {
      const bad = errors.length ? `; ${errors.length} could not be read and ${errors.length === 1 ? 'is' : 'are'} not in it` : '';
      process.stderr.write(`${out}: ${summary.cables.toLocaleString('en')} cables from ${size(summary.bytes)} in ${clock(Date.now() - started)}${bad}\n`);
    }
    return errors.length ? 2 : 0;
  },
};
