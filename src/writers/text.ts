/**
 * The clean text of a cable: routing lines, classification line, caveat and handling lines,
 * the header fields, then `1. (C) …` paragraphs with headings underlined, bullets as `-- `,
 * the signature and the footer. Parsing this text again gives the same model.
 */
import type { Cable, Paragraph } from '../model/cable.js';
import { readDateLine } from '../model/calendar.js';
import { showSourceRedactions } from '../model/source-redactions.js';

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
  // `…Mills Jr.` keeps its own stop: no second one before the reasons
  return `Classified By: ${by}${by && reasons && !by.endsWith('.') ? '.' : ''}${reasons}`.trim();
}

export function markingText(p: { marking: Paragraph['marking'] }): string {
  return p.marking ? `(${p.marking.raw}) ` : '';
}

/**
 * Where a field of the model landed in the clean text: `field` names the model's field
 * (`paragraph`, `bullet`, `heading`, `subject`, `reference`, `tags`, `footer`, …), `index` its
 * place in its list (the paragraph's index in `cable.paragraphs` for paragraph, bullet, heading and
 * block), `bullet` the bullet's index. `start`/`end` are UTF-16 offsets into the text; a field's
 * own offsets map linearly (`start + offset`), since the writer prints every text field verbatim.
 * `block` spans a whole paragraph as printed: heading, number, marking, text and bullets (or the
 * withheld line).
 */
export interface TextPlace {
  field: string;
  index: number;
  bullet?: number;
  start: number;
  end: number;
}

export interface PlacedText {
  text: string;
  places: TextPlace[];
}

/** A place recorded while the blocks are built: block, line in the block, column in the line. */
interface Anchor {
  field: string;
  index: number;
  bullet?: number;
  block: number;
  line: number;
  col: number;
  length: number;
  /** For `block`: the last line of the span (the span ends at that line's end). */
  toLine?: number;
  toBlock?: number;
}

export function formatText(cable: Cable): string {
  return writeText(showSourceRedactions(cable), false).text;
}

/** The clean text and where each field of the model is in it (for a reviewer that highlights places). */
export function formatTextWithPlaces(cable: Cable): PlacedText {
  return writeText(showSourceRedactions(cable), true);
}

/** The text writer; `withPlaces` also records where each field lands (the plain writer skips that work). */
function writeText(cable: Cable, withPlaces: boolean): PlacedText {
  const out = new TextBlocks(withPlaces);
  writeHead(cable, out);
  cable.paragraphs.forEach((p, index) => writeParagraph(p, index, out));
  if (cable.signature) {
    out.at('signature', 0, 0, 0, cable.signature.length);
    out.push([cable.signature]);
  }
  if (cable.footer.length) {
    cable.footer.forEach((f, i) => out.at('footer', i, i, 0, f.length));
    out.push([...cable.footer]);
  }
  return withPlaces ? out.placed() : { text: out.flat(), places: [] };
}

/** The text's blocks of lines as they are written, and (with places) where each field landed in them. */
class TextBlocks {
  readonly blocks: string[][] = [];
  private readonly anchors: Anchor[] = [];

  constructor(readonly withPlaces: boolean) {}

  /** Records a field at (the next block to be pushed, line, col). */
  at(field: string, index: number, line: number, col: number, length: number, bullet?: number): void {
    if (this.withPlaces) this.anchors.push({ field, index, ...(bullet !== undefined ? { bullet } : {}), block: this.blocks.length, line, col, length });
  }

  /** Records a paragraph's `block` place: from block `first` to the end of the last block pushed. */
  spanFrom(index: number, first: number): void {
    const last = this.blocks.length - 1;
    if (this.withPlaces && last >= first) this.anchors.push({ field: 'block', index, block: first, line: 0, col: 0, length: 0, toBlock: last, toLine: this.blocks[last]!.length - 1 });
  }

  push(lines: string[]): void {
    this.blocks.push(lines);
  }

  /**
   * The blocks' lines with an empty line between blocks and one at the end, joined once: the text
   * comes out flat, without a copy per block and another for the final line end.
   */
  flat(): string {
    const lines: string[] = [];
    for (const b of this.blocks) {
      if (!b.length) continue;
      for (const line of b) lines.push(line);
      lines.push('');
    }
    if (!lines.length) lines.push('', '');
    return lines.join('\n');
  }

  /** Joined as the text writer always has (empty blocks dropped), with each recorded field's place. */
  placed(): PlacedText {
    const { blocks } = this;
    const lineStarts: number[][] = [];
    let text = '';
    let first = true;
    for (const b of blocks) {
      const starts: number[] = [];
      lineStarts.push(starts);
      if (!b.length) continue;
      if (!first) text += '\n\n';
      first = false;
      b.forEach((line, i) => {
        if (i) text += '\n';
        starts.push(text.length);
        text += line;
      });
    }
    text += '\n';
    const places: TextPlace[] = [];
    for (const a of this.anchors) {
      const lineStart = lineStarts[a.block]?.[a.line];
      if (lineStart === undefined) continue;
      const start = lineStart + a.col;
      let end = start + a.length;
      if (a.toBlock !== undefined) {
        const lastStart = lineStarts[a.toBlock]![a.toLine!]!;
        end = lastStart + blocks[a.toBlock]![a.toLine!]!.length;
      }
      places.push({ field: a.field, index: a.index, ...(a.bullet !== undefined ? { bullet: a.bullet } : {}), start, end });
    }
    return { text, places };
  }
}

