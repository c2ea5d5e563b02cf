/**
 * The clean text of a cable: routing lines, classification line, caveat and handling lines,
 * the header fields, then `1. (C) …` paragraphs with headings underlined, bullets as `-- `,
 * the signature and the footer. Parsing this text again gives the same model.
 */
import type { Cable, Paragraph } from '../model/cable.js';
import { readDateLine } from '../parse/routing.js';

const PARTIAL_NOTICE = 'This record is a partial extract of the original cable. The full text of the original cable is not available.';

export function classificationLine(cable: Cable): string {
  const c = cable.classification;
  let word: string;
  if (c.caveats.includes('LIMITED OFFICIAL USE')) word = 'LIMITED OFFICIAL USE';
  else if (c.level === 'SENSITIVE BUT UNCLASSIFIED') word = 'UNCLASSIFIED SENSITIVE';
  else word = c.level;
  const parts = [word];
  if (cable.section) parts.push(`SECTION ${String(cable.section.index).padStart(2, '0')} OF ${String(cable.section.total).padStart(2, '0')}`);
  if (cable.origin && cable.number !== null) parts.push(`${cable.origin} ${String(cable.number).padStart(6, '0')}`);
  return parts.join(' ');
}

export function eoLine(cable: Cable): string | null {
  if (cable.eoLine) return cable.eoLine;
  if (!cable.eo) return null;
  if (!cable.declassify) return `E.O. ${cable.eo}`;
  const [y, m, d] = cable.declassify.split('-');
  return `E.O. ${cable.eo}: DECL: ${m}/${d}/${y}`;
}

export function classifiedByLine(cable: Cable): string | null {
  if (!cable.classifiedBy && !cable.reasons.length) return null;
  const by = cable.classifiedBy ?? '';
  const reasons = cable.reasons.length ? ` Reasons: ${cable.reasons.join(', ')}.` : '';
  return `Classified By: ${by}${by && reasons ? '.' : ''}${reasons}`.trim();
}

export function markingText(p: { marking: Paragraph['marking'] }): string {
  return p.marking ? `(${p.marking.raw}) ` : '';
}

export function formatText(cable: Cable): string {
  const blocks: string[][] = [];
  const dateNotes = cable.notes.filter((n) => readDateLine(n));
  const otherNotes = cable.notes.filter((n) => !readDateLine(n));
  if (cable.routing.length) blocks.push([...cable.routing]);
  if (cable.partial) blocks.push([PARTIAL_NOTICE]);
  blocks.push([...dateNotes, classificationLine(cable)]);
  const caveatLines = cable.classification.caveats.filter((c) => c !== 'LIMITED OFFICIAL USE');
  const handling = [...caveatLines, ...otherNotes, ...cable.handling];
  if (cable.classification.level === 'SENSITIVE BUT UNCLASSIFIED' && !cable.classification.caveats.includes('LIMITED OFFICIAL USE')) {
    // The level is on the classification line already (UNCLASSIFIED SENSITIVE).
  }
  if (handling.length) blocks.push(handling);
  const fields: string[] = [];
  const eo = eoLine(cable);
  if (eo) fields.push(eo);
  if (cable.tags.length) fields.push(`TAGS: ${cable.tags.join(', ')}`);
  if (cable.subject) fields.push(`SUBJECT: ${cable.subjectMarking ? `(${cable.subjectMarking.raw}) ` : ''}${cable.subject}`);
  if (fields.length) blocks.push(fields);
  if (cable.references.length) {
    // A reference without a label after the first continues its line after `; ` (how it is read back).
    const refs: string[] = [];
    for (const r of cable.references) {
      if (refs.length && !r.label) refs[refs.length - 1] += `; ${r.text}`;
      else refs.push(`${refs.length ? '' : 'REF: '}${r.label ? `${r.label}. ` : ''}${r.text}`);
    }
    blocks.push(refs);
  }
  const cb = classifiedByLine(cable);
  if (cb) blocks.push([cb]);
  if (cable.redaction) blocks.push([`[${cable.redaction.notice}]`]);
  for (const p of cable.paragraphs) {
    if (p.heading !== null) blocks.push([p.heading, '-'.repeat(Math.min(Math.max(p.heading.length, 3), 70))]);
    if (p.withheld) {
      blocks.push([`${p.number !== null ? `${p.number}. ` : ''}[Paragraph withheld — ${p.withheld.level}]`]);
      continue;
    }
    const first = `${p.number !== null ? `${p.number}. ` : ''}${markingText(p)}${p.text}`;
    const sub = first.split('\n\n');
    const bullets = p.bullets.map((b) => `-- ${b.text}`);
    if (p.number === null && !p.marking && p.text === '' && !bullets.length) continue;
    for (let i = 0; i < sub.length - 1; i++) blocks.push(sub[i]!.split('\n'));
    const last = sub[sub.length - 1]!;
    blocks.push([...(last.trim() === '' ? [] : last.split('\n')), ...bullets]);
  }
  if (cable.signature) blocks.push([cable.signature]);
  if (cable.footer.length) blocks.push([...cable.footer]);
  return blocks.filter((b) => b.length).map((b) => b.join('\n')).join('\n\n') + '\n';
}
