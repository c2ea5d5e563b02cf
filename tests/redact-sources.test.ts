/**
 * Protected sources (`--redact sources`): the drafter's markers, the person each marks, every
 * mention of that person in every field and output, and what is left to a reviewer. The made-up
 * cables in tests/fixtures/redaction/made-up hold each form: 09VILNIUS902 a marker split over lines
 * after a title, mentions before it (the subject in capitals, the summary), a possessive, `Dr.`, a
 * dash, a comma-description, a name split over a line; 09RIGA903 a surname two people share, a
 * description with no name, a pronoun and a role.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseRedactCategories } from '../src/redact/categories.js';
import { buildPlan, checkAgainstAudit, auditLog, convertCable, LeakError, makeBook, parsePlan, redactCable, serializePlan, type Cable, type RedactionPlan, type Writer } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { findSourceMarkers } from '../src/redact/detect/source-markers.js';
import { findProtectedSources } from '../src/redact/detect/sources.js';
import { nameId, SourceLeakError } from '../src/redact/verify/sources.js';
import { formatCable } from '../src/writers/format.js';

const VILNIUS = 'tests/fixtures/redaction/made-up/09VILNIUS902.txt';
const RIGA = 'tests/fixtures/redaction/made-up/09RIGA903.txt';
const dir = mkdtempSync(join(tmpdir(), 'cablekit-sources-'));

/** The names' words as a reader of any output sees them: lower case, one space apart. */
function words(text: string): string {
  return ` ${(text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
}

async function readBack(cable: Cable, format: 'text' | 'pdf' | 'docx' | 'json', options: object): Promise<string> {
  const out = await convertCable(cable, { format, ...options });
  if (format === 'pdf') {
    const file = join(dir, `${cable.id}.pdf`);
    writeFileSync(file, out.data);
    return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-']).toString('utf8');
  }
  if (format === 'docx') {
    return Object.entries(unzipSync(new Uint8Array(out.data)))
      .filter(([n]) => /\.xml$/.test(n))
      .map(([, b]) => strFromU8(b).replace(/<[^>]*>/g, ''))
      .join('\n');
  }
  return out.data.toString('utf8');
}

describe('the drafter’s marker', () => {
  const texts = (t: string) => findSourceMarkers(t).map((m) => m.text);
  it('in every wording and case, in brackets, split over a line', () => {
    expect(texts('Khanzada (protect) said')).toEqual(['(protect)']);
    expect(texts('Freer (strictly protect) Head')).toEqual(['(strictly protect)']);
    expect(texts('Postl (please protect) debriefed; Ricard (strictly\nprotect throughout) told')).toEqual(['(please protect)', '(strictly protect throughout)']);
    expect(texts('Smith (strictly protect throughout,) and Jones (strictly protect - see reftels)')).toEqual(['(strictly protect throughout,)', '(strictly protect - see reftels)']);
    expect(texts('He noted (again, please protect) that; X (PROTECT); Y (Please\nprotect); Z [protect]')).toEqual(['(again, please protect)', '(PROTECT)', '(Please protect)', '[protect]']);
  });
  it('not "protect" in prose', () => {
    expect(texts('(to protect civilians) (protect the border) the Presidential Protection Unit (protectionism) a protected area (protects)')).toEqual([]);
  });
});

describe('the person a marker marks, and every mention', () => {
  it('09VILNIUS902: the name right before it with its title, across lines, possessive, Dr., a dash, a comma-description', async () => {
    const found = findProtectedSources(await readCableFile(VILNIUS));
    const people = found.people.filter((p) => !p.candidate);
    expect(people.map((p) => [p.name, p.role])).toEqual([
      ['Ilona Varga', 'Deputy Energy Minister'],
      ['Tomas Brevik', 'Dr'],
      ['Luigi Marchetti', 'Polish Ambassador'],
      ['Mihai Popescu', ''],
      ['Jan Novak', ''],
    ]);
    const varga = people[0]!;
    // before the marker too: the subject (in capitals) and the summary; a heading; a name split over a line (the reader joins the lines)
    expect(varga.mentions.map((m) => [m.field, m.value])).toEqual([
      ['subject', 'VARGA'],
      ['summary', 'Deputy Energy Minister Ilona Varga'],
      ['paragraph', 'Deputy Energy Minister Ilona Varga'],
      ['paragraph', 'Deputy Energy Minister Ilona Varga'],
      ['paragraph', 'Varga'],
      ['paragraph', 'Ms. Varga'],
      ['heading', 'VARGA'],
      ['paragraph', 'Varga'],
      ['paragraph', 'Ilona Varga'],
    ]);
    expect(people[1]!.mentions.map((m) => m.value)).toEqual(['Dr. Tomas Brevik', 'Brevik', 'BREVIK']);
    expect(people[3]!.mentions.map((m) => [m.field, m.value])).toEqual([
      ['paragraph', 'Mihai Popescu'],
      ['paragraph', 'Popescu'],
      ['bullet', 'Popescu'],
    ]);
    expect(people[4]!.review).toMatch(/description of the person after a comma/);
    expect(found.unresolved).toEqual([]);
  });

  it('09RIGA903: a shared surname is an entry of its own; a description, a pronoun and a role name no one, with candidates', async () => {
    const found = findProtectedSources(await readCableFile(RIGA));
    const karl = found.people.find((p) => p.name === 'Karl Berzins')!;
    expect(karl.others).toEqual(['Anna Berzins']);
    expect(karl.mentions.map((m) => m.value)).toEqual(['Karl Berzins']);
    expect(karl.ambiguous.map((m) => [m.paragraph, m.value])).toEqual([
      [2, 'Berzins'],
      [4, 'Berzins'],
    ]);
    expect(found.unresolved.map((u) => [u.value, u.description, u.candidates[0]])).toEqual([
      ['(please protect)', 'He noted', 'Karl Berzins'],
      ['(protect)', 'A contact in the MFA', 'Karl Berzins'],
      // the role the description names comes first
      ['(protect)', 'The Estonian Ambassador', 'Peeter Tamm'],
    ]);
    const tamm = found.people.find((p) => p.name === 'Peeter Tamm')!;
    expect(tamm.candidate).toBe(true);
  });

  it('a name split over a line in a field that keeps its lines (header notes) is one mention', async () => {
    const base = await readCableFile(VILNIUS);
    const { cable } = redactCable({ ...base, notes: ['Drafted after a talk with ILONA', 'VARGA and her staff'] }, { categories: ['source'] });
    // (a value over two lines leaves one line: the lines are joined, as for any redaction)
    expect(cable.notes).toEqual(['Drafted after a talk with ████████ and her staff']);
  });

  it('a lower-case word is not the name (Blunt, blunt)', async () => {
    const base = await readCableFile(VILNIUS);
    const cable: Cable = { ...base, paragraphs: [...base.paragraphs, { ...base.paragraphs[1]!, text: 'UK Ambassador Blunt (protect) gave a blunt answer. Blunt left.', number: 9, marks: [] }] };
    const blunt = findProtectedSources(cable).people.find((p) => p.name === 'Blunt')!;
    expect(blunt.mentions.map((m) => m.value)).toEqual(['UK Ambassador Blunt', 'Blunt']);
    const { cable: out } = redactCable(cable, { categories: ['source'] });
    expect(out.paragraphs.at(-1)!.text).toBe('████████ (protect) gave a blunt answer. ████████ left.');
  });
});

describe('--redact sources, every output', () => {
  const gone = ['ilona varga', 'varga', 'tomas brevik', 'brevik', 'luigi marchetti', 'marchetti', 'mihai popescu', 'popescu', 'jan novak', 'novak'];
  for (const format of ['text', 'json', 'pdf', 'docx'] as const) {
    it(`09VILNIUS902 as ${format}: no form of a marked name is left; the markers and unmarked people stay`, async () => {
      const cable = await readCableFile(VILNIUS);
      const plain = words(await readBack(cable, format, {}));
      for (const name of gone) expect(plain).toContain(` ${name} `);
      const back = words(await readBack(cable, format, { redact: parseRedactCategories('contacts,sources') }));
      for (const name of gone) expect(back, name).not.toContain(` ${name} `);
      expect(back).toContain(' strictly protect ');
      expect(back).toContain(' rasa petraitiene ');
    });
  }

  it('the marker stays after the mark, and the notice says what was removed', async () => {
    const out = formatCable(redactCable(await readCableFile(VILNIUS), { categories: ['source'] }).cable, 'text');
    expect(out).toContain('On May 22, ████████ (strictly protect) told PolOff');
    expect(out).toContain('SUBJECT: LITHUANIA: ████████ ON THE BALTIC ENERGY LINK');
    expect(out).toContain('Redacted version — removed: names of protected sources.');
  });

  it('a shared surname is redacted without a plan (fail safe) and the other person’s full name stays; a marker that names no one is a warning', async () => {
    const cable = await readCableFile(RIGA);
    const out = await convertCable(cable, { format: 'text', redact: parseRedactCategories('sources') });
    const text = out.data.toString('utf8');
    expect(text).not.toMatch(/Karl|Berzins (said|is right)/);
    expect(text).toContain('Finance Minister Anna Berzins');
    expect(text).toContain('Estonian Ambassador Peeter Tamm');
    expect(out.warnings.join('\n')).toMatch(/marker \(protect\) in paragraph 3 names no one \("A contact in the MFA"\)/);
  });
});

describe('a book of cables with markers', () => {
  for (const format of ['pdf', 'docx'] as const) {
    it(`as ${format}: no form of a marked name in its pages, contents, index or document properties`, async () => {
      const cables = [await readCableFile(VILNIUS), await readCableFile(RIGA)];
      const book = await makeBook(cables, { format, title: 'Baltic energy', index: 'tags', redaction: { redact: parseRedactCategories('contacts,sources') } });
      const back = words(format === 'pdf' ? await pdfBack(book.data) : docxBack(book.data));
      for (const name of ['varga', 'brevik', 'marchetti', 'popescu', 'novak', 'karl berzins']) expect(back, name).not.toContain(` ${name} `);
      expect(back).toContain(' anna berzins ');
      expect(book.audit.map((a) => a.counts.source)).toEqual([19, 3]);
    });
  }
});

async function pdfBack(data: Buffer): Promise<string> {
  const file = join(dir, 'book.pdf');
  writeFileSync(file, data);
  return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-']).toString('utf8') + execFileSync('pdfinfo', [file]).toString('utf8');
}

function docxBack(data: Buffer): string {
  return Object.entries(unzipSync(new Uint8Array(data)))
    .filter(([n]) => /\.xml$/.test(n))
    .map(([, b]) => strFromU8(b).replace(/<[^>]*>/g, ' '))
    .join('\n');
}

describe('each person is one decision in a plan', () => {
  async function plan(file: string): Promise<{ cable: Cable; plan: RedactionPlan }> {
    const cable = await readCableFile(file);
    return { cable, plan: parsePlan(serializePlan(buildPlan([cable], { redact: parseRedactCategories('contacts,sources') }))) };
  }

  it('one entry per person: every mention with its place, the forms with their ids, one action', async () => {
    const { plan: p } = await plan(VILNIUS);
    const sources = p.cables[0]!.sources!;
    expect(sources.map((s) => [s.person, s.category, s.action, s.mentions.length])).toEqual([
      ['Ilona Varga', 'source', 'redact', 9],
      ['Tomas Brevik', 'source', 'redact', 3],
      ['Luigi Marchetti', 'source', 'redact', 2],
      ['Mihai Popescu', 'source', 'redact', 3],
      ['Jan Novak', 'source', 'redact', 2],
    ]);
    expect(sources[0]!.forms).toEqual([
      { value: 'Ilona Varga', sha256: nameId('Ilona Varga') },
      { value: 'Varga', sha256: nameId('Varga') },
    ]);
    expect(sources[0]!.mentions[0]).toMatchObject({ field: 'subject', offset: 11, length: 5, value: 'VARGA', sha256: nameId('varga') });
    expect(sources[0]!.markers.map((m) => m.value)).toEqual(['(strictly protect)']);
  });

  it('render --plan applies it exactly: a person kept (with a reason) stays everywhere, the others go', async () => {
    const { cable, plan: p } = await plan(VILNIUS);
    const brevik = p.cables[0]!.sources!.find((s) => s.person === 'Tomas Brevik')!;
    brevik.action = 'keep';
    expect(() => parsePlan(serializePlan(p))).toThrow(/kept only with a "reason"/);
    brevik.reason = 'named in the press the same week';
    const out = await convertCable(cable, { format: 'text', plan: parsePlan(serializePlan(p)) });
    const text = out.data.toString('utf8');
    expect(text).toContain('Dr. Tomas Brevik (protect)');
    expect(text).not.toMatch(/Varga|VARGA|Popescu/);
    expect(out.audit!.plan!.kept.filter((k) => k.category === 'source')).toHaveLength(3);
  });

  it('09RIGA903: the shared surname, the marker that names no one and each candidate are entries; picking a candidate redacts it', async () => {
    const { cable, plan: p } = await plan(RIGA);
    const sources = p.cables[0]!.sources!;
    expect(sources.map((s) => [s.person, s.ambiguous ?? false, s.candidate ?? false, s.action])).toEqual([
      ['Karl Berzins', false, false, 'redact'],
      ['Karl Berzins', true, false, 'redact'],
      [null, false, false, 'keep'],
      [null, false, false, 'keep'],
      [null, false, false, 'keep'],
      ['Peeter Tamm', false, true, 'keep'],
      ['Anna Berzins', false, true, 'keep'],
    ]);
    expect(sources[2]!.candidates).toContain('Peeter Tamm');
    // the reviewer decides: the bare surname is Anna's in paragraph 4? keep it all; the ambassador is Peeter Tamm
    Object.assign(sources[1]!, { action: 'keep', reason: 'Berzins alone is the minister' });
    Object.assign(sources[5]!, { action: 'redact' });
    const text = (await convertCable(cable, { format: 'text', plan: parsePlan(serializePlan(p)) })).data.toString('utf8');
    expect(text).not.toMatch(/Karl|Tamm|Peeter/);
    expect(text).toContain('Berzins is right');
    expect(text).toContain('Finance Minister Anna Berzins');
  });
});

describe('the check fails closed, naming what the plan lists', () => {
  it('a mention the plan no longer lists is refused, by its place and the id of its form', async () => {
    const cable = await readCableFile(VILNIUS);
    const p = buildPlan([cable], { redact: parseRedactCategories('sources') });
    const varga = p.cables[0]!.sources![0]!;
    varga.mentions = varga.mentions.filter((m) => m.field !== 'heading');
    const err = await convertCable(cable, { format: 'text', plan: p }).catch((e) => e);
    expect(err).toBeInstanceOf(SourceLeakError);
    expect(err.message).toContain(`source (${nameId('Varga').slice(0, 12)}) in heading of paragraph 3`);
  });

  it('a writer that puts the name in the document (the outline, the info) is refused, the form named', async () => {
    const cable = await readCableFile(VILNIUS);
    const leaky: Writer = async (c) => ({ data: Buffer.from(`${formatCable(c, 'text')}\nAuthor: ILONA\nVARGA\n`) });
    const err = await convertCable(cable, { format: 'text', redact: parseRedactCategories('sources') }, { writer: leaky }).catch((e) => e);
    expect(err).toBeInstanceOf(LeakError);
    expect(err.message).toContain(`source (${nameId('Ilona Varga').slice(0, 12)})`);
  });

  it('cablekit verify finds a name again from the audit log alone (hashes, never the name)', async () => {
    const cable = await readCableFile(VILNIUS);
    const out = await convertCable(cable, { format: 'text', redact: parseRedactCategories('sources') });
    const log = auditLog([out.audit!]);
    expect(JSON.stringify(log)).not.toMatch(/varga/i);
    expect((await checkAgainstAudit(out.data, log)).leaks).toEqual([]);
    const tampered = Buffer.concat([out.data, Buffer.from('\nMs. Varga')]);
    expect([...new Set((await checkAgainstAudit(tampered, log)).leaks.map((l) => `${l.category} ${l.id}`))]).toEqual([`source ${nameId('Varga')}`]);
  });
});
