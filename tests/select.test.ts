/**
 * Selection by tag and text (issue 12 item 4): the filter expressions, the raw-row pre-check of
 * the bulk CSV (a necessary condition, checked on every development cable), `select`'s outputs,
 * and the same filter giving the same cables in `select`, `render` and `book`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseFilter, matchesCable, cableBodyText, describeFilter, rowMayMatch, serializeFilter, deserializeFilter } from '../src/select/filter.js';
import { regexRequirement, compactText, meetsRequirement } from '../src/select/prefilter.js';
import { readCsvRecords, isCsvRowError, csvRecordToCable } from '../src/readers/csv/read.js';
import { readCsvCables } from '../src/select/csv.js';
import { readCableFile, parseCable } from '../src/readers/cable/parse.js';
import fc from 'fast-check';
import { decodeCableBytes } from '../src/readers/decode.js';
import { discoverInputs } from '../src/readers/input/discover.js';
import { selectCables } from '../src/select/select.js';
import { formatSelected, csvRecordLine } from '../src/select/output.js';
import { parseIdList } from '../src/select/ids.js';
import { runBatch } from '../src/batch/run.js';
import { readBookInputs } from '../src/book/inputs.js';
import type { Manifest, ManifestOk } from '../src/batch/manifest.js';
import type { CableError } from '../src/errors.js';

const CSV = 'tests/fixtures/cables/cables-sample.csv';
const CLI = 'bin/cablekit.js';

describe('--filter tag= and text~', () => {
  it('reads tag groups (any of; several must all hold) and case-insensitive body regexes', async () => {
    const f = parseFilter(['tag=parm, prel', 'tag=CA', 'text~cluster\\s+munitions']);
    expect(f.tags).toEqual([['PARM', 'PREL'], ['CA']]);
    expect(f.texts?.map((r) => [r.source, r.flags])).toEqual([['cluster\\s+munitions', 'i']]);
    expect(describeFilter(f)).toEqual(['tag=PARM,PREL', 'tag=CA', 'text~cluster\\s+munitions']);

    const cable = await readCableFile('samples/08OTTAWA372.txt'); // TAGS: PARM, PREL, NATO, MOPS, CA
    expect(matchesCable(cable, f)).toBe(true);
    expect(matchesCable(cable, parseFilter(['tag=PARM', 'tag=KPAO']))).toBe(false);
    expect(matchesCable(cable, parseFilter(['tag=KPAO,MOPS']))).toBe(true);
    expect(matchesCable(cable, parseFilter(['text~DFAIT NATO SURPRISED']))).toBe(true); // a heading, any case
    expect(matchesCable(cable, parseFilter(['text~Oslo Process']))).toBe(true);
    // The body only: the subject's words are not searched.
    expect(cable.subject).toMatch(/DISCORD OVER OSLO/);
    expect(cableBodyText(cable)).not.toMatch(/DISCORD OVER OSLO PROCESS AND NATO INTEROPERABILITY/);
    expect(matchesCable(cable, parseFilter(['text~discord over oslo process and nato']))).toBe(false);
    // Line breaks in the text read as one space.
    expect(cableBodyText(cable)).not.toMatch(/\n.*\n\n/);

    // A filter crosses to the workers as plain data and comes back the same.
    const back = deserializeFilter(JSON.parse(JSON.stringify(serializeFilter(f))));
    expect(matchesCable(cable, back)).toBe(true);
    expect(describeFilter(back)).toEqual(describeFilter(f));
  });

  it('says what is wrong with a bad expression, in one line', () => {
    expect(() => parseFilter(['text~(unclosed'])).toThrow(/bad text regex \(unclosed/);
    expect(() => parseFilter(['text=cluster'])).toThrow(/use text~REGEX/);
    expect(() => parseFilter(['text~'])).toThrow(/text~ needs a regular expression/);
    expect(() => parseFilter(['tag='])).toThrow(/tag= needs at least one tag/);
    expect(() => parseFilter(['tag>=PARM'])).toThrow(/tag takes =/);
  });
});

describe('the raw-row pre-check', () => {
  it('finds the literal words every match of a regex needs', () => {
    const words = (re: string): string[][] => regexRequirement(re);
    expect(words('cluster munitions')).toEqual([['cluster', 'munitions']]);
    expect(words('Cluster\\s+Munitions?')).toEqual([['cluster', 'munition']]);
    expect(words('colou?r')).toEqual([['colo', 'r']]);
    expect(words('(oslo|dublin) process')).toEqual([['oslo', 'process'], ['dublin', 'process']]);
    expect(words('oslo|process')).toEqual([['oslo'], ['process']]);
    expect(words('(oslo)? process')).toEqual([['process']]);
    expect(words('ab+c')).toEqual([['ab', 'c']]);
    expect(words('a{2}b')).toEqual([['a', 'b']]);
    expect(words('x{0,3}yz')).toEqual([['yz']]);
    expect(words('[a-z]+ing\\b')).toEqual([['ing']]);
    expect(words('foo(?=bar)')).toEqual([['foo']]);
    expect(words('(?<!un)clear')).toEqual([['clear']]);
    expect(words('(?<w>abc)\\k<w>')).toEqual([['abc']]);
    expect(words('\\d+ percent')).toEqual([['percent']]);
    expect(words('\\bNATO\\b')).toEqual([['nato']]);
    expect(words('x|')).toEqual([[]]); // an empty branch needs nothing
    expect(words('.*')).toEqual([[]]);
    expect(words('caf\u00e9')).toEqual([['caf']]); // non-ASCII letters are never relied on
    expect(words('\\u0041bc')).toEqual([['bc']]);
    expect(meetsRequirement(compactText('The CLUSTER-\nmunitions issue'), words('cluster munitions'))).toBe(true);
    expect(meetsRequirement(compactText('clusters of munitions'), words('cluster munitions'))).toBe(true); // only a pre-check
    expect(meetsRequirement(compactText('cluster bombs'), words('cluster munitions'))).toBe(false);
  });

  /**
   * The pre-check is only safe if parsing never creates a run of ASCII letters and digits that is
   * not in the raw text with the rest removed. Checked on every development cable: every word of
   * every body and every tag must pass it.
   */
  it('never rejects a row whose parsed cable the filter would select (every development cable)', async () => {
    const dirs = ['samples', 'tests/fixtures/cables', '../shared/cables', '../shared/cables-more'].filter((d) => existsSync(d));
    let cables = 0;
    let words = 0;
    const misses: string[] = [];
    const check = (name: string, raw: string, body: string, tags: string[]): void => {
      cables++;
      const compact = compactText(raw);
      for (const w of [...(body.match(/[A-Za-z0-9]+/g) ?? []), ...tags.map((t) => t.replace(/[^A-Za-z0-9]/g, ''))]) {
        words++;
        if (!compact.includes(w.toLowerCase())) misses.push(`${name}: ${w}`);
      }
    };
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
        const path = join(dir, f);
        let cable;
        try {
          cable = await readCableFile(path);
        } catch {
          continue;
        }
        check(path, decodeCableBytes(readFileSync(path), path).text, cableBodyText(cable), cable.tags);
      }
    }
    for await (const rec of readCsvRecords(CSV)) {
      if (isCsvRowError(rec)) continue;
      const cable = csvRecordToCable(rec);
      check(rec.source, `${rec.header}\n${rec.body}`, cableBodyText(cable), cable.tags);
      // And through the filter functions themselves: a filter made of this cable's own words passes.
      const phrase = cableBodyText(cable).split('\n')[0]!.split(' ').slice(0, 4).join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const f = parseFilter([`tag=${cable.tags[0]}`, `text~${phrase}`]);
      expect(matchesCable(cable, f), rec.source).toBe(true);
      expect(rowMayMatch(`${rec.header}\n${rec.body}`, f), rec.source).toBe(true);
    }
    expect(misses).toEqual([]);
    expect(cables).toBeGreaterThanOrEqual(dirs.includes('../shared/cables') ? 150 : 30);
    expect(words).toBeGreaterThan(10_000);
  });

  it("lets through every tag the TAGS reader makes, including those it corrects or completes (its own vocabulary)", async () => {
    const { TAG_FIXES, PERSON_TAGS, PHRASE_TAGS, TAG_CODES } = await import('../src/readers/cable/tag-vocabulary.js');
    const sample = readFileSync('samples/08OTTAWA372.txt', 'utf8');
    const withTags = (line: string): string => sample.replace(/^TAGS: .*$/m, `TAGS: ${line}`);
    const check = (line: string): string[] => {
      const raw = withTags(line);
      const tags = parseCable(raw, { file: 'x.txt' }).tags;
      for (const t of tags) expect(rowMayMatch(raw, parseFilter([`tag="${t}"`])), `${line} → ${t}`).toBe(true);
      return tags;
    };
    // The rewritings themselves: corrected spellings and completed names are not in the raw text.
    const raw = withTags('MOPPS, RU, POGOV, STEINBERG JAMES');
    expect(check('MOPPS, RU, POGOV, STEINBERG JAMES')).toEqual(['MOPS', 'RS', 'PGOV', 'STEINBERG, JAMES B.']);
    expect(compactText(raw).includes('mops')).toBe(false);
    expect(rowMayMatch(raw, parseFilter(['tag=KPAO']))).toBe(false);
    expect(parseFilter(['tag="STEINBERG, JAMES B.",PREL']).tags).toEqual([['STEINBERG, JAMES B.', 'PREL']]);

    const pieces = [
      ...Object.keys(TAG_FIXES),
      ...PERSON_TAGS.flatMap((p) => [p, p.replace(',', ''), p.replace(/\s+[A-Z]\.$/, '').replace(',', '')]),
      ...PHRASE_TAGS.map((p) => p.join(' ')),
      ...[...TAG_CODES].slice(0, 60),
      'VTPREL',
      'MASSMNUC',
      'K-PAO',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), fc.constantFrom(', ', ' ', ',\n      ', '; '), (tags, sep) => {
        check(tags.join(sep));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects rows that lack a needed word, and lets the parse decide the rest', async () => {
    const f = parseFilter(['tag=PINS', 'text~shah']);
    const raw: string[] = [];
    for await (const rec of readCsvRecords(CSV)) if (!isCsvRowError(rec)) raw.push(`${rec.header}\n${rec.body}`);
    const passed = raw.filter((r) => rowMayMatch(r, f)).length;
    const selected = [];
    for await (const cable of readCsvCables(CSV, { filter: f })) selected.push(cable.id);
    expect(selected).toEqual(['73TEHRAN7005', '78TEHRAN389']);
    expect(passed).toBeGreaterThanOrEqual(selected.length);
    expect(passed).toBeLessThan(raw.length);
  });
});

