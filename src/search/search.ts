/**
 * A built index, opened read-only: searches (`--query`, ranked by bm25), `--filter` exactly as
 * `select` decides it on the inputs, facet counts, and each cable back — its Cable model, its
 * clean text, its CSV row or the input it was read from.
 *
 * `--filter` gives the same cables as `select` on the inputs because it is decided by the same
 * functions on the same values: the index keeps what `matchesFilter` looks at (a CSV row's
 * columns, a file's parsed fields), each cable's tags and its body as `text~` reads it. SQL only
 * narrows the rows first where the translation is exact (dates, levels, tags); every row it
 * returns is then checked by `matchesFilter` and the text regexes.
 */
import { openSync, readSync, closeSync, existsSync, readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Cable } from '../model/cable.js';
import { LEVELS } from '../model/cable.js';
import { CableError } from '../errors.js';
import { isEmptyFilter, matchesFilter, type CableFilter } from '../select/filter.js';
import { csvCableRecord, readCsvRecords, isCsvRowError, type CsvCableRecord } from '../readers/csv/read.js';
import { readCableSource, csvRecordSource, type CableSource } from '../review/source.js';
import { sqlite, type Database } from './sqlite.js';
import { INDEX_FORMAT, INDEX_VERSION } from './schema.js';
import { compileQuery, highlightTerms, tokenizeText, type CompiledQuery, type HighlightTerm } from './query.js';
import { unpack, unpackDoc } from './row.js';

export type IndexOrder = 'rank' | 'input' | 'date';

export interface IndexQuery {
  /** The search syntax (see query.ts); none: every cable the filter keeps. */
  query?: string;
  /** `--filter`, `--from`, `--to`, `--ids` as `parseFilter` reads them. */
  filter?: CableFilter;
  /** Default: `rank` with a query (best first, then input order), `input` without. */
  order?: IndexOrder;
}

/** A snippet of a hit's text with the places of the words that matched (UTF-16 offsets into `text`). */
export interface Snippet {
  text: string;
  hits: [number, number][];
}

/** One cable found: its fields as `select --format jsonl` gives them, and where it is in the index. */
export interface IndexHit {
  /** The cable's number in the index (its position among the inputs). */
  n: number;
  /** The file, or `cables.csv:ROW`, as the build was given it. */
  input: string;
  id: string;
  date: string | null;
  origin: string | null;
  classification: string;
  caveats: string[];
  tags: string[];
  subject: string | null;
  references: string[];
  snippet?: Snippet;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  origin: FacetCount[];
  year: FacetCount[];
  classification: FacetCount[];
  tags: FacetCount[];
}

export interface SearchPage {
  total: number;
  offset: number;
  hits: IndexHit[];
  facets?: Facets;
}

export interface IndexInfo {
  path: string;
  cables: number;
  inputs: number;
  failed: number;
  contentSha256: string;
  /** The inputs it was built from, as given. */
  sources: { path: string; kind: string; size: number }[];
}

const HIT_COLUMNS = 'n, input, id, date, origin, level, caveats, tags, subject, refs';
type HitRow = { n: number; input: string; id: string; date: string | null; origin: string | null; level: string; caveats: string; tags: string; subject: string | null; refs: string };

const toHit = (r: HitRow): IndexHit => ({
  n: r.n,
  input: r.input,
  id: r.id,
  date: r.date,
  origin: r.origin,
  classification: r.level,
  caveats: JSON.parse(r.caveats) as string[],
  tags: JSON.parse(r.tags) as string[],
  subject: r.subject,
  references: JSON.parse(r.refs) as string[],
});

/** Words of context on each side of the first hit (and a snippet without hits is the body's start). */
const CONTEXT = 14;
const PLAIN = 240;

/**
 * A snippet of a body around the first place the query's words are found, with every hit in it
 * marked. The full-text index decides which cables match; this only shows where, by the same
 * rules: words without case or accents, phrases as consecutive words, a prefix's last word.
 */