/** Everything before the paragraphs: routing, date and classification lines, handling, header fields, references, Classified By, a redaction notice. */
function writeHead(cable: Cable, out: TextBlocks): void {
  const dateNotes = cable.notes.filter((n) => readDateLine(n));
  const otherNotes = cable.notes.filter((n) => !readDateLine(n));
  if (cable.routing.length) {
    cable.routing.forEach((r, i) => out.at('routing', i, i, 0, r.length));
    out.push([...cable.routing]);
  }
  if (cable.partial) out.push([PARTIAL_NOTICE]);
  const classLine = classificationLine(cable);
  out.at('classification', 0, dateNotes.length, 0, classLine.length);
  out.push([...dateNotes, classLine]);
  // An SBU cable's level is on the classification line (UNCLASSIFIED SENSITIVE), not among these.
  const caveatLines = cable.classification.caveats.filter((c) => c !== 'LIMITED OFFICIAL USE');
  const handling = [...caveatLines, ...otherNotes, ...cable.handling];
  if (handling.length) {
    cable.handling.forEach((h, i) => out.at('handling', i, caveatLines.length + otherNotes.length + i, 0, h.length));
    out.push(handling);
  }
  const fields: string[] = [];
  const eo = eoLine(cable);
  if (eo) fields.push(eo);
  if (cable.tags.length) {
    let col = 'TAGS: '.length;
    cable.tags.forEach((t, i) => {
      out.at('tags', i, fields.length, col, t.length);
      col += t.length + 2;
    });
    fields.push(`TAGS: ${cable.tags.join(', ')}`);
  }
  if (cable.subject) {
    const lead = `SUBJECT: ${cable.subjectMarking ? `(${cable.subjectMarking.raw}) ` : ''}`;
    out.at('subject', 0, fields.length, lead.length, cable.subject.length);
    fields.push(`${lead}${cable.subject}`);
  }
  if (fields.length) out.push(fields);
  if (cable.references.length) {
    // A reference without a label after the first continues its line after `; ` (how it is read back).
    const refs: string[] = [];
    cable.references.forEach((r, i) => {
      if (refs.length && !r.label) {
        const line = refs.length - 1;
        out.at('reference', i, line, refs[line]!.length + 2, r.text.length);
        refs[line] += `; ${r.text}`;
      } else {
        const lead = `${refs.length ? '' : 'REF: '}${r.label ? `${r.label}. ` : ''}`;
        out.at('reference', i, refs.length, lead.length, r.text.length);
        refs.push(`${lead}${r.text}`);
      }
    });
    out.push(refs);
  }
  const cb = classifiedByLine(cable);
  if (cb) {
    if (cable.classifiedBy) out.at('classifiedBy', 0, 0, 'Classified By: '.length, cable.classifiedBy.length);
    out.push([cb]);
  }
  if (cable.redaction) out.push([`[${cable.redaction.notice}]`]);
}

/** A paragraph: its heading underlined, `N. (MARKING) text` across its lines and blocks, its bullets as `-- `. */
function writeParagraph(p: Paragraph, index: number, out: TextBlocks): void {
  const firstBlock = out.blocks.length;
  if (p.heading !== null) {
    out.at('heading', index, 0, 0, p.heading.length);
    out.push([p.heading, '-'.repeat(Math.min(Math.max(p.heading.length, 3), 70))]);
  }
  if (p.withheld) {
    out.push([`${p.number !== null ? `${p.number}. ` : ''}[Paragraph withheld — ${p.withheld.level}]`]);
    out.spanFrom(index, firstBlock);
    return;
  }
  const lead = `${p.number !== null ? `${p.number}. ` : ''}${markingText(p)}`;
  const first = lead ? `${lead}${p.text}` : p.text;
  // Most paragraphs are one line: nothing to split (splitting, or trimming, would copy the text;
  // a lead is never blank).
  const oneLine = !p.text.includes('\n');
  const sub = oneLine ? [first] : first.split('\n\n');
  const bullets = p.bullets.map((b) => `-- ${b.text}`);
  if (p.number === null && !p.marking && p.text === '' && !bullets.length) {
    out.spanFrom(index, firstBlock);
    return;
  }
  // The text is printed verbatim across its lines and blocks (the separators are its own).
  out.at('paragraph', index, 0, lead.length, p.text.length);
  for (let i = 0; i < sub.length - 1; i++) out.push(sub[i]!.split('\n'));
  const last = sub[sub.length - 1]!;
  const lastLines = oneLine ? (lead !== '' || p.text.trim() !== '' ? [first] : []) : last.trim() === '' ? [] : last.split('\n');
  p.bullets.forEach((b, bi) => out.at('bullet', index, lastLines.length + bi, 3, b.text.length, bi));
  out.push([...lastLines, ...bullets]);
  out.spanFrom(index, firstBlock);
}
