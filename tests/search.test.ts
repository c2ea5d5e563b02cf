/**
 * The local search index (issue 17): built from the development cables and the bulk-CSV sample
 * (and the shared real cables when they are beside the repository), `select --index` gives what
 * `select` gives on the inputs for every kind of `--filter`, `--query` finds what its words say,
 * bad rows are listed with exit 2, an interrupted build leaves no database, and a build is
 * deterministic.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discoverInputs } from '../src/readers/input/discover.js';
import { parseFilter } from '../src/select/filter.js';
import { selectCables } from '../src/select/select.js';
import { buildIndex, CableIndex, compileQuery, parseQuery, searchIndexAvailable } from '../src/search/index.js';
import { CableError } from '../src/errors.js';
import { readCsvCables } from '../src/select/csv.js';
import { formatCable } from '../src/writers/format.js';
import type { Cable } from '../src/model/cable.js';

async function readCsvCablesList(): Promise<Cable[]> {
  const out: Cable[] = [];
  for await (const c of readCsvCables(CSV)) out.push(c);
  return out;
}
import { sharedExists } from './support/real-cables.js';

const CLI = 'bin/cablekit.js';
const CSV = 'tests/fixtures/cables/cables-sample.csv';
const available = searchIndexAvailable();
if (!available) console.log('search index tests skipped: better-sqlite3 is not installed (an optional dependency)');

const work = mkdtempSync(join(tmpdir(), 'cablekit-search-'));
const INPUTS = ['samples', 'tests/fixtures/cables', CSV, ...(sharedExists ? ['../shared/cables', '../shared/cables-more'] : [])];
const DB = join(work, 'release.db');
/** The CSV sample alone: what `select` on the CSV gives is all of it. */
const CSVDB = join(work, 'csv.db');
const run = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: options.input, env: { ...process.env, ...options.env }, maxBuffer: 64 << 20 });

let index: CableIndex;

beforeAll(async () => {
  if (!available) return;
  await buildIndex(await discoverInputs(INPUTS), { out: DB, jobs: 2 });
  await buildIndex(await discoverInputs([CSV]), { out: CSVDB, jobs: 1 });
  index = CableIndex.open(DB);
}, 120_000);

