/** Redaction as a transform, the level filter, the audit log and the fail-closed verifier. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import {
  auditCable,
  auditProbes,
  auditLog,
  convertCable,
  findLeaks,
  parseRedactCategories,
  LeakError,
  redactCable,
  verifyWrittenFile,
  type Cable,
  type Writer,
} from '../src/index.js';
import { makeCable } from './support/make-cable.js';

const VALUES = ['202-663-0104', 'katherine.baker@state.gov', 'http://www.intelink.gov/communities/state/canada'];
const CONTACTS = ['email', 'phone', 'fax', 'url'] as const;

function everyString(cable: Cable): string {
  return JSON.stringify(cable);
}

describe('apply step', () => {
  it('replaces every contact by a fixed-length box and marks it', () => {
    const { cable, report } = redactCable(makeCable(), { categories: [...CONTACTS] });
    for (const v of VALUES) expect(everyString(cable)).not.toContain(v);
    const p = cable.paragraphs[1]!;
    expect(p.text).toBe('For more information please contact Katherine Baker (████████) or ████████.');
    expect(p.marks).toEqual([
      { kind: 'redaction', start: 53, end: 61, category: 'phone' },
      { kind: 'redaction', start: 66, end: 74, category: 'email' },
    ]);
    for (const m of p.marks!) expect(p.text.slice(m.start, m.end)).toBe('████████');
    expect(cable.footer).toEqual(["Visit Canada's Economy and Environment Forum at ████████"]);
    expect(report.counts).toEqual({ phone: 1, email: 1, url: 1 });
    expect(cable.redaction?.notice).toMatch(/^Redacted version — removed: email addresses, phone numbers/);
  });

  it('label style names the category; the length does not depend on the value', () => {
    const short = makeCable({ footer: ['call 555-1234 x'], paragraphs: [] });
    const { cable } = redactCable(makeCable(), { categories: [...CONTACTS], style: 'label' });
    expect(cable.paragraphs[1]!.text).toContain('([REDACTED PHONE]) or [REDACTED EMAIL].');
    const a = redactCable(makeCable({ footer: ['Phone: (613) 995-9282'] }), { categories: ['phone'] }).cable.footer[0];
    const b = redactCable(makeCable({ footer: ['Phone: +1 613 995 9282 ext. 12345'] }), { categories: ['phone'] }).cable.footer[0];
    expect(a).toBe(b);
    expect(short).toBeDefined();
  });

  it('moves publisher-redaction marks with the text and covers bullets, subject, references, notes', () => {
    const base = makeCable();
    const text = 'For more information please contact Katherine Baker (202-663-0104) or katherine.baker@state.gov XXXXXXXX.';
    base.paragraphs[1]!.text = text;
    base.paragraphs[1]!.marks = [{ kind: 'publisher-redaction', start: text.indexOf('X'), end: text.indexOf('X') + 8 }];
    base.paragraphs[1]!.bullets = [{ text: 'Fax: (613) 944-2501' }];
    base.subject = 'CALL 613.995.9282';
    base.references = [{ label: 'A', text: 'E-MAIL SMITHJ@STATE.GOV MARCH 7', id: null }];
    base.notes = ['see www.state.sgov.gov/p/wha/', 'ottawa'];
    base.repairs = [{ kind: 'hyphen', line: 3, before: '(202-663-\n0104)', after: '(202-663-0104)' }];
    base.warnings = [{ kind: 'garble', line: 4, message: 'repeated text near katherine.baker@state.gov' }];
    const { cable, report } = redactCable(base, { categories: [...CONTACTS] });
    const p = cable.paragraphs[1]!;
    const pub = p.marks!.find((m) => m.kind === 'publisher-redaction')!;
    expect(p.text.slice(pub.start, pub.end)).toBe('XXXXXXXX');
    expect(p.bullets[0]).toEqual({ text: 'Fax: ████████', marks: [{ kind: 'redaction', start: 5, end: 13, category: 'fax' }] });
    expect(cable.subject).toBe('CALL ████████');
    expect(cable.references[0]!.text).toBe('E-MAIL ████████ MARCH 7');
    const all = everyString(cable);
    for (const v of ['9282', '944-2501', 'SMITHJ', '0104', 'katherine.baker@']) expect(all).not.toContain(v);
    expect(report.scrubbed).toEqual({ repairs: 1, warnings: 1 });
  });
});

describe('level filter', () => {
  it('withholds paragraphs above the level; the unmarked subject takes the cable level; the banner is recomputed', () => {
    const { cable, report } = redactCable(makeCable(), { maxLevel: 'UNCLASSIFIED' });
    expect(cable.paragraphs[0]).toMatchObject({ number: 1, text: '', bullets: [], withheld: { level: 'CONFIDENTIAL' } });
    expect(cable.paragraphs[1]!.text).toContain('Katherine Baker');
    expect(cable.subject).toBe('[Subject withheld — CONFIDENTIAL]');
    expect(cable.classification).toEqual({ level: 'UNCLASSIFIED', caveats: ['SIPDIS'] });
    expect(cable.redaction).toMatchObject({ maxLevel: 'UNCLASSIFIED', originalLevel: 'CONFIDENTIAL', withheld: 2 });
    expect(everyString(cable)).not.toContain('worrisome');
    expect(report.withheld.map((w) => w.field)).toEqual(['paragraph', 'subject']);
  });

  it('unmarked paragraphs take the overall level (fail safe); at or above the cable level nothing changes', () => {
    const base = makeCable();
    base.paragraphs[1]!.marking = null;
    const low = redactCable(base, { maxLevel: 'SENSITIVE BUT UNCLASSIFIED' }).cable;
    expect(low.paragraphs.every((p) => p.withheld)).toBe(true);
    const same = redactCable(base, { maxLevel: 'CONFIDENTIAL' }).cable;
    expect(same.paragraphs.some((p) => p.withheld)).toBe(false);
    expect(same.classification.level).toBe('CONFIDENTIAL');
  });

  it('a marked subject below the level is kept', () => {
    const base = makeCable({ subjectMarking: { raw: 'U', level: 'UNCLASSIFIED', caveats: [] } });
    expect(redactCable(base, { maxLevel: 'UNCLASSIFIED' }).cable.subject).toBe(base.subject);
  });
});

describe('audit log', () => {
  it('holds places, categories and hashes, never a value', () => {
    const { report } = redactCable(makeCable(), { categories: [...CONTACTS], maxLevel: 'UNCLASSIFIED' });
    const entry = auditCable('08OTTAWA372', report, { categories: [...CONTACTS], style: 'box', maxLevel: 'UNCLASSIFIED' });
    const json = JSON.stringify(auditLog([entry]));
    for (const v of VALUES) expect(json).not.toContain(v);
    expect(json).not.toContain('worrisome');
    const phone = entry.redactions.find((r) => r.category === 'phone')!;
    expect(phone).toMatchObject({ field: 'paragraph', paragraph: 2, index: 1, offset: 53, length: 12 });
    expect(phone.sha256).toBe(createHash('sha256').update('202-663-0104').digest('hex'));
    expect(entry.withheld.map((w) => [w.field, w.paragraph, w.level])).toEqual([
      ['paragraph', 1, 'CONFIDENTIAL'],
      ['subject', null, 'CONFIDENTIAL'],
    ]);
    expect(auditLog([entry]).counts).toEqual({ phone: 1, email: 1, url: 1 });
  });
});

/** A PDF with the given Info title, compressed, as a careless writer might make. */
function pdfWithTitle(title: string, body: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ info: { Title: title }, compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(body);
    doc.end();
  });
}

