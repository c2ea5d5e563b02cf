import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  csvDateToIso,
  csvRecordToCable,
  isCsvRowError,
  readCsvRecords,
  type CsvCableRecord,
  type CsvRowError,
} from '../src/readers/csv/read.js';
import { matchesFilter, parseFilter, levelOf } from '../src/select/filter.js';
import { readCsvCables, recordMayMatch } from '../src/select/csv.js';
import { CableError } from '../src/errors.js';

const SAMPLE = 'tests/fixtures/cables/cables-sample.csv';
const SAMPLE_IDS = ['72TEHRAN1164', '72TEHRAN5055', '73TEHRAN7005', '75TEHRAN2069', '78TEHRAN389', '78KABUL3619'];

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function records(path: string, filter?: ReturnType<typeof parseFilter>): Promise<CsvCableRecord[]> {
  const all = await collect(readCsvRecords(path, { accept: (rec) => recordMayMatch(rec, filter) }));
  return all.filter((r): r is CsvCableRecord => !isCsvRowError(r));
}

describe('the bulk CSV release', () => {
  it('streams one record per quoted row, fields spanning many lines', async () => {
    const recs = await records(SAMPLE);
    expect(recs.map((r) => r.id)).toEqual(SAMPLE_IDS);
    expect(recs.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(recs[0]!.source).toBe(`${SAMPLE}:1`);
    expect(recs[0]!.origin).toBe('Embassy Tehran');
    expect(recs[0]!.classification).toBe('UNCLASSIFIED');
    expect(recs[0]!.references).toEqual(['72MOSCOW1603', '72TEHRAN1091', '72TEHRAN263']);
    expect(recs[0]!.header.split(/\r?\n/).slice(0, 2)).toEqual(['R 250930Z FEB 72 ', 'FM AMEMBASSY TEHRAN']);
    expect(recs[0]!.body.startsWith('UNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164')).toBe(true);
    expect(recs[3]!.classification).toBe('CONFIDENTIAL');
  });

  it('reads backslash-escaped quotes: \\\' and \\"', async () => {
    const recs = await records(SAMPLE);
    expect(recs[0]!.body).toContain("REQUEST REFLECTS SHAH'S INCREASING CONCERN");
    expect(recs[0]!.body).not.toContain("\\'");
    expect(recs[5]!.body).toMatch(/LIKES TO BE CALLED "MR\. PRESIDENT,"/);
    expect(recs[1]!.body).toContain('"A CHILD COULD HIT A MAN FROM');
    for (const r of recs) expect(r.body).not.toMatch(/\\["']/);
  });

  it('reads the creation date as ISO 8601 UTC', async () => {
    expect(csvDateToIso('2/25/1972 9:30')).toBe('1972-02-25T09:30:00Z');
    expect(csvDateToIso('10/2/1973 14:00')).toBe('1973-10-02T14:00:00Z');
    expect(csvDateToIso('2008-10-30 12:12')).toBe('2008-10-30T12:12:00Z');
    expect(csvDateToIso('2/30/1972 9:30')).toBeNull();
    expect(csvDateToIso('yesterday')).toBeNull();
    const recs = await records(SAMPLE);
    expect(recs[0]!.date).toBe('1972-02-25T09:30:00Z');
  });

  it('parses each row into a Cable with the row id', async () => {
    const cables = await collect(readCsvCables(SAMPLE));
    expect(cables.map((c) => c.id)).toEqual(SAMPLE_IDS);
    expect(cables.every((c) => c.shape === 'csv-row')).toBe(true);
    expect(cables[0]!.subject).toContain('ACCELERATION OF F-4ES FOR IRAN');
    expect(cables[3]!.classification.level).toBe('CONFIDENTIAL');
  });

  it('reports a broken row and goes on with the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-csv-'));
    const path = join(dir, 'cables.csv');
    writeFileSync(
      path,
      [
        '"1","2/25/1972 9:30","72TEHRAN1164","Embassy Tehran","UNCLASSIFIED","","R 250930Z FEB 72\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 7561\n","UNCLASSIFIED TEHRAN 1164\n\nSUBJECT: A TEST\n\n1. THE SHAH\\\'S TEXT.\n"',
        '"2","only","three"',
        '"3","3/4/1975 11:25","75TEHRAN2069","Embassy Tehran","CONFIDENTIAL","","R 041125Z MAR 75\nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 475\n","CONFIDENTIAL TEHRAN 2069\n\nSUBJECT: ANOTHER\n\n1. (C) SOME \\"QUOTED\\" TEXT.\n"',
        '',
      ].join('\n'),
    );
    const all = await collect(readCsvRecords(path));
    expect(all).toHaveLength(3);
    expect(isCsvRowError(all[1]!)).toBe(true);
    expect((all[1] as CsvRowError).source).toBe(`${path}:2`);
    expect((all[1] as CsvRowError).error).toMatch(/3 columns, expected 8/);
    expect((all[2] as CsvCableRecord).body).toContain('SOME "QUOTED" TEXT.');

    const errors: string[] = [];
    const ids: string[] = [];
    for await (const c of readCsvCables(path, { onError: (e) => errors.push(e.toLine()) })) ids.push(c.id);
    expect(ids).toEqual(['72TEHRAN1164', '75TEHRAN2069']);
    expect(errors).toEqual([`${path}:2: row has 3 columns, expected 8`]);
    await expect(collect(readCsvCables(path))).rejects.toBeInstanceOf(CableError);
  });

  it('names the file when it does not exist', async () => {
    const err = await collect(readCsvRecords('no/such/cables.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CableError);
    expect((err as CableError).toLine()).toBe('no/such/cables.csv: no such file');
  });

  it('parses a row with its source name for messages', async () => {
    const [rec] = await records(SAMPLE);
    const cable = csvRecordToCable(rec!);
    expect(cable.id).toBe('72TEHRAN1164');
    expect(cable.date).toBe('1972-02-25T09:30:00Z');
  });
});

describe('--filter', () => {
  it('selects rows by id glob or regex', async () => {
    expect((await records(SAMPLE, parseFilter(['id=72*']))).map((r) => r.id)).toEqual(['72TEHRAN1164', '72TEHRAN5055']);
    expect((await records(SAMPLE, parseFilter(['/KABUL/']))).map((r) => r.id)).toEqual(['78KABUL3619']);
    expect((await records(SAMPLE, parseFilter(['id=*tehran7005']))).map((r) => r.id)).toEqual(['73TEHRAN7005']);
  });

  it('selects rows by origin, date range and classification', async () => {
    expect((await records(SAMPLE, parseFilter(['origin=KABUL']))).map((r) => r.id)).toEqual(['78KABUL3619']);
    expect((await records(SAMPLE, parseFilter(['origin=Embassy Kabul']))).map((r) => r.id)).toEqual(['78KABUL3619']);
    expect((await records(SAMPLE, parseFilter([], { from: '1975', to: '1978-01' }))).map((r) => r.id)).toEqual([
      '75TEHRAN2069',
      '78TEHRAN389',
    ]);
    expect((await records(SAMPLE, parseFilter(['date>=1978-05-06']))).map((r) => r.id)).toEqual(['78KABUL3619']);
    expect((await records(SAMPLE, parseFilter(['classification=CONFIDENTIAL', 'origin=TEHRAN']))).map((r) => r.id)).toEqual([
      '75TEHRAN2069',
      '78TEHRAN389',
    ]);
    expect((await records(SAMPLE, parseFilter(['classification>=SECRET'])))).toEqual([]);
  });

  it('applies to a parsed cable too', () => {
    const f = parseFilter(['origin=OTTAWA', 'date=2008-03']);
    expect(matchesFilter({ id: '08OTTAWA372', origin: 'OTTAWA', date: '2008-03-14T14:23:00Z', classification: 'CONFIDENTIAL' }, f)).toBe(true);
    expect(matchesFilter({ id: '08OTTAWA372', origin: 'OTTAWA', date: '2008-04-01T00:00:00Z', classification: null }, f)).toBe(false);
    expect(matchesFilter({ id: '08STATE1', origin: 'STATE', date: '2008-03-14T00:00:00Z', classification: null }, f)).toBe(false);
    expect(matchesFilter({ id: '08OTTAWA372', origin: null, date: null, classification: null }, f)).toBe(false);
  });

  it('reads classification spellings and rejects bad expressions', () => {
    expect(levelOf('SECRET//NOFORN')).toBe('SECRET');
    expect(levelOf('UNCLASSIFIED//FOR OFFICIAL USE ONLY')).toBe('SENSITIVE BUT UNCLASSIFIED');
    expect(levelOf('C O N F I D E N T I A L')).toBe('CONFIDENTIAL');
    expect(() => parseFilter(['classification=PUBLIC'])).toThrow(/unknown classification/);
    expect(() => parseFilter(['date>=last week'])).toThrow(/bad from date/);
    expect(() => parseFilter(['id=/([/'])).toThrow(/bad id regex/);
  });
});