describe('select', () => {
  it('prints ids, the rows in the release form (read back as the same cables), or JSON lines', async () => {
    const inputs = await discoverInputs([CSV]);
    const filter = parseFilter(['tag=PINS,PTER']);
    const selected = [];
    for await (const s of selectCables(inputs, { filter })) selected.push(s);
    expect(selected.map((s) => formatSelected(s, 'ids')).join('')).toBe('72TEHRAN5055\n73TEHRAN7005\n78TEHRAN389\n78KABUL3619\n');
    const line = JSON.parse(formatSelected(selected[0]!, 'jsonl'));
    expect(line).toEqual({
      input: `${CSV}:2`,
      id: '72TEHRAN5055',
      date: '1972-08-22T09:27:00Z',
      origin: 'TEHRAN',
      classification: 'UNCLASSIFIED',
      tags: ['IR', 'PTER'],
      subject: 'CONTINUING TERRORIST VIOLENCE',
    });

    // The CSV output is a cables.csv of its own: the same cables come out of it.
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-select-'));
    const file = join(dir, 'subset.csv');
    writeFileSync(file, selected.map((s) => formatSelected(s, 'csv')).join(''));
    const again = [];
    for await (const cable of readCsvCables(file)) again.push(cable);
    expect(again.map((c) => JSON.stringify({ ...c, repairs: c.repairs.length }))).toEqual(
      selected.map((s) => JSON.stringify({ ...s.cable, repairs: s.cable.repairs.length })),
    );
    // Every record written back reads as the same fields (quotes and backslashes escaped).
    for await (const rec of readCsvRecords(file)) {
      if (isCsvRowError(rec)) throw new Error(rec.error);
      expect(csvRecordLine(rec)).toBe(csvRecordLine(selected[rec.row - 1]!.record!));
    }
    expect(() => formatSelected({ input: 'a.txt', cable: selected[0]!.cable, record: null }, 'csv')).toThrow(/a\.txt is a file/);
  });

  it('reads id lists: one a line, or select --format jsonl lines', () => {
    expect(parseIdList('# PARM cables\n08OTTAWA372\n\n07OTTAWA117\tsome note\r\n{"input":"x","id":"08STATE125628"}\n')).toEqual([
      '08OTTAWA372',
      '07OTTAWA117',
      '08STATE125628',
    ]);
    const error = (() => {
      try {
        parseIdList('08OTTAWA372\n{broken', 'list.txt');
      } catch (err) {
        return (err as CableError).toLine();
      }
    })();
    expect(error).toBe('list.txt: line 2: not an id and not a JSON line');
  });

  it('the same filter selects the same cables in select, render and book', async () => {
    const args = ['samples', CSV, 'tests/fixtures/cables/06SEOUL2238.txt'];
    const inputs = await discoverInputs(args);
    for (const exprs of [['tag=PARM,PINS'], ['text~(canada|shah)', 'date>=1973'], ['tag=PREL', 'text~nato']]) {
      const filter = parseFilter(exprs);
      const viaSelect: string[] = [];
      for await (const s of selectCables(inputs, { filter })) viaSelect.push(s.cable.id);
      const out = mkdtempSync(join(tmpdir(), 'cablekit-select-render-'));
      await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, filter });
      const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
      const viaRender = m.cables.filter((e): e is ManifestOk => 'output' in e).map((e) => e.id);
      const viaBook = (await readBookInputs(args, { filter })).map((c) => c.id);
      expect(viaSelect.length, exprs.join(' ')).toBeGreaterThan(0);
      expect(viaSelect.length, exprs.join(' ')).toBeLessThan(m.summary.inputs);
      expect(viaRender, exprs.join(' ')).toEqual(viaSelect);
      expect([...viaBook].sort(), exprs.join(' ')).toEqual([...viaSelect].sort());
      expect(m.filter).toEqual(describeFilter(filter));
      expect(m.summary.filtered).toBe(m.summary.inputs - viaSelect.length);
    }
  });

  it('pipes into render --ids - and book --ids FILE from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-select-cli-'));
    const ids = execFileSync(process.execPath, [CLI, 'select', 'samples', CSV, '--filter', 'text~canada|shah', '--filter', 'date<=2008-03', '-q'], { encoding: 'utf8' });
    expect(ids.trim().split('\n')).toEqual(['07OTTAWA117', '08OTTAWA372', '72TEHRAN1164', '73TEHRAN7005', '75TEHRAN2069', '78TEHRAN389']);
    const render = spawnSync(process.execPath, [CLI, 'render', 'samples', CSV, '--format', 'text', '--out', join(dir, 'out'), '--ids', '-', '--jobs', '1'], { input: ids, encoding: 'utf8' });
    expect(render.status, render.stderr).toBe(0);
    expect(render.stderr).toMatch(/converted 6 of 6; 5 filtered out/);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.txt')).sort()).toEqual(ids.trim().split('\n').map((id) => `${id}.txt`).sort());
    // Kept to two cables: a book's fonts take a moment to embed.
    writeFileSync(join(dir, 'ids.txt'), '07OTTAWA117\n73TEHRAN7005\n');
    const book = spawnSync(process.execPath, [CLI, 'book', 'samples', CSV, '--ids', join(dir, 'ids.txt'), '--out', join(dir, 'book.docx'), '--sort', 'input'], { encoding: 'utf8' });
    expect(book.status, book.stderr).toBe(0);
    expect(book.stderr).toMatch(/book\.docx: 2 cables/);
    // --format csv is for CSV rows: a cable file is refused before anything is printed.
    const csv = spawnSync(process.execPath, [CLI, 'select', 'samples', '--format', 'csv'], { encoding: 'utf8' });
    expect(csv.status).toBe(1);
    expect(csv.stdout).toBe('');
    expect(csv.stderr.trim()).toMatch(/^cablekit: samples\/05OTTAWA1502\.txt: --format csv writes rows of the bulk CSV/);
  });
});