afterAll(() => {
  index?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the query syntax', () => {
  const fts = (q: string) => compileQuery(q);
  it('reads words, phrases, OR, -word, prefix* and fields, every word quoted', () => {
    expect(fts('cluster munitions')).toEqual({ match: '("cluster") AND ("munitions")', exclude: null });
    expect(fts('"oslo process"').match).toBe('"oslo process"');
    expect(fts('nato OR alliance').match).toBe('("nato") OR ("alliance")');
    expect(fts('nato -canada').match).toBe('("nato") NOT (("canada"))');
    expect(fts('nato NOT canada').match).toBe('("nato") NOT (("canada"))');
    expect(fts('munition*').match).toBe('"munition" *');
    expect(fts('"oslo proc"*').match).toBe('"oslo proc" *');
    expect(fts('subject:oslo').match).toBe('{subject} : "oslo"');
    expect(fts('tag:"human rights"').match).toBe('{tagkeys} : "HUMANRIGHTS"');
    expect(fts('tag:pr*').match).toBe('{tagkeys} : "PR" *');
    expect(fts('origin:ottawa id:08OTTAWA*').match).toBe('({origin} : "ottawa") AND ({id} : "08OTTAWA" *)');
    expect(fts('(nato OR alliance) -canada').match).toBe('(("nato") OR ("alliance")) NOT (("canada"))');
    expect(fts('-nato -canada')).toEqual({ match: null, exclude: '("nato") OR ("canada")' });
    // What would be FTS5 or SQL syntax is only words.
    expect(fts('NEAR(a b)').match).toBe('("NEAR") AND (("a") AND ("b"))');
    expect(fts('x" OR "y').match).toBe('("x") AND (" OR ") AND ("y")');
    expect(fts('nato (-canada)').match).toBe('("nato") NOT (("canada"))');
    expect(fts('a\u0000b').match).toBe('"a b"');
    expect(fts('{body}:x').match).toBe('"{body}:x"');
    expect(fts('a"b').match).toBe('("a") AND ("b")');
    expect(fts("'; DROP TABLE cables; --").match).toBe('("DROP") AND ("TABLE") AND ("cables;")');
    expect(fts('say "he said ""no"""').match).toBe('("say") AND ("he said ") AND ("no")');
  });

  it('says in one line what is wrong with a query that cannot be run', () => {
    for (const [q, message] of [
      ['', /has no words/],
      ['   ', /has no words/],
      ['""', /has no words/],
      ['* - ( ) OR', /has no words/],
      ['nato OR -canada', /-canada on its own inside an OR/],
      ['nato OR (-canada)', /-canada on its own inside an OR/],
      ['(-canada -nato) nato', /on its own inside a group/],
      [Array.from({ length: 70 }, (_, i) => `w${i}`).join(' '), /more than 64 words/],
    ] as const) {
      expect(() => compileQuery(q), q).toThrow(CableError);
      expect(() => compileQuery(q), q).toThrow(message);
    }
  });

  it('never gives SQLite an expression it refuses, whatever is typed (random queries)', () => {
    if (!available) return;
    const alphabet = fc.constantFrom(...'ab "()-*:OR NOT AND tag: subject: id:\'\\{}^+é\u0000'.split(''), 'OR', 'AND', 'NOT', 'tag:', 'NEAR', '"', '*');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        const q = parts.join('');
        let compiled;
        try {
          compiled = compileQuery(q);
        } catch (err) {
          expect(err).toBeInstanceOf(CableError);
          expect((err as Error).message).not.toContain('\n');
          return;
        }
        expect(compiled.match ?? compiled.exclude).toBeTruthy();
        index.select({ query: q }); // throws on an FTS5 syntax error
        expect(parseQuery(q)).not.toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});

describe.skipIf(!available)('an index of the development cables and the bulk-CSV sample', () => {
  const FILTERS: string[][] = [
    [],
    ['tag=PREL'],
    ['tag=PREL,PGOV', 'tag=IR'],
    ['origin=TEHRAN'],
    ['origin=Embassy Ottawa,STATE'],
    ['date>=2008-01', 'date<=2009-06'],
    ['date=1972'],
    ['classification=CONFIDENTIAL'],
    ['classification>=SECRET'],
    ['classification<=SBU'],
    ['id=08*'],
    ['id=/^0[5-7](OTTAWA|STATE)/'],
    ['text~cluster munitions'],
    ['text~\\bNATO\\b', 'date>=2007'],
    ['text~(oslo|dublin) process'],
    ['tag=PARM', 'text~munitions?'],
    ['72TEHRAN*'],
  ];

  it('select --index gives the cables select gives on the inputs, in the same order, for every kind of filter', async () => {
    const inputs = await discoverInputs(INPUTS);
    let compared = 0;
    for (const exprs of FILTERS) {
      const filter = parseFilter(exprs);
      const want: string[] = [];
      for await (const s of selectCables(inputs, { filter, onError: () => {} })) want.push(`${s.input} ${s.cable.id}`);
      const got = index.hits(index.select({ filter })).map((h) => `${h.input} ${h.id}`);
      expect(got, exprs.join(' ')).toEqual(want);
      if (exprs.length) expect(want.length, `${exprs.join(' ')} selects something`).toBeGreaterThan(0);
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(300); // the fixtures and the CSV sample: 333 selections in all
  });

  it('the CLI: the same lines as select on the CSV, row for row (ids, jsonl and csv), with --from, --to and --ids', () => {
    const ids = run(['select', CSV, '-q']).stdout.split('\n').filter(Boolean).slice(1, 4).join('\n');
    for (const args of [
      ['--filter', 'tag=IR', '--format', 'csv'],
      ['--from', '1973', '--to', '1978-06', '--format', 'jsonl'],
      ['--ids', '-', '--format', 'csv'],
      ['--filter', 'text~shah|terror', '--format', 'ids'],
    ]) {
      const input = args.includes('-') ? ids : undefined;
      const plain = run(['select', CSV, ...args, '-q'], { input });
      const indexed = run(['select', '--index', CSVDB, ...args, '-q'], { input });
      expect(plain.status, plain.stderr).toBe(0);
      expect(indexed.status, indexed.stderr).toBe(0);
      expect(indexed.stdout, args.join(' ')).toBe(plain.stdout);
      expect(plain.stdout.length, args.join(' ')).toBeGreaterThan(10);
    }
  });

  it('--query: a phrase, OR, NOT and a prefix find exactly the cables whose words say so', () => {
    // Words as the tokenizer reads them: letters and digits, any case.
    const words = (s: string | null) => ` ${(s ?? '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    const all = index.hits(index.select({}));
    const text = new Map(all.map((h) => [h.n, words(`${h.id} ${h.subject} ${h.tags.join(' ')} ${h.origin}`)]));
    const bodies = new Map(all.map((h) => [h.n, words(index.body(h.n))]));
    const body = (n: number) => bodies.get(n)!;
    const has = (n: number, w: string) => text.get(n)!.includes(` ${w} `) || body(n).includes(` ${w} `);
    const hasPrefix = (n: number, p: string) => text.get(n)!.includes(` ${p}`) || body(n).includes(` ${p}`);
    const found = (q: string) => new Set(index.select({ query: q }));
    const expectSame = (q: string, want: (n: number) => boolean, atLeast: number) => {
      const got = found(q);
      const expected = new Set(all.map((h) => h.n).filter(want));
      expect([...got].sort(), q).toEqual([...expected].sort());
      expect(got.size, q).toBeGreaterThanOrEqual(atLeast);
    };
    expectSame('"cluster munitions"', (n) => has(n, 'cluster munitions'), 2);
    expectSame('nato OR alliance', (n) => has(n, 'nato') || has(n, 'alliance'), 20);
    expectSame('nato -canada', (n) => has(n, 'nato') && !has(n, 'canada'), 5);
    expectSame('munition*', (n) => hasPrefix(n, 'munition'), 2);
    expectSame('-nato', (n) => !has(n, 'nato'), 50);
    // ranked: the best first, every page the same order
    const ranked = index.select({ query: 'nato' });
    expect(index.select({ query: 'nato', order: 'input' })).toEqual([...ranked].sort((a, b) => a - b));
    // fields
    const tagged = found('tag:PREL');
    expect([...tagged].sort()).toEqual(index.select({ filter: parseFilter(['tag=PREL']) }).sort());
    const oslo = index.hits([...found('subject:oslo')]);
    expect(oslo.length).toBeGreaterThan(0);
    for (const h of oslo) expect(h.subject).toMatch(/\boslo\b/i);
    expect(index.hits([...found('id:08OTTAWA*')]).every((h) => h.id.startsWith('08OTTAWA'))).toBe(true);
  });

  it('pages with snippets around the words found, and facet counts of the whole selection', () => {
    const page = index.search({ query: '"cluster munitions"' }, { limit: 2, facets: true });
    expect(page.total).toBe(index.select({ query: '"cluster munitions"' }).length);
    expect(page.hits).toHaveLength(2);
    for (const h of page.hits) {
      expect(h.snippet!.hits.length).toBeGreaterThan(0);
      for (const [s, e] of h.snippet!.hits) expect(h.snippet!.text.slice(s, e).toLowerCase().replace(/\s+/g, ' ')).toBe('cluster munitions');
    }
    const f = page.facets!;
    const sum = (xs: { count: number }[]) => xs.reduce((a, b) => a + b.count, 0);
    expect(sum(f.classification)).toBe(page.total);
    expect(sum(f.year)).toBeLessThanOrEqual(page.total);
    // narrowing by a facet (as the workbench does, with --filter) gives its count
    const tag = f.tags[0]!;
    expect(index.select({ query: '"cluster munitions"', filter: parseFilter([`tag=${tag.value}`]) })).toHaveLength(tag.count);
    const every = index.facets({});
    for (const y of every.year) expect(index.select({ filter: parseFilter([`date=${y.value}`]) }), y.value).toHaveLength(y.count);
    for (const c of every.classification) expect(index.select({ filter: parseFilter([`classification=${c.value}`]) }), c.value).toHaveLength(c.count);
    expect(sum(every.classification)).toBe(index.info().cables);
  });

  it('gives back the cable as parsed, its clean text, and its CSV row as the CSV has it', async () => {
    const ix = CableIndex.open(CSVDB);
    const [n] = ix.select({ filter: parseFilter(['id=72TEHRAN1164']) });
    const cable = ix.cable(n!);
    const fromCsv = (await readCsvCablesList()).find((c) => c.id === '72TEHRAN1164')!;
    expect(cable).toEqual(JSON.parse(JSON.stringify(fromCsv)));
    expect(ix.text(n!)).toBe(formatCable(fromCsv, 'text'));
    const plainRow = run(['select', CSV, '--filter', 'id=72TEHRAN1164', '--format', 'csv', '-q']).stdout;
    const { csvRecordLine } = await import('../src/select/output.js');
    expect(csvRecordLine(await ix.record(n!))).toBe(plainRow);
    const src = await ix.source(n!);
    expect(src.fromInput).toBe(true);
    expect(src.cable.repairs.length).toBe(cable.repairs.length);
    ix.close();
    // a cable read from a file has no CSV row
    const [file] = index.select({ filter: parseFilter(['id=08OTTAWA372']) });
    await expect(index.record(file!)).rejects.toThrow(/this cable was read from a file/);
    expect(run(['select', '--index', DB, '--format', 'csv']).stderr).toMatch(/^cablekit: [^:]+: --format csv writes rows of the bulk CSV/);
  });

  it('a book and a render from the index are those made from the inputs', () => {
    const a = join(work, 'a.pdf');
    const b = join(work, 'b.pdf');
    const r1 = run(['book', CSV, '--filter', 'tag=IR', '-o', a, '-q']);
    const r2 = run(['book', '--index', CSVDB, '--filter', 'tag=IR', '-o', b, '-q']);
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    const pdf = (p: string) => spawnSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' }).stdout.replace(/Selected by:[\s\S]*?Prepared/, '');
    expect(pdf(b)).toBe(pdf(a));
    const outA = join(work, 'ra');
    const outB = join(work, 'rb');
    expect(run(['render', CSV, '--format', 'text', '--out', outA, '-q', '--jobs', '1']).status).toBe(0);
    const rb = run(['render', '--index', CSVDB, '--query', 'tehran OR kabul', '--format', 'text', '--out', outB, '-q', '--jobs', '1']);
    expect(rb.status, rb.stderr).toBe(0);
    const made = readdirSync(outB).filter((f) => f.endsWith('.txt'));
    expect(made.length).toBeGreaterThan(2);
    for (const f of made) expect(readFileSync(join(outB, f), 'utf8'), f).toBe(readFileSync(join(outA, f), 'utf8'));
  });

  it('refuses what it cannot do in one line: a bad query, --query without --index, INPUTS with --index, a file that is not an index', () => {
    const bad = run(['select', '--index', DB, '--query', 'nato OR -canada']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['cablekit: cannot search for -canada on its own inside an OR: say what to leave it out of, e.g. (nato -canada) OR alliance']);
    expect(run(['select', CSV, '--query', 'nato']).stderr).toMatch(/^cablekit: --query searches an index: add --index/);
    expect(run(['select', CSV, '--index', DB]).stderr).toMatch(/^cablekit: --index takes the cables from .*: give no INPUTS with it/);
    const notIndex = run(['select', '--index', CSV]);
    expect(notIndex.stderr).toBe(`cablekit: ${CSV}: not a cablekit search index (make one with cablekit index)\n`);
    expect(run(['select', '--index', join(work, 'none.db')]).stderr).toMatch(/no such index/);
  });
  it('a number that is no cable: one line from the library, 404 from the workbench (not a 500)', async () => {
    expect(() => index.hits([999_999])).toThrow(CableError);
    expect(() => index.hits([999_999])).toThrow(/no cable number 999999 in this index/);
    const { startWorkbench } = await import('../src/serve/server.js');
    const bench = await startWorkbench({ port: 0, index: DB });
    try {
      const base = `http://127.0.0.1:${bench.port}`;
      const headers = { 'X-Cablekit-Token': bench.token, 'Content-Type': 'application/json' };
      const missing = await fetch(`${base}/api/search/open`, { method: 'POST', headers, body: JSON.stringify({ n: [999_999] }) });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: string }).error).toMatch(/^no cable number 999999 in release\.db$/);
      const first = index.select({})[0]!;
      const found = await fetch(`${base}/api/search/open`, { method: 'POST', headers, body: JSON.stringify({ n: [first] }) });
      expect(found.status).toBe(200);
      expect(((await found.json()) as { entries: unknown[] }).entries).toHaveLength(1);
    } finally {
      await bench.close();
    }
  });

  it('a query may start with -word on the command line (yargs would read -canada as the options -c -a -n …)', () => {
    const all = run(['select', '--index', CSVDB, '-q']).stdout;
    const without = run(['select', '--index', CSVDB, '--query', '-tehran', '-q']);
    expect(without.stderr).toBe('');
    expect(without.status).toBe(0);
    const kept = without.stdout.split('\n').filter(Boolean);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.split('\n').filter(Boolean).length);
    expect(kept).toEqual(run(['select', '--index', CSVDB, '--query=-tehran', '-q']).stdout.split('\n').filter(Boolean));
    expect(run(['select', '--index', CSVDB, '--query', '-']).stderr).toBe('cablekit: the query "-" has no words to look for\n');
  });
});