function docxWith(parts: Record<string, string>): Buffer {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>Call ████████</w:t></w:r></w:p></w:body></w:document>'),
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return Buffer.from(zipSync(files, { level: 6 }));
}

describe('verifier: deliberately broken writers are caught', () => {
  const cable = makeCable();

  it('a PDF writer that puts the phone number in the document info', async () => {
    const leaky: Writer = async (c) => ({ data: await pdfWithTitle('Baker 202-663-0104', c.paragraphs[1]!.text) });
    const err = await convertCable(cable, { format: 'pdf', redact: parseRedactCategories('contacts') }, { writer: leaky }).catch((e) => e);
    expect(err).toBeInstanceOf(LeakError);
    expect(err.message).toMatch(/phone in pdf objects/);
    expect(err.message).not.toContain('663');
  });

  it('a PDF writer that draws a withheld paragraph', async () => {
    const leaky: Writer = async () => ({ data: await pdfWithTitle('ok', makeCable().paragraphs[0]!.text) });
    const err = await convertCable(cable, { format: 'pdf', maxLevel: 'UNCLASSIFIED' }, { writer: leaky }).catch((e) => e);
    expect(err).toBeInstanceOf(LeakError);
    expect(err.message).toMatch(/withheld in pdf text layer/);
  });

  it('a PDF writer that keeps the value in an outline title or a mailto: link annotation', async () => {
    const make = (draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> =>
      new Promise((resolve) => {
        const doc = new PDFDocument({ compress: true });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.text('Call ████████');
        draw(doc);
        doc.end();
      });
    const outline: Writer = async () => ({ data: await make((doc) => doc.outline.addItem('Baker 202-663-0104')) });
    const link: Writer = async () => ({ data: await make((doc) => doc.link(72, 72, 100, 20, 'mailto:katherine.baker@state.gov')) });
    const a = await convertCable(cable, { format: 'pdf', redact: parseRedactCategories('contacts') }, { writer: outline }).catch((e) => e);
    expect(a).toBeInstanceOf(LeakError);
    expect(a.message).toMatch(/phone in pdf objects/);
    const b = await convertCable(cable, { format: 'pdf', redact: parseRedactCategories('contacts') }, { writer: link }).catch((e) => e);
    expect(b).toBeInstanceOf(LeakError);
    expect(b.message).toMatch(/email in pdf objects/);
  });

  it('a PDF/A writer whose XMP metadata repeats the title', async () => {
    const data = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ subset: 'PDF/A-1b', pdfVersion: '1.4', info: { Title: 'Baker 202-663-0104' } });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.font('fonts/SourceSerif4-Regular.ttf').text('Call ████████');
      doc.end();
    });
    expect(data.toString('latin1')).toContain('xmpmeta');
    const { report } = redactCable(cable, { categories: [...CONTACTS] });
    const parts = (await findLeaks(data, 'pdf', report.probes)).filter((l) => l.category === 'phone').map((l) => l.part);
    expect(parts).toEqual(expect.arrayContaining(['pdf streams', 'pdf objects']));
  });

  it('a DOCX writer that puts the email in a header, or keeps a mailto: link target', async () => {
    const inHeader: Writer = async () => ({
      data: docxWith({ 'word/header1.xml': '<w:hdr><w:p><w:r><w:t>katherine.</w:t></w:r><w:r><w:t>baker@state.gov</w:t></w:r></w:p></w:hdr>' }),
    });
    const inRels: Writer = async () => ({
      data: docxWith({
        'word/_rels/document.xml.rels': '<Relationships><Relationship Id="rId9" Type="hyperlink" Target="mailto:katherine.baker@state.gov" TargetMode="External"/></Relationships>',
      }),
    });
    const a = await convertCable(cable, { format: 'docx', redact: parseRedactCategories('contacts') }, { writer: inHeader }).catch((e) => e);
    expect(a).toBeInstanceOf(LeakError);
    expect(a.message).toMatch(/email in docx word\/header1\.xml/);
    const b = await convertCable(cable, { format: 'docx', redact: parseRedactCategories('contacts') }, { writer: inRels }).catch((e) => e);
    expect(b.message).toMatch(/email in docx word\/_rels\/document\.xml\.rels attributes/);
  });

  it('a writer that hyphenates and upper-cases a value across lines', async () => {
    const leaky: Writer = async () => ({ data: Buffer.from('CALL 202-663-\n0104 OR KATHERINE.BAKER@\nSTATE.GOV\n') });
    const err = await convertCable(cable, { format: 'json', redact: parseRedactCategories('contacts') }, { writer: leaky }).catch((e) => e);
    expect(err.message).toMatch(/phone/);
    expect(err.message).toMatch(/email/);
  });

  it('the same leaks are found from the audit log alone (hashes), and a leaking file is deleted', async () => {
    const { report } = redactCable(cable, { categories: [...CONTACTS] });
    const probes = auditProbes(auditLog([auditCable(cable.id, report, { categories: [...CONTACTS], style: 'box' })]));
    expect(probes.every((p) => p.plain === undefined)).toBe(true);
    const data = await pdfWithTitle('x', 'Reach Katherine at 202-663-0104 or http://www.intelink.gov/communities/state/canada');
    const leaks = await findLeaks(data, 'pdf', probes);
    expect([...new Set(leaks.map((l) => l.category))].sort()).toEqual(['phone', 'url']);
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-redact-'));
    const file = join(dir, 'leak.pdf');
    writeFileSync(file, data);
    await expect(verifyWrittenFile(file, 'pdf', probes)).rejects.toBeInstanceOf(LeakError);
    expect(existsSync(file)).toBe(false);
  });

  it('a clean output passes', async () => {
    const clean: Writer = async (c) => ({ data: await pdfWithTitle(c.subject ?? '', c.paragraphs.map((p) => p.text).join('\n')) });
    const result = await convertCable(cable, { format: 'pdf', redact: parseRedactCategories('contacts'), maxLevel: 'UNCLASSIFIED' }, { writer: clean });
    expect(result.audit?.counts).toEqual({ phone: 1, email: 1, url: 1 });
  });
});

