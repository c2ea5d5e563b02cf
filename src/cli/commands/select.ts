/** `cablekit select`: the cables a filter (or, with --index, a query) picks, printed as ids, CSV rows or JSON lines, for piping into `render` or `book`. */
import type { CliCommand } from './types.js';
import { discoverInputs } from '../../readers/input/discover.js';
import { selectCables } from '../../select/select.js';
import { csvRecordLine, formatSelected, SELECT_FORMATS, type SelectFormat } from '../../select/output.js';
import { selectionFromArgs, withSelectionOptions } from '../selection-options.js';
import { indexQueryOf, inputsOrIndex, limitOf, withIndexOptions } from '../index-options.js';
import { CableIndex, type IndexHit } from '../../search/search.js';
import { CableError } from '../../errors.js';

/** Lines are gathered up to this size before they are written, and writing waits for the pipe. */
const CHUNK = 64 * 1024;

/** The JSON line of an index hit: `select --format jsonl`'s fields, and the snippet around the words a query found. */
function hitLine(h: IndexHit): string {
  const line = { input: h.input, id: h.id, date: h.date, origin: h.origin, classification: h.classification, tags: h.tags, subject: h.subject };
  return `${JSON.stringify(h.snippet ? { ...line, snippet: h.snippet } : line)}\n`;
}

export const selectCommand: CliCommand = {
  command: 'select [inputs..]',
  describe: 'Print the cables a filter selects (ids, CSV rows or JSON lines), for piping into render or book',
  docs: 'batch.md',
  builder: (y) =>
    withIndexOptions(withSelectionOptions(y.positional('inputs', { describe: 'Cable files, folders, globs or the bulk cables.csv (or --index)', type: 'string' })), 'cables')
      .option('format', { alias: 'f', choices: SELECT_FORMATS, default: 'ids', describe: 'ids: one a line; csv: the rows, as in cables.csv; jsonl: id, date, origin, classification, tags, subject (and a snippet with --query)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No summary line' })
      .example("$0 select cables.csv --filter tag=PARM --filter 'text~cluster munitions'", 'The ids of the PARM cables that mention cluster munitions')
      .example("$0 select cables.csv --filter origin=OTTAWA --format csv > ottawa.csv", 'A smaller cables.csv of the selected rows')
      .example("$0 select cables.csv --filter tag=PARM | $0 book cables.csv --ids - --out parm.pdf", 'A book of what select printed')
      .example(`$0 select --index release.db --query '"cluster munitions" -canada' --filter tag=PARM --limit 20 --format jsonl`, 'The 20 best matches in an index, with snippets'),
  run: async (args) => {
    const format = args.format as SelectFormat;
    const { inputs: given, index: indexPath } = inputsOrIndex(args);
    const limit = limitOf(args);
    const filter = await selectionFromArgs(args);
    const out = process.stdout;
    // A reader that stops early (`| head`) closes the pipe: stop quietly.
    const abort = new AbortController();
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EPIPE') abort.abort();
      else throw err;
    };
    let pending = '';
    const flush = async (): Promise<void> => {
      if (!pending || abort.signal.aborted) return;
      const ok = out.write(pending);
      pending = '';
      if (!ok) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            out.off('drain', done);
            abort.signal.removeEventListener('abort', done);
            resolve();
          };
          out.once('drain', done);
          abort.signal.addEventListener('abort', done);
        });
      }
    };
    const errors: string[] = [];
    let looked = 0;
    let selected = 0;
    let tail: string;

    if (indexPath !== null) {
      const index = CableIndex.open(indexPath);
      try {
        const q = indexQueryOf(args, filter);
        out.on('error', onError);
        try {
          const numbers = index.select(q).slice(0, limit);
          const file = format === 'csv' ? index.firstFileInput(numbers) : null;
          if (file) throw new CableError('--format csv writes rows of the bulk CSV, and this cable was read from a file: use --format ids or jsonl', file);
          for (const hit of index.iterateNumbers(numbers, format === 'jsonl' ? q.query : undefined)) {
            if (abort.signal.aborted) break;
            selected++;
            pending += format === 'ids' ? `${hit.id}\n` : format === 'jsonl' ? hitLine(hit) : csvRecordLine(await index.record(hit.n));
            if (pending.length >= CHUNK) await flush();
          }
          await flush();
        } finally {
          out.off('error', onError);
        }
        const info = index.info();
        looked = info.cables;
        tail = ` cables in ${indexPath}${info.failed ? ` (${info.failed} inputs could not be read when it was built)` : ''}`;
      } finally {
        index.close();
      }
    } else {
      const inputs = await discoverInputs(given);
      if (format === 'csv') {
        const file = inputs.find((i) => i.kind === 'file');
        if (file) throw new CableError('--format csv writes rows of the bulk CSV, and this is a cable file: use --format ids or jsonl', file.path);
      }
      out.on('error', onError);
      try {
        for await (const s of selectCables(inputs, {
          filter,
          signal: abort.signal,
          onError: (e) => errors.push(e.toLine()),
          onInput: () => looked++,
        })) {
          selected++;
          pending += formatSelected(s, format);
          if (pending.length >= CHUNK) await flush();
          if (limit !== undefined && selected >= limit) break;
        }
        await flush();
      } finally {
        out.off('error', onError);
      }
      tail = ' inputs';
    }
    if (abort.signal.aborted) return 0;
    for (const line of errors.slice(0, 20)) process.stderr.write(`cablekit: ${line}\n`);
    if (errors.length > 20) process.stderr.write(`cablekit: … and ${errors.length - 20} more inputs that could not be read\n`);
    if (!args.quiet || errors.length) {
      const bad = errors.length ? `; ${errors.length} could not be read` : '';
      process.stderr.write(`selected ${selected} of ${looked}${tail}${bad}\n`);
    }
    return errors.length ? 2 : 0;
  },
};
