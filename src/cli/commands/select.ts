/** `cablekit select`: the cables a filter picks, printed as ids, CSV rows or JSON lines, for piping into `render` or `book`. */
import type { CliCommand } from './types.js';
import { discoverInputs } from '../../input/discover.js';
import { selectCables } from '../../select/select.js';
import { formatSelected, SELECT_FORMATS, type SelectFormat } from '../../select/output.js';
import { selectionFromArgs, withSelectionOptions } from '../selection-options.js';
import { CableError } from '../../errors.js';

/** Lines are gathered up to this size before they are written, and writing waits for the pipe. */
const CHUNK = 64 * 1024;

export const selectCommand: CliCommand = {
  command: 'select <inputs..>',
  describe: 'Print the cables a filter selects (ids, CSV rows or JSON lines), for piping into render or book',
  docs: 'batch.md',
  builder: (y) =>
    withSelectionOptions(y.positional('inputs', { describe: 'Cable files, folders, globs or the bulk cables.csv', type: 'string' }))
      .option('format', { alias: 'f', choices: SELECT_FORMATS, default: 'ids', describe: 'ids: one a line; csv: the rows, as in cables.csv; jsonl: id, date, origin, classification, tags, subject' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No summary line' })
      .example("$0 select cables.csv --filter tag=PARM --filter 'text~cluster munitions'", 'The ids of the PARM cables that mention cluster munitions')
      .example("$0 select cables.csv --filter origin=OTTAWA --format csv > ottawa.csv", 'A smaller cables.csv of the selected rows')
      .example("$0 select cables.csv --filter tag=PARM | $0 book cables.csv --ids - --out parm.pdf", 'A book of what select printed'),
  run: async (args) => {
    const format = args.format as SelectFormat;
    const filter = await selectionFromArgs(args);
    const inputs = await discoverInputs((args.inputs as string[]).map(String));
    if (format === 'csv') {
      const file = inputs.find((i) => i.kind === 'file');
      if (file) throw new CableError('--format csv writes rows of the bulk CSV, and this is a cable file: use --format ids or jsonl', file.path);
    }
    const out = process.stdout;
    // A reader that stops early (`| head`) closes the pipe: stop quietly.
    const abort = new AbortController();
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EPIPE') abort.abort();
      else throw err;
    };
    out.on('error', onError);
    const errors: string[] = [];
    let looked = 0;
    let selected = 0;
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
      }
      await flush();
    } finally {
      out.off('error', onError);
    }
    if (abort.signal.aborted) return 0;
    for (const line of errors.slice(0, 20)) process.stderr.write(`cablekit: ${line}\n`);
    if (errors.length > 20) process.stderr.write(`cablekit: … and ${errors.length - 20} more inputs that could not be read\n`);
    if (!args.quiet || errors.length) {
      const bad = errors.length ? `; ${errors.length} could not be read` : '';
      process.stderr.write(`selected ${selected} of ${looked} inputs${bad}\n`);
    }
    return errors.length ? 2 : 0;
  },
};
