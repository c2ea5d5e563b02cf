import { describe, expect, it } from 'vitest';
import { layoutCable, runsFor, runsText } from '../src/writers/paged/layout.js';
import { bannerText } from '../src/model/banner.js';
import { formatMarkdown } from '../src/writers/format.js';
import { makeCable } from './support/make-cable.js';

describe('classification banner', () => {
  it('joins level and dissemination controls, leaving out SIPDIS', () => {
    expect(layoutCable(makeCable()).banner).toBe('CONFIDENTIAL//NOFORN');
    expect(bannerText({ level: 'SECRET', caveats: ['NOFORN', 'ORCON'] })).toBe('SECRET//NOFORN/ORCON');
  });
  it('spells out SBU', () => {
    expect(bannerText({ level: 'SENSITIVE BUT UNCLASSIFIED', caveats: ['SIPDIS'] })).toBe('SENSITIVE BUT UNCLASSIFIED');
  });
  it('is one banner in every output: the pages, Markdown and inspect all show it', () => {
    const cable = makeCable({ classification: { level: 'SECRET', caveats: ['NOFORN', 'SIPDIS', 'ORCON', 'NOFORN'] } });
    expect(bannerText(cable.classification)).toBe('SECRET//NOFORN/ORCON');
    expect(layoutCable(cable).banner).toBe('SECRET//NOFORN/ORCON');
    expect(formatMarkdown(cable)).toContain('**SECRET//NOFORN/ORCON**');
  });
});

describe('metadata rows', () => {
  it('lists the header fields in order with labels', () => {
    const doc = layoutCable(makeCable());
    expect(doc.metadata.map((r) => r.field)).toEqual([
      'id', 'date', 'origin', 'from', 'to', 'info', 'precedence', 'section', 'tags', 'subject', 'references', 'classifiedBy', 'declassify',
    ]);
    const get = (f: string) => doc.metadata.find((r) => r.field === f)!.value;
    expect(get('date')).toBe('2008-03-14 14:23Z');
    expect(get('tags')).toBe('PARM, PREL');
    expect(get('references')).toBe('A. STATE 24735\nB. E-MAIL BAKER-MATTEI MARCH 7');
    expect(get('classifiedBy')).toBe('PolMinCouns Scott Bellard; reasons 1.4(b), 1.4(d)');
    expect(doc.header).toBe('08OTTAWA372');
    expect(doc.info).toMatchObject({ title: makeCable().subject, subject: '08OTTAWA372', author: 'OTTAWA', keywords: 'PARM, PREL' });
    expect(doc.info.creationDate.toISOString()).toBe('2008-03-14T14:23:00.000Z');
  });
  it('drops empty rows and honours a template order', () => {
    const doc = layoutCable(makeCable({ references: [] }), { metadataFields: ['subject', 'id', 'references'], labels: { id: 'MRN' } });
    expect(doc.metadata.map((r) => r.label)).toEqual(['Subject', 'MRN']);
  });
});

describe('body blocks', () => {
  it('puts headings before their paragraph and bullets after it', () => {
    const doc = layoutCable(makeCable());
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph', 'bullet', 'signature', 'footer']);
    const p = doc.blocks[0]!;
    expect(p.kind === 'paragraph' && p.marking).toBe('(C/NF)');
    expect(p.kind === 'paragraph' && p.outline).toBe('1. Summary: Embassy discussions with Canadian officials March 11-12…');
  });
  it('replaces withheld paragraphs by a placeholder and drops their bullets', () => {
    const cable = makeCable();
    cable.paragraphs[1]!.withheld = { level: 'SECRET' };
    const doc = layoutCable(cable);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'withheld', 'signature', 'footer']);
    const w = doc.blocks[2]!;
    expect(w.kind === 'withheld' && w.text).toBe('2. [Paragraph withheld — SECRET]');
  });
});

describe('publisher redactions', () => {
  it('detects runs of five or more X as redaction marks', () => {
    const runs = runsFor('Contact XXXXXXXXXXXX said xxxxxx would go; EXXON stays.', undefined);
    expect(runs.map((r) => r.kind)).toEqual(['text', 'redaction', 'text', 'redaction', 'text']);
    expect(runsText(runs)).toBe('Contact [REDACTED] said [REDACTED] would go; EXXON stays.');
  });
  it('uses given marks and never carries the redacted text', () => {
    const text = 'Mail katherine.baker@state.gov now';
    const runs = runsFor(text, [{ kind: 'redaction', start: 5, end: 30, category: 'email' }]);
    expect(runsText(runs)).toBe('Mail [EMAIL REDACTED] now');
    expect(JSON.stringify(runs)).not.toContain('katherine');
  });
});

describe('cablekit box placeholders in unmarked fields', () => {
  it('turns a run of █ into a redaction run', () => {
    const runs = runsFor('SUBJECT FOR ████████ ONLY', undefined);
    expect(runs.map((r) => r.kind)).toEqual(['text', 'redaction', 'text']);
    expect(runs[1]).toMatchObject({ source: 'cablekit' });
  });
  it('takes the notice from the cable redaction info unless one is given', () => {
    const cable = { ...makeCable(), redaction: { notice: 'Redacted version — removed: phone numbers.' } } as never;
    expect(layoutCable(cable).notice).toBe('Redacted version — removed: phone numbers.');
    expect(layoutCable(cable, {}, { notice: 'Other.' }).notice).toBe('Other.');
  });
});

describe('heading-only paragraphs', () => {
  it('keep their heading but draw no empty paragraph', () => {
    const cable = makeCable();
    cable.paragraphs.splice(1, 0, { number: null, marking: null, text: '', bullets: [], heading: 'BACKGROUND', line: 32 });
    expect(layoutCable(cable).blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'heading', 'paragraph', 'bullet', 'signature', 'footer']);
  });
});
