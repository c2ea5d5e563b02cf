/** `cablekit book`: many cables as one briefing book (DOCX, or PDF) with a cover and a table of contents. */
import { extname } from 'node:path';
import type { CliCommand } from './types.js';
import type { BookFormat, BookSort } from '../../book/index.js';
import { makeBook } from '../../pipeline/book.js';
import { readBookInputs } from '../../book/inputs.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { CableError } from '../../errors.js';
import { redactionSettingsFromArgs, withRedactOptions } from '../redact-options.js';
import { selectionFromArgs, withSelectionOptions } from '../selection-options.js';

export const bookCommand: CliCommand = {
  command: 'book <inputs..>',
  describe: 'Make a briefing book (cover, contents, one chapter per cable) as DOCX or PDF',
  builder: (y) =>
    withSelectionOptions(withRedactOptions(y, { style: false }))
      .positional('inputs', { describe: 'Cable files, folders, globs, the bulk cables.csv, or - (one cable from standard input)', type: 'string' })
      .option('out', { alias: ['o', 'output'], type: 'string', demandOption: true, describe: 'The book to write: book.docx or book.pdf' })
      .option('title', { type: 'string', describe: 'Cover title (default: Briefing book)' })
      .option('sort', { choices: ['date', 'id', 'input'], default: 'date', describe: 'Chapter order' })
      .option('template', { type: 'string', default: 'briefing', describe: 'Book template: briefing, or a folder with cover.hbs' })
      .option('redaction-style', { choices: ['box', 'label'], default: 'box', describe: 'How redactions are shown' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No warnings or summary' })
      .example("$0 book cables/ --out book.docx --title 'Ottawa 2008'", 'A folder of cables as one Word document')
      .example("$0 book cables.csv --filter tag=PARM --filter 'text~cluster munitions' --out parm.pdf", 'The PARM cables that mention cluster munitions'),
  run: async (args) => {
    const out = String(args.out);
    const ext = extname(out).toLowerCase();
    if (ext !== '.docx' && ext !== '.pdf') throw new CableError('the book must be a .docx or .pdf file', out);
    const format: BookFormat = ext === '.docx' ? 'docx' : 'pdf';
    const filter = await selectionFromArgs(args);
    const cables = await readBookInputs((args.inputs as string[]).map(String), { filter });
    if (!cables.length) throw new CableError(filter ? 'no cables match the filter' : 'no cables to put in a book', (args.inputs as string[]).join(' '));
    // fail closed: a leak throws inside makeBook, and nothing is written
    const result = await makeBook(cables, {
      format,
      title: args.title as string | undefined,
      sort: args.sort as BookSort,
      template: args.template as string,
      redactionStyle: args.redactionStyle as 'box' | 'label',
      redaction: redactionSettingsFromArgs(args),
      file: out,
    });
    await writeFileAtomic(out, result.data);
    if (!args.quiet) {
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      const pages = format === 'docx' ? `about ${result.pages}` : String(result.pages);
      process.stderr.write(`${out}: ${result.entries.length} cables, ${pages} pages\n`);
    }
    return 0;
  },
};
