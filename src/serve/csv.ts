/**
 * A bulk `cables.csv` uploaded to the workbench: kept in the run's temporary folder, read with the
 * library's streaming reader. One pass builds a light index (id, date, origin, classification,
 * tags, subject per row) so filtering by the columns and paging need no second pass; a tag or
 * text search (decided as the CLI's `--filter` decides it) and opening a row stream the file again. Memory stays flat in the file's size apart from the index.
 */
import { CableError } from '../errors.js';
import { ChangeLog } from '../normalize/log.js';
import { readTags } from '../readers/cable/tags.js';
import { readCsvRecords, isCsvRowError, type CsvCableRecord } from '../readers/csv/read.js';
import { readCsvSelected } from '../select/csv.js';
import { hasContentFilter, matchesFilter, parseFilter, type CableFilter } from '../select/filter.js';

export interface CsvRowFacts {
  row: number;
  id: string;
  date: string | null;
  origin: string;
  classification: string;
  tags: string[];
  subject: string | null;
}

export interface CsvQuery {
  /** `id=`, `origin=`, `classification=` values as the CLI's `--filter` takes them. */
  id?: string;
  origin?: string;
  classification?: string;
  /** YYYY[-MM[-DD]], inclusive. */
  from?: string;
  to?: string;
  /** Tags as `--filter tag=` takes them: `PARM,PREL` is any of them, any case. */
  tag?: string;
  /** A regular expression as `--filter text~` takes it: searched in the cable's body, any case. */
  text?: string;
  offset?: number;
  limit?: number;
}

export interface CsvPage {
  total: number;
  offset: number;
  rows: CsvRowFacts[];
  /** Rows the reader could not read (`cables.csv:ROW: problem`), at most 20. */
  errors: string[];
}

const TAGS = /^\s*TAGS:?\s*(.*)$/im;
const SUBJECT = /^\s*SUBJ(?:ECT)?:\s*(.*)$/im;

function facts(rec: CsvCableRecord): CsvRowFacts {
  const text = `${rec.header}\n${rec.body}`;
  const tags = TAGS.exec(text)?.[1] ?? '';
  return {
    row: rec.row,
    id: rec.id,
    date: rec.date,
    origin: rec.origin,
    classification: rec.classification,
    // The TAGS line read as the parser reads it (`HUMAN RIGHTS` is one tag, `STEINBERG, JAMES B.` a person).
    tags: readTags(tags, 0, new ChangeLog()),
    subject: SUBJECT.exec(text)?.[1]?.trim() || null,
  };
}

/**
 * The query as the library's filter, written as `--filter` expressions: the workbench selects
 * exactly the rows that `cablekit select`, `render` and `book` select with the same filter.
 */
export function csvFilterExpressions(q: CsvQuery): string[] {
  const specs: string[] = [];
  if (q.id?.trim()) specs.push(`id=${q.id.trim()}`);
  if (q.origin?.trim()) specs.push(`origin=${q.origin.trim()}`);
  if (q.classification?.trim()) specs.push(`classification=${q.classification.trim()}`);
  if (q.tag?.trim()) specs.push(`tag=${q.tag.trim()}`);
  // Passed as typed; `parseFilter` reads it as `--filter text~…` does (trimmed).
  if (q.text?.trim()) specs.push(`text~${q.text}`);
  return specs;
}

export function csvFilter(q: CsvQuery): CableFilter {
  return parseFilter(csvFilterExpressions(q), { from: q.from?.trim() || undefined, to: q.to?.trim() || undefined });
}

export class CsvSource {
  private constructor(
    /** The uploaded file's name, as messages show it. */
    readonly name: string,
    /** Where the upload is kept (inside the run's temporary folder). */
    readonly path: string,
    readonly rows: CsvRowFacts[],
    readonly errors: string[],
  ) {}

  /** The rows the last tag or text search selected (paging through it reads the file once). */
  private lastSearch: { key: string; rows: Set<number> } | null = null;

  /** Reads the whole file once, building the index. Throws CableError for a file that is not a CSV. */
  static async open(name: string, path: string): Promise<CsvSource> {
    const rows: CsvRowFacts[] = [];
    const errors: string[] = [];
    try {
      for await (const item of readCsvRecords(path)) {
        if (isCsvRowError(item)) errors.push(`${name}:${item.row}: ${item.error}`);
        else rows.push(facts(item));
      }
    } catch (err) {
      if (err instanceof CableError) throw new CableError(err.message, name);
      throw err;
    }
    if (rows.length === 0) throw new CableError(`no cable rows found${errors.length ? ` (${errors.length} unreadable)` : ''}`, name);
    return new CsvSource(name, path, rows, errors);
  }

  async query(q: CsvQuery): Promise<CsvPage> {
    const filter = csvFilter(q);
    let matches = this.rows.filter((r) => matchesFilter({ id: r.id, origin: r.origin, date: r.date, classification: r.classification }, filter));
    if (hasContentFilter(filter)) {
      // Tags and text as the CLI decides them: the raw row pre-checked, then parsed and checked whole.
      const key = JSON.stringify([csvFilterExpressions(q), q.from ?? '', q.to ?? '']);
      if (this.lastSearch?.key !== key) {
        const rows = new Set<number>();
        // a row the parser refuses is left out here and shows its error when it is opened
        for await (const { record } of readCsvSelected(this.path, { filter, onError: () => {} })) rows.add(record.row);
        this.lastSearch = { key, rows };
      }
      const found = this.lastSearch.rows;
      matches = matches.filter((r) => found.has(r.row));
    }
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const limit = Math.min(200, Math.max(1, Math.floor(q.limit ?? 50)));
    return { total: matches.length, offset, rows: matches.slice(offset, offset + limit), errors: this.errors.slice(0, 20) };
  }

  /** The record of one row (streams the file up to it). */
  async record(row: number): Promise<CsvCableRecord> {
    for await (const item of readCsvRecords(this.path)) {
      if (item.row !== row) continue;
      if (isCsvRowError(item)) throw new CableError(item.error, `${this.name}:${row}`);
      return { ...item, source: `${this.name}:${row}` };
    }
    throw new CableError('no such row', `${this.name}:${row}`);
  }
}
