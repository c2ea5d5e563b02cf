/**
 * The places in a Cable where redaction looks: one slot per text (a paragraph, a bullet, the
 * subject, a reference…) and one per list of header lines, whose lines are searched as one text so
 * a value wrapped over two lines is found whole. Proposals, plans, the apply step and the audit log
 * all name a place the same way: field, paragraph number, index, bullet, offset, length.
 */
import type { Cable } from '../../model/cable.js';

/** Fields held as lists of lines, searched joined by `\n`. */
export const LINE_FIELDS = ['to', 'info', 'routing', 'handling', 'notes', 'footer'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** Fields held as one text each (`tags` and `reference`: one per list item). */
export const TEXT_FIELDS = ['paragraph', 'bullet', 'heading', 'subject', 'summary', 'from', 'classifiedBy', 'signature', 'tags', 'reference'] as const;

export interface TextSlot {
  field: string;
  /** The paragraph number for paragraph/bullet/heading, else null. */
  paragraph: number | null;
  /** Index in the field's list (paragraph index, reference, tag); 0 for single texts and line lists. */
  index: number;
  /** Index of the bullet in its paragraph, for `bullet`. */
  bullet?: number;
  text: string;
  /** For line lists: the offset in `text` where each line starts. */
  lineStarts?: number[];
}

/** A place in a slot as records name it: a line list's offsets are per line (`index` = line). */
export interface Place {
  field: string;
  paragraph: number | null;
  index: number;
  bullet?: number;
  offset: number;
  length: number;
}

export function isLineField(field: string): field is LineField {
  return (LINE_FIELDS as readonly string[]).includes(field);
}

/** The key that ties a place to its slot. */
export function slotKey(field: string, index: number, bullet?: number): string {
  if (isLineField(field)) return field;
  return bullet === undefined ? `${field}:${index}` : `${field}:${index}:${bullet}`;
}

function lineSlot(field: LineField, lines: string[]): TextSlot | null {
  if (lines.length === 0) return null;
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  return { field, paragraph: null, index: 0, text: lines.join('\n'), lineStarts };
}

/** The lines of a line field, as the slot joins them. */
export function fieldLines(cable: Cable, field: LineField): string[] {
  if (field === 'to' || field === 'info') return cable[field].map((r) => r.name);
  return cable[field];
}

/**
 * Every slot of a cable, in a fixed order. `skipParagraph(i)` leaves out paragraphs (and their
 * headings and bullets) that will not be shown, e.g. because the level filter withholds them.
 */
export function textSlots(cable: Cable, skipParagraph: (index: number) => boolean = () => false): TextSlot[] {
  const slots: TextSlot[] = [];
  const one = (field: string, text: string | null, index = 0): void => {
    if (text !== null && text.length > 0) slots.push({ field, paragraph: null, index, text });
  };
  one('from', cable.from);
  for (const field of ['to', 'info', 'routing'] as const) {
    const s = lineSlot(field, fieldLines(cable, field));
    if (s) slots.push(s);
  }
  cable.tags.forEach((t, i) => one('tags', t, i));
  one('subject', cable.subject);
  one('summary', cable.summary);
  cable.references.forEach((r, i) => one('reference', r.text, i));
  one('classifiedBy', cable.classifiedBy);
  for (const field of ['handling', 'notes'] as const) {
    const s = lineSlot(field, fieldLines(cable, field));
    if (s) slots.push(s);
  }
  cable.paragraphs.forEach((p, index) => {
    if (p.withheld || skipParagraph(index)) return;
    if (p.heading) slots.push({ field: 'heading', paragraph: p.number, index, text: p.heading });
    if (p.text) slots.push({ field: 'paragraph', paragraph: p.number, index, text: p.text });
    p.bullets.forEach((b, bullet) => {
      if (b.text) slots.push({ field: 'bullet', paragraph: p.number, index, bullet, text: b.text });
    });
  });
  one('signature', cable.signature);
  const footer = lineSlot('footer', cable.footer);
  if (footer) slots.push(footer);
  return slots;
}

/** A span of a slot's text → the place records name (per line for line lists). */
export function placeOf(slot: TextSlot, start: number, end: number): Place {
  const base = { field: slot.field, paragraph: slot.paragraph, ...(slot.bullet !== undefined ? { bullet: slot.bullet } : {}) };
  if (!slot.lineStarts) return { ...base, index: slot.index, offset: start, length: end - start };
  let line = 0;
  while (line + 1 < slot.lineStarts.length && slot.lineStarts[line + 1]! <= start) line++;
  return { ...base, index: line, offset: start - slot.lineStarts[line]!, length: end - start };
}

/** A place → its start offset in the slot's text, or null when it lies outside. */
export function startInSlot(slot: TextSlot, place: Place): number | null {
  const start = slot.lineStarts ? (slot.lineStarts[place.index] ?? -1) + place.offset : place.offset;
  if (start < 0 || place.offset < 0 || place.length <= 0 || start + place.length > slot.text.length) return null;
  return start;
}