export function makeSnippet(body: string, terms: HighlightTerm[]): Snippet {
  const tokens = tokenizeText(body);
  const hits: [number, number][] = [];
  const inBody = terms.filter((t) => t.column === null || t.column === 'body');
  for (let i = 0; i < tokens.length; i++) {
    for (const t of inBody) {
      const n = t.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const have = tokens[i + k]!.token;
        ok = k === n - 1 && t.prefix ? have.startsWith(t.tokens[k]!) : have === t.tokens[k];
      }
      if (ok) {
        hits.push([tokens[i]!.start, tokens[i + n - 1]!.end]);
        break;
      }
    }
  }
  if (!hits.length) {
    const text = body.length > PLAIN ? `${body.slice(0, PLAIN).replace(/\s+\S*$/, '')}…` : body;
    return { text, hits: [] };
  }
  const first = tokens.findIndex((t) => t.start === hits[0]![0]);
  const from = first - CONTEXT <= 0 ? 0 : tokens[first - CONTEXT]!.start;
  const lastToken = tokens[Math.min(tokens.length - 1, first + 2 * CONTEXT)]!;
  const to = first + 2 * CONTEXT >= tokens.length - 1 ? body.length : lastToken.end;
  const lead = from > 0 ? '…' : '';
  const tail = to < body.length ? '…' : '';
  const text = `${lead}${body.slice(from, to)}${tail}`.replace(/\n/g, ' ');
  return {
    text,
    hits: hits.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s - from + lead.length, e - from + lead.length]),
  };
}

/** How a filter's facets answer `--filter` (for the page: a click on a facet adds one of these). */
export const FACET_LIMITS = { origin: 30, year: 100, classification: 10, tags: 40 };

