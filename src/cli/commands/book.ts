/** `cablekit book`: many cables as one briefing book (DOCX, or PDF) with a cover and a table of contents. */
import { extname } from 'node:path';
import type { CliCommand } from './types.js';
import { BOOK_GROUPS, BOOK_ORDERS, type BookFormat, type BookGroupBy, type BookOrder } from '../../book/book.js';
import { collectBookInputs } from '../../book/inputs.js';
import { bookManifest, bookManifestPath } from '../../book/manifest.js';
import { writeMadeBook } from '../../book/make.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { CableError } from '../../errors.js';
import { redactionSettingsFromArgs, withRedactOptions } from '../redact-options.js';
import { selectionFromArgs, withSelectionOptions } from '../selection-options.js';
import { indexQueryOf, limitOf } from '../index-options.js';
import { CableIndex, indexCables } from '../../search/search.js';
import type { BookInputs } from '../../book/inputs.js';
import type { RedactionStyle } from '../../model/redaction.js';

/**
 * `--index` says two things: `--index tags` (an index of tags at the back, as before) and
 * `--index release.db` (take the cables from a search index). Either, or both (`--index tags
 * --index release.db`). `--tag-index` is the unambiguous spelling of the first.
 */
function indexArgs(args: Record<string, unknown>): { tags: boolean; search: string | null } {
  const values = (Array.isArray(args.index) ? args.index : args.index === undefined ? [] : [args.index]).map(String);
  const search = values.filter((v) => v !== 'tags');
  if (search.length > 1) throw new CableError(`--index names one search index (got ${search.join(', ')})`);
  return { tags: values.includes('tags') || !!args.tagIndex, search: search[0] ?? null };
}

/** A book's cables from a search index: what `select --index` gives with the same options, in its order. */
function readFromIndex(path: string, args: Record<string, unknown>, filter: Parameters<typeof indexQueryOf>[1]): BookInputs {
  const index = CableIndex.open(path);
  try {
    const inputs = [...indexCables(index, indexQueryOf({ ...args, order: undefined }, filter), { limit: limitOf(args) })];
    return { inputs, cables: inputs.map((i) => i.cable), failures: [] };
  } finally {
    index.close();
  }
}

/** `--limit N` on INPUTS: the inputs up to the N-th cable read (as `select --limit N` gives them). */
function firstCables(read: BookInputs, limit: number | undefined): BookInputs {
  if (limit === undefined || read.cables.length <= limit) return read;
  const inputs: BookInputs['inputs'] = [];
  let cables = 0;
  for (const i of read.inputs) {
    if ('cable' in i && cables === limit) break;
    if ('cable' in i) cables++;
    inputs.push(i);
  }
  return {
    inputs,
    cables: inputs.flatMap((i) => ('cable' in i ? [i.cable] : [])),
    failures: inputs.flatMap((i) => ('error' in i ? [{ input: i.input, error: i.error }] : [])),
  };
}

/** The selection options a command was given (`--filter`, `--from`, `--to`, `--ids`), as lines for the cover. */
function selectionOf(args: Record<string, unknown>): string[] {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
  return [
    ...list(args.query).map((q) => `query: ${q}`),
    ...list(args.filter),
    ...list(args.from).map((d) => `date>=${d}`),
    ...list(args.to).map((d) => `date<=${d}`),
    ...list(args.ids).map((f) => `ids in ${f === '-' || f === '\u0000-' ? 'standard input' : f}`),
    ...list(args.limit).map((n) => `the first ${n}`),
  ];
}

export const bookCommand: CliCommand = {
  command: 'book [inputs..]',
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
      .option('index', {
        type: 'string',
        describe: 'tags: add an index of tags (each tag with the chapters that carry it); release.db: take the cables from a search index made by cablekit index',
      })
      .option('tag-index', { type: 'boolean', describe: 'Add an index of tags (the same as --index tags)' })
      .option('query', { type: 'string', describe: 'With --index release.db: words, "phrases", OR, -word, prefix*, subject:, tag:, origin:, id: (chapters best first)' })
      .option('limit', { type: 'number', describe: 'At most this many cables (the best first with --query)' })
      .option('template', { type: 'string', default: 'briefing', describe: 'Book template: briefing, or a folder with cover.hbs' })
      .option('redaction-style', { choices: ['box', 'label'], default: 'box', describe: 'How redactions are shown' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No warnings or summary' })
      .example("$0 book cables/ --out book.docx --title 'Ottawa 2008'", 'A folder of cables as one Word document')
      .example("$0 book cables.csv --filter tag=PARM --filter 'text~cluster munitions' --out parm.pdf", 'The PARM cables that mention cluster munitions')
      .example('$0 book cables/ --out book.pdf --order date --group-by month --index tags', 'By date, a part per month, an index of tags')
      .example(`$0 book --index release.db --query '"cluster munitions"' --filter tag=PARM --limit 50 -o book.docx`, 'The 50 best matches of a search index'),
  run: async (args) => {
    const out = String(args.out);
    const ext = extname(out).toLowerCase();
    if (ext !== '.docx' && ext !== '.pdf') throw new CableError('the book must be a .docx or .pdf file', out);
    const format: BookFormat = ext === '.docx' ? 'docx' : 'pdf';
    const filter = await selectionFromArgs(args);
    const given = ((args.inputs as string[] | undefined) ?? []).map(String);
    const index = indexArgs(args);
    if (index.search !== null && given.length) throw new CableError(`--index ${index.search} takes the cables from the index: give no INPUTS with it (got ${given.join(' ')})`);
    if (index.search === null && !given.length) throw new CableError('name the cables: INPUTS (files, folders, globs, cables.csv) or --index release.db');
    if (index.search === null && args.query !== undefined) throw new CableError('--query searches an index: add --index release.db (made by cablekit index)');
    const read = index.search !== null ? readFromIndex(index.search, args, filter) : firstCables(await collectBookInputs(given, { filter }), limitOf(args));
    if (!read.cables.length) {
      const only = read.failures.length === 1 ? read.failures[0]! : null;
      if (only) throw new CableError(only.error, only.input);
      for (const f of read.failures) process.stderr.write(`cablekit: ${f.input}: ${f.error}\n`);
      throw new CableError(filter || args.query ? 'no cables match the filter' : 'no cables to put in a book', index.search ?? given.join(' '));
    }
    // Bad inputs: one line each, now and in the manifest; the book goes on without them.
    for (const f of read.failures) process.stderr.write(`cablekit: ${f.input}: ${f.error}\n`);
    const options = {
      title: args.title as string | undefined,
      subtitle: args.subtitle as string | undefined,
      order: args.order as BookOrder,
      groupBy: args.groupBy as BookGroupBy,
      index: index.tags ? ('tags' as const) : null,
      selection: selectionOf(args),
      template: args.template as string,
      redactionStyle: args.redactionStyle as RedactionStyle,
    };
    // Fail closed: with redaction, a leak throws before the book is renamed into place.
    const result = await writeMadeBook(read.cables, { format, ...options, out, redaction: await redactionSettingsFromArgs(args), file: out });
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