describe.skipIf(!available)('building an index', () => {
  it('writes over nothing or an older index, never over an input, another file or a folder', () => {
    const dir = mkdtempSync(join(work, 'out-'));
    const cable = join(dir, '07OTTAWA117.txt');
    const original = readFileSync('samples/07OTTAWA117.txt');
    writeFileSync(cable, original);
    const over = run(['index', dir, '-o', cable, '-q']);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe(`cablekit: ${cable}: exists and is not a cablekit index: not replaced (remove it, or name another file with -o)\n`);
    expect(readFileSync(cable)).toEqual(original);
    const folder = run(['index', cable, '-o', dir, '-q']);
    expect(folder.stderr).toBe(`cablekit: ${dir}: is a folder: -o names the index file to write, e.g. -o release.db\n`);
    expect(folder.status).toBe(1);
    const nowhere = run(['index', cable, '-o', join(dir, 'none', 'x.db'), '-q']);
    expect(nowhere.stderr).toBe(`cablekit: ${join(dir, 'none')}: no such folder to write the index in\n`);
    // an index is replaced by a new build
    const db = join(dir, 'x.db');
    expect(run(['index', cable, '-o', db, '-q']).status).toBe(0);
    expect(run(['index', cable, 'samples/08OTTAWA372.txt', '-o', db, '-q']).status).toBe(0);
    const ix = CableIndex.open(db);
    expect(ix.info().cables).toBe(2);
    ix.close();
    expect(readdirSync(dir).sort()).toEqual(['07OTTAWA117.txt', 'x.db']);
  });

  it('lists a bad row and an input that is not a cable, goes on, and exits 2', () => {
    const dir = mkdtempSync(join(work, 'bad-'));
    const rows = readFileSync(CSV, 'utf8');
    const csv = join(dir, 'cables.csv');
    writeFileSync(csv, `${rows}"99","1/1/2001 0:00","01BAD1"\r\n"100","1/1/2001 0:00","01NONE1","Embassy Nowhere","UNCLASSIFIED","","","nothing here"\r\n`);
    writeFileSync(join(dir, 'notes.txt'), 'shopping list\n');
    const out = join(dir, 'x.db');
    const r = run(['index', csv, join(dir, 'notes.txt'), '-o', out]);
    expect(r.status, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain(`cablekit: ${csv}:7: row has 3 columns, expected 8`);
    expect(lines.some((l) => l.startsWith(`cablekit: ${join(dir, 'notes.txt')}: not a cable`))).toBe(true);
    expect(lines.at(-1)).toMatch(/x\.db: 7 cables from .*; 2 could not be read and are not in it$/);
    const ix = CableIndex.open(out);
    expect(ix.info()).toMatchObject({ cables: 7, inputs: 9, failed: 2 });
    expect(ix.problems()).toEqual([`${csv}:7: row has 3 columns, expected 8`, expect.stringMatching(/notes\.txt: not a cable/)]);
    ix.close();
    const sel = run(['select', '--index', out]);
    expect(sel.stderr).toMatch(/selected 7 of 7 cables in .*x\.db \(2 inputs could not be read when it was built\)/);
  });

  it('gives the same database for the same inputs: same rows and digest, and the same bytes', async () => {
    // more inputs than a worker's batch (32): the rows are committed at the same places with any number of threads
    const inputs = await discoverInputs(['samples', 'tests/fixtures/cables', 'tests/fixtures/forms', CSV]);
    expect(inputs.length).toBeGreaterThan(64);
    const a = await buildIndex(inputs, { out: join(work, 'same-a.db'), jobs: 2 });
    const b = await buildIndex(inputs, { out: join(work, 'same-b.db'), jobs: 0 });
    expect(b.contentSha256).toBe(a.contentSha256);
    expect(readFileSync(join(work, 'same-b.db')).equals(readFileSync(join(work, 'same-a.db')))).toBe(true);
  });

  it('leaves no database when interrupted (Ctrl-C or a kill), and the next build clears what a kill left', async () => {
    const dir = mkdtempSync(join(work, 'stop-'));
    // a CSV big enough to take a few seconds
    const { generateCsv } = await import('../scripts/release-csv.mjs' as string);
    const csv = join(dir, 'cables.csv');
    await generateCsv(csv, 4000);
    const out = join(dir, 'release.db');
    const temps = () => readdirSync(dir).filter((f) => f.startsWith('.release.db.'));
    const startAndStop = async (signal: NodeJS.Signals) => {
      const child = spawn(process.execPath, [CLI, 'index', csv, '-o', out, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      // wait until the build is under way (its temp file is there and growing)
      for (let i = 0; i < 200 && !(temps().length && statSync(join(dir, temps()[0]!)).size > 200_000); i++) await new Promise((r) => setTimeout(r, 50));
      expect(temps().length, 'the build started').toBe(1);
      child.kill(signal);
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      return { code, err };
    };
    const stopped = await startAndStop('SIGINT');
    expect(stopped.code).toBe(1);
    expect(stopped.err).toMatch(/release\.db: interrupted after \d+ inputs; no index written/);
    expect(existsSync(out)).toBe(false);
    expect(temps()).toEqual([]);
    const killed = await startAndStop('SIGKILL');
    expect(killed.code).toBe(null);
    expect(existsSync(out)).toBe(false);
    expect(temps()).toHaveLength(1); // a kill leaves its temp file …
    const done = run(['index', csv, '-o', out, '-q']);
    expect(done.status, done.stderr).toBe(0);
    expect(temps()).toEqual([]); // … which the next build removes
    const ix = CableIndex.open(out);
    expect(ix.info().cables).toBe(4000);
    // rows read again at their byte places, across the reader's chunks, are the rows
    const { csvRecordLine } = await import('../src/select/output.js');
    const { readCsvRecords, isCsvRowError } = await import('../src/readers/csv/read.js');
    const want = new Map<number, string>();
    for await (const rec of readCsvRecords(csv)) if (!isCsvRowError(rec) && [1, 777, 2500, 4000].includes(rec.row)) want.set(rec.row, csvRecordLine(rec));
    for (const [row, line] of want) expect(csvRecordLine(await ix.record(row)), `row ${row}`).toBe(line);
    ix.close();
  }, 120_000);
});

describe('without better-sqlite3', () => {
  it('index says in one line what is missing; the rest of cablekit works', () => {
    const env = { CABLEKIT_SQLITE_MODULE: 'better-sqlite3-not-installed' };
    const r = run(['index', CSV, '-o', join(work, 'none.db')], { env });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^cablekit: the search index needs the optional package better-sqlite3 .*run `npm install` again/);
    expect(existsSync(join(work, 'none.db'))).toBe(false);
    expect(run(['select', '--index', DB], { env }).stderr).toMatch(/^cablekit: the search index needs the optional package better-sqlite3/);
    const select = run(['select', CSV, '--filter', 'tag=IR', '-q'], { env });
    expect(select.status).toBe(0);
    expect(select.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(2);
  });
});