describe('probes: the verifier finds by hash what it would find by value', () => {
  it('for any text and any window of it, with and without the rolling hash', async () => {
    const fc = await import('fast-check');
    const { valueProbe, findProbes, publicProbe } = await import('../src/redact/fingerprint.js');
    fc.assert(
      fc.property(fc.string({ minLength: 5, maxLength: 120 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length;
        const value = text.slice(start, start + 5 + (b % 30));
        const probe = valueProbe('phone', value);
        if (!probe) return true;
        const hashed = publicProbe(probe);
        const { rolling: _r, ...noRolling } = hashed;
        const haystack = `xx ${text.toUpperCase()} yy`;
        expect(findProbes(haystack, [probe])).toHaveLength(1);
        expect(findProbes(haystack, [hashed])).toHaveLength(1);
        expect(findProbes(haystack, [noRolling])).toHaveLength(1);
        return true;
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('many cables in one output (books)', () => {
  it('redactCables redacts each cable and verifies the joined output against all of them', async () => {
    const { redactCables, publicOptionValue } = await import('../src/index.js');
    const a = makeCable();
    const b = makeCable({ id: '07OTTAWA117', footer: ['Phone: (613) 995-9282'], paragraphs: [] });
    const set = redactCables([a, b], { redact: parseRedactCategories('contacts') });
    expect(set.cables.map((c) => c.footer.join(' '))).toEqual(["Visit Canada's Economy and Environment Forum at ████████", 'Phone: ████████']);
    expect(set.audit.map((e) => e.id)).toEqual(['08OTTAWA372', '07OTTAWA117']);
    await expect(set.verify(Buffer.from(JSON.stringify(set.cables)), 'json')).resolves.toBeUndefined();
    await expect(set.verify(Buffer.from('chapter 2: call 613 995 9282'), 'text')).rejects.toThrow(/phone in text/);
    const untouched = redactCables([a], {});
    expect(untouched.cables[0]).toBe(a);
    expect(publicOptionValue('redactTerms', ['Earl Turcotte'])).toMatchObject({ count: 1 });
    expect(JSON.stringify(publicOptionValue('redactTerms', ['Earl Turcotte']))).not.toContain('Turcotte');
  });
});
