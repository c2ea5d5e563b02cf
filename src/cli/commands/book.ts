/** `cablekit book`: many cables as one briefing book (DOCX, or PDF) with a cover and a table of contents. */
import { extname } from 'node:path';
import type { CliCommand } from './types.js';
import { BOOK_GROUPS, BOOK_ORDERS, type BookFormat, type BookGroupBy, type BookOrder } from '../../book/index.js';
import { collectBookInputs } from '../../book/inputs.js';
import { bookManifest, bookManifestPath } from '../../book/manifest.js';
import { writeMadeBook } from '../../pipeline/book.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { CableError } from '../../errors.js';
import { redactionSettingsFromArgs, withRedactOptions } from '../redact-options.js';
import { selectionFromArgs, withSelectionOptions } from '../selection-options.js';

/** The selection options a command was given (`--filter`, `--from`, `--to`, `--ids`), as lines for the cover. */
function selectionOf(args: Record<string, unknown>): string[] {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
  return [
    ...list(args.filter),
    ...list(args.from).map((d) => `date>=${d}`),
    ...list(args.to).map((d) => `date<=${d}`),
    ...list(args.ids).map((f) => `ids in ${f === '-' || f === '\u0000-' ? 'standard input' : f}`),
  ];
}

export const bookCommand: CliCommand = {
  command: 'book <inputs..>',
  describe: 'Make a briefing book (cover, contents, one chapter per cable) as DOCX or PDF',
  docs: 'books.md',
  builder: (y) =>
    withSelectionOptions(withRedactOptions(y, { style: false }))
      .positional('inputs', { describe: 'Cable files, folders, globs, the bulk cables.csv, or - (one cable from standard input)', type: 'string' })
      .option('out', { alias: ['o', 'output'], type: 'string', demandOption: true, describe: 'The book to write: book.docx or book.pdf' })
      .option('title', { type: 'string', describe: 'Cover title (default: Briefing book)' })
      .option('subtitle', { type: 'string', describe: 'A line under the title on the cover' })
      .option('order', {
        alias: 'sort',
        choices: BOOK_ORDERS,
        default: 'input',
        describe: 'Chapter order: as the inputs are given, by date, or by id (--sort is an old name)',
      })
      .option('group-by', { choices: BOOK_GROUPS, default: 'none', describe: 'Parts, each with a title page and a contents entry' })
      .option('index', { choices: ['tags'], describe: 'Add an index: tags (each tag with the chapters that carry it)' })
      .option('template', { type: 'string', default: 'briefing', describe: 'Book template: briefing, or a folder with cover.hbs' })
      .option('redaction-style', { choices: ['box', 'label'], default: 'box', describe: 'How redactions are shown' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No warnings or summary' })
      .example("$0 book cables/ --out book.docx --title 'Ottawa 2008'", 'A folder of cables as one Word document')
      .example("$0 book cables.csv --filter tag=PARM --filter 'text~cluster munitions' --out parm.pdf", 'The PARM cables that mention cluster munitions')
      .example('$0 book cables/ --out book.pdf --order date --group-by month --index tags', 'By date, a part per month, an index of tags'),
  run: async (args) => {
    const out = String(args.out);
    const ext = extname(out).toLowerCase();
    if (ext !== '.docx' && ext !== '.pdf') throw new CableError('the book must be a .docx or .pdf file', out);
    const format: BookFormat = ext === '.docx' ? 'docx' : 'pdf';
    const filter = await selectionFromArgs(args);
    const read = await collectBookInputs((args.inputs as string[]).map(String), { filter });
    if (!read.cables.length) {
      const only = read.failures.length === 1 ? read.failures[0]! : null;
      if (only) throw new CableError(only.error, only.input);
      for (const f of read.failures) process.stderr.write(`cablekit: ${f.input}: ${f.error}\n`);
      throw new CableError(filter ? 'no cables match the filter' : 'no cables to put in a book', (args.inputs as string[]).join(' '));
    }
    // Bad inputs: one line each, now and in the manifest; the book goes on without them.
    for (const f of read.failures) process.stderr.write(`cablekit: ${f.input}: ${f.error}\n`);
    const options = {
      title: args.title as string | undefined,
      subtitle: args.subtitle as string | undefined,
      order: args.order as BookOrder,
      groupBy: args.groupBy as BookGroupBy,
      index: (args.index as 'tags' | undefined) ?? null,
      selection: selectionOf(args),
      template: args.template as string,
      redactionStyle: args.redactionStyle as 'box' | 'label',
    };
    // Fail closed: with redaction, a leak throws before the book is renamed into place.
    const result = await writeMadeBook(read.cables, { format, ...options, out, redaction: redactionSettingsFromArgs(args), file: out });
    const manifestPath = bookManifestPath(out);
    const manifest = bookManifest({
      bookPath: out,
      pages: result.pages,
      sha256: result.sha256,
      options: { format, ...options, selection: options.selection.length ? options.selection : undefined },
      inputs: read.inputs,
      entries: result.entries,
      warnings: result.warnings,
    });
    await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    if (!args.quiet) {
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      const pages = format === 'docx' ? `about ${result.pages}` : String(result.pages);
      process.stderr.write(`${out}: ${result.entries.length} cables, ${pages} pages\n`);
    }
    if (read.failures.length) {
      const n = read.failures.length;
      process.stderr.write(`${out}: ${n} input${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'is' : 'are'} not in the book; see ${manifestPath}\n`);
      return 2;
    }
    return 0;
  },
};