/** Facet counts of some cables (`null`: all of them), from the `cables` table. */
export function countFacets(db: Database, ns: number[] | null): Facets {
  const count = (m: Map<string, number>, k: string | null): void => {
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  const origin = new Map<string, number>();
  const year = new Map<string, number>();
  const level = new Map<string, number>();
  const tags = new Map<string, number>();
  const sql = 'SELECT n, origin, substr(f_date, 1, 4) AS y, f_level, tags FROM cables';
  type Row = [number, string | null, string | null, number | null, string];
  const total = (db.prepare('SELECT count(*) FROM cables').pluck().get() as number) || 1;
  let rows: Iterable<Row>;
  if (ns === null) rows = db.prepare(sql).raw().iterate() as Iterable<Row>;
  else if (ns.length > total / 8) {
    // Many: one pass over the table, keeping the rows in the set.
    const keep = new Set(ns);
    const all = db.prepare(sql).raw().iterate() as Iterable<Row>;
    rows = (function* () {
      for (const r of all) if (keep.has(r[0])) yield r;
    })();
  } else {
    rows = db.prepare(`${sql} WHERE n IN (SELECT value FROM json_each(?))`).raw().iterate(JSON.stringify(ns)) as Iterable<Row>;
  }
  for (const [, o, y, l, t] of rows) {
    count(origin, o);
    count(year, y);
    count(level, l === null ? null : (LEVELS[l] ?? null));
    if (t !== '[]') for (const tag of new Set((JSON.parse(t) as string[]).map((x) => x.toUpperCase()))) count(tags, tag);
  }
  const top = (m: Map<string, number>, n: number, byValue = false): FacetCount[] =>
    [...m]
      .map(([value, c]) => ({ value, count: c }))
      .sort((a, b) => (byValue ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : b.count - a.count || (a.value < b.value ? -1 : 1)))
      .slice(0, n);
  return {
    origin: top(origin, FACET_LIMITS.origin),
    year: top(year, FACET_LIMITS.year, true),
    classification: [...level].map(([value, c]) => ({ value, count: c })).sort((a, b) => LEVELS.indexOf(a.value as never) - LEVELS.indexOf(b.value as never)),
    tags: top(tags, FACET_LIMITS.tags),
  };
}

export class CableIndex {
  private constructor(
    readonly path: string,
    private readonly db: Database,
  ) {}

  /** Opens an index read-only. A file that is not a cablekit index (or of another version) is refused with one line. */
  static open(path: string): CableIndex {
    const Database = sqlite();
    if (!existsSync(path)) throw new CableError('no such index (make one with cablekit index)', path);
    let db: Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      if (meta.get('format') !== INDEX_FORMAT) throw new Error('format');
      if (meta.get('version') !== String(INDEX_VERSION)) {
        db.close();
        throw new CableError(`an index of version ${meta.get('version')}, this cablekit reads version ${INDEX_VERSION}: build it again with cablekit index`, path);
      }
    } catch (err) {
      if (err instanceof CableError) throw err;
      throw new CableError('not a cablekit search index (make one with cablekit index)', path);
    }
    db.pragma('cache_size = -65536');
    return new CableIndex(path, db);
  }

  close(): void {
    this.db.close();
  }

  info(): IndexInfo {
    const meta = new Map((this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    return {
      path: this.path,
      cables: Number(meta.get('cables')),
      inputs: Number(meta.get('inputs')),
      failed: Number(meta.get('failed')),
      contentSha256: meta.get('content_sha256') ?? '',
      sources: this.db.prepare('SELECT path, kind, size FROM inputs ORDER BY n').all() as IndexInfo['sources'],
    };
  }

  /** The inputs that could not be read when the index was built, as their one lines. */
  problems(): string[] {
    return (this.db.prepare('SELECT error FROM problems ORDER BY n').all() as { error: string }[]).map((r) => r.error);
  }

  /** Compiles a query, saying in one line what is wrong with it. */
  static compile(query: string | undefined): CompiledQuery | null {
    return query === undefined || query.trim() === '' ? null : compileQuery(query);
  }

  /**
   * The numbers of the cables a query and filter select, in order. Everything else reads by
   * number; the selection itself is decided here (SQL narrows, `matchesFilter` and the text
   * regexes decide).
   */
  select(q: IndexQuery = {}): number[] {
    const compiled = CableIndex.compile(q.query);
    const f = q.filter;
    const where: string[] = [];
    const params: unknown[] = [];
    const order = q.order ?? (compiled?.match ? 'rank' : 'input');
    let from = 'cables c';
    let orderBy = order === 'date' ? 'c.date IS NULL, c.date, c.n' : 'c.n';
    if (compiled?.match && order === 'rank') {
      // Ranked in the full-text table's own pass (bm25 with the index's weights), then joined.
      from = '(SELECT rowid AS r, rank AS k FROM fts WHERE fts MATCH ?) m CROSS JOIN cables c ON c.n = m.r';
      params.push(compiled.match);
      orderBy = 'm.k, c.n';
    } else if (compiled?.match) {
      from = 'fts CROSS JOIN cables c ON c.n = fts.rowid';
      where.push('fts MATCH ?');
      params.push(compiled.match);
    } else if (compiled?.exclude) {
      where.push('c.n NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
      params.push(compiled.exclude);
    }
    // Dates, levels and tags are decided in SQL exactly as matchesFilter and matchesContent decide
    // them (a date prefix compared as a string, the level read by levelOf, tags upper case).
    if (f?.from) {
      where.push('c.f_date >= ?');
      params.push(f.from);
    }
    if (f?.to) {
      // `slice(0, to.length) <= to` for ISO dates (their characters all sort before '~')
      where.push("c.f_date <= ? || '~'");
      params.push(f.to);
    }
    if (f?.levels?.length) {
      where.push(`c.f_level IN (${f.levels.map(() => '?').join(', ')})`);
      params.push(...f.levels.map((l) => LEVELS.indexOf(l)));
    }
    if (f?.minLevel) {
      where.push('c.f_level >= ?');
      params.push(LEVELS.indexOf(f.minLevel));
    }
    for (const group of f?.tags ?? []) {
      where.push(`c.n IN (SELECT cable FROM cable_tags WHERE tag IN (${group.map(() => '?').join(', ')}))`);
      params.push(...group);
    }
    // The rest of the metadata (id patterns and lists, origins) by matchesFilter itself.
    const needsSubject = !!f && (!!f.ids?.length || !!f.idList || !!f.origins?.length);
    const texts = f?.texts ?? [];
    const cols = needsSubject ? 'c.n, c.f_id, c.f_origin, c.f_date, c.f_class' : 'c.n';
    const sql = `SELECT ${cols} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy}`;
    // The bodies are read and inflated only for the rows the rest of the filter keeps.
    const bodyOf = texts.length ? this.db.prepare('SELECT body FROM docs WHERE n = ?').pluck() : null;
    const out: number[] = [];
    try {
      const stmt = this.db.prepare(sql).raw();
      if (!needsSubject && !bodyOf) return (stmt.all(...params) as [number][]).map((r) => r[0]);
      for (const [n, id, origin, date, classification] of stmt.iterate(...params) as Iterable<[number, string, string | null, string | null, string | null]>) {
        if (needsSubject && !matchesFilter({ id, origin, date, classification }, f)) continue;
        if (bodyOf) {
          const body = unpack(bodyOf.get(n) as Buffer);
          if (!texts.every((re) => re.test(body))) continue;
        }
        out.push(n);
      }
    } catch (err) {
      if (err instanceof CableError) throw err;
      // The query is written so that this does not happen; if SQLite refuses it all the same, one line.
      throw new CableError(`cannot search for ${JSON.stringify(q.query ?? '')}: ${(err as Error).message.split('\n')[0]}`, this.path);
    }
    return out;
  }

  /** The fields of these cables, in the order given. A number that is no cable of the index is a one-line `CableError`. */
  hits(ns: number[]): IndexHit[] {
    const stmt = this.db.prepare(`SELECT ${HIT_COLUMNS} FROM cables WHERE n = ?`);
    return ns.map((n) => {
      const row = stmt.get(n) as HitRow | undefined;
      if (!row) throw new CableError(`no cable number ${n} in this index`, this.path);
      return toHit(row);
    });
  }

  /** Is this the number of a cable of the index? */
  has(n: number): boolean {
    return this.db.prepare('SELECT 1 FROM cables WHERE n = ?').get(n) !== undefined;
  }

  /** Every hit of a query, in order, read a page at a time (for `select --index`). */
  iterate(q: IndexQuery = {}, options: { limit?: number; snippets?: boolean } = {}): Generator<IndexHit> {
    return this.iterateNumbers(this.select(q).slice(0, options.limit), options.snippets ? q.query : undefined);
  }

  /** The hits of these cable numbers, in order, read a page at a time; with the snippets of `query` when given. */
  *iterateNumbers(ns: number[], query?: string): Generator<IndexHit> {
    const compiled = query === undefined ? null : CableIndex.compile(query);
    for (let i = 0; i < ns.length; i += 500) {
      const page = this.hits(ns.slice(i, i + 500));
      if (query !== undefined) for (const h of page) h.snippet = this.snippet(h.n, compiled ? query : undefined);
      yield* page;
    }
  }

  /** The first of these cables that was read from a file (not a bulk-CSV row), or null. */
  firstFileInput(ns: number[]): string | null {
    const r = this.db.prepare('SELECT input FROM cables WHERE n IN (SELECT value FROM json_each(?)) AND row IS NULL ORDER BY n LIMIT 1').get(JSON.stringify(ns)) as
      | { input: string }
      | undefined;
    return r?.input ?? null;
  }

  /** A page of hits with their snippets, the total, and (when asked) the facet counts of the whole selection. */
  search(q: IndexQuery, options: { offset?: number; limit?: number; facets?: boolean } = {}): SearchPage {
    const ns = this.select(q);
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const limit = Math.max(1, Math.floor(options.limit ?? 20));
    const hits = this.hits(ns.slice(offset, offset + limit));
    for (const h of hits) h.snippet = this.snippet(h.n, q.query);
    return { total: ns.length, offset, hits, ...(options.facets ? { facets: this.facetsFor(ns) } : {}) };
  }

  /** Facet counts of what a query and filter select: origin, year, classification, tags (most first). */
  facets(q: IndexQuery): Facets {
    if (!q.query?.trim() && isEmptyFilter(q.filter)) return this.facetsFor(null);
    return this.facetsFor(this.select(q));
  }

  /**
   * Facet counts of these cables. The year and the classification are those `--filter` reads (a
   * CSV row's date and classification columns, a file's parsed fields), so that narrowing by a
   * facet gives its count; the origin and the tags are the parsed cable's. Those of every cable
   * (`null`) were counted when the index was built.
   */
  facetsFor(ns: number[] | null): Facets {
    const all = ns === null || ns.length === this.count();
    if (all) {
      const stored = (this.db.prepare("SELECT value FROM meta WHERE key = 'facets'").pluck().get() as string | undefined) ?? null;
      if (stored) return JSON.parse(stored) as Facets;
    }
    return countFacets(this.db, all ? null : ns);
  }

  private counted: number | null = null;
  count(): number {
    return (this.counted ??= (this.db.prepare('SELECT count(*) AS c FROM cables').get() as { c: number }).c);
  }

  /** Where a query's words are in a cable's body (its start when they are only in its id, subject or tags, or there is no query). */
  snippet(n: number, query: string | undefined): Snippet | undefined {
    return makeSnippet(this.body(n), query ? highlightTerms(query) : []);
  }

  /** Its body as `text~` reads it and the full-text index searched it. */
  body(n: number): string {
    const r = this.db.prepare('SELECT body FROM docs WHERE n = ?').get(n) as { body: Buffer } | undefined;
    if (!r) throw new CableError(`no cable number ${n} in this index`, this.path);
    return unpack(r.body);
  }

  /** The id's cable numbers (an id may be in a release twice). */
  numbersOf(id: string): number[] {
    return (this.db.prepare('SELECT n FROM cables WHERE id = ? ORDER BY n').all(id) as { n: number }[]).map((r) => r.n);
  }

  /** The Cable as parsed when the index was built. */
  cable(n: number): Cable {
    return unpackDoc(this.doc(n)).cable();
  }

  /** Its clean text, as `cablekit normalize` prints it. */
  text(n: number): string {
    return unpackDoc(this.doc(n)).text;
  }

  private doc(n: number): Buffer {
    const r = this.db.prepare('SELECT doc FROM docs WHERE n = ?').get(n) as { doc: Buffer } | undefined;
    if (!r) throw new CableError(`no cable number ${n} in this index`, this.path);
    return r.doc;
  }

  private where(n: number): { input: string; row: number | null; offset: number | null; length: number | null; f_id: string; path: string; kind: string; size: number } {
    const r = this.db
      .prepare('SELECT c.input, c.row, c.offset, c.length, c.f_id, i.path, i.kind, i.size FROM cables c JOIN inputs i ON i.n = c.source WHERE c.n = ?')
      .get(n) as ReturnType<CableIndex['where']> | undefined;
    if (!r) throw new CableError(`no cable number ${n} in this index`, this.path);
    return r;
  }

  /**
   * The bulk-CSV row a cable was read from, read again from the CSV (at its byte offset). Throws
   * a one-line `CableError` when the cable came from a file, or the CSV is gone or changed.
   */
  async record(n: number): Promise<CsvCableRecord> {
    const w = this.where(n);
    if (w.kind !== 'csv' || w.row === null) throw new CableError('--format csv writes rows of the bulk CSV, and this cable was read from a file: use --format ids or jsonl', w.input);
    const changed = (): CableError => new CableError(`the CSV is not the one indexed (changed or moved): build the index again with cablekit index`, w.path);
    let fields: string[] | undefined;
    if (w.offset !== null && w.length !== null) {
      let fd: number;
      try {
        fd = openSync(w.path, 'r');
      } catch {
        throw changed();
      }
      try {
        const buf = Buffer.alloc(w.length);
        readSync(fd, buf, 0, w.length, w.offset);
        fields = (parseCsv(buf, { escape: '\\', relax_column_count: true }) as string[][])[0];
      } catch {
        throw changed();
      } finally {
        closeSync(fd);
      }
      const rec = fields ? csvCableRecord(fields, w.row, w.input) : null;
      if (!rec || 'error' in rec || rec.id !== w.f_id) throw changed();
      return rec;
    }
    for await (const rec of readCsvRecords(w.path)) {
      if (isCsvRowError(rec) || rec.row !== w.row) continue;
      if (rec.id !== w.f_id) throw changed();
      return { ...rec, source: w.input };
    }
    throw changed();
  }

  /**
   * The cable with the text it was read from, for a review beside its input (the workbench): read
   * again from its file or CSV row when it is still there and the same cable; otherwise the
   * stored cable, with its clean text as the input and no repairs to show.
   */
  async source(n: number): Promise<CableSource & { fromInput: boolean }> {
    const w = this.where(n);
    const stored = this.cable(n);
    try {
      const src = w.kind === 'csv' ? csvRecordSource(await this.record(n)) : readCableSource(readFileSync(w.path), w.input);
      if (src.cable.id === stored.id) return { ...src, fromInput: true };
    } catch {
      // gone or changed: the stored cable below
    }
    return { cable: { ...stored, repairs: [], warnings: stored.warnings.map((x) => ({ ...x, line: null })) }, source: this.text(n), fromInput: false };
  }
}

/** The cables a query and filter select from an index, in order, each with the input it was read from (for `book` and `render`). */
export function* indexCables(index: CableIndex, q: IndexQuery, options: { limit?: number } = {}): Generator<{ input: string; cable: Cable }> {
  for (const hit of index.iterate(q, { limit: options.limit })) yield { input: hit.input, cable: index.cable(hit.n) };
}
