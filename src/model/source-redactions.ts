/**
 * Redactions made in the source: where the release's publisher (or a newspaper) removed a name by
 * hand, the text holds a run of X — `XXXXXXXXXXXX`, in lower case too, standing alone or glued to
 * the word before or after it (`BothXXXXXXXXXXXXX believe`, `XXXXXXXXXXXXsaid`, `evening,xxxxxx`),
 * sometimes only three or four long (`met with XXXX (strictly protect), XXX for the ICRC`). A
 * cablekit handout's own marks (`████████`) read back the same way. The model keeps the text as
 * read; every writer shows such a run as a redaction mark (`showSourceRedactions`), never as a word.
 */
import type { Cable, Paragraph, Recipient } from './cable.js';
import { BOX_GLYPH } from './redaction.js';

/**
 * A run of X of one case: three or more standing alone (a Roman thirty after `Article`, `Chapter`,
 * `Title`, `Part`, `Section`, `Annex`, `Volume` or `Book` is a number), five or more glued to a word;
 * or a run of `█`.
 */
const RUN =
  /(?<![A-Za-z])(?<!\b(?:Article|ARTICLE|Chapter|CHAPTER|Title|TITLE|Part|PART|Section|SECTION|Annex|ANNEX|Volume|VOLUME|Vol\.|VOL\.|Book|BOOK)\s)(?:X{3,}|x{3,})(?![A-Za-z])|X{5,}|x{5,}|\u2588+/g;
const MAYBE = /XXX|xxx|\u2588/;

export interface SourceRedactionRun {
  start: number;
  end: number;
  /** The run as written: `XXXXXXXXXXXX`, `xxxxxx`, `████████`. */
  text: string;
}

/** The source's redaction runs in a text, in order. */
export function sourceRedactionRuns(text: string): SourceRedactionRun[] {
  if (!MAYBE.test(text)) return [];
  return [...text.matchAll(RUN)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
}

/** The mark a run is shown as in text: `█` for each character, so every offset into the text stays. */
export function sourceRedactionMark(run: string): string {
  return BOX_GLYPH.repeat(run.length);
}

/** A text with its X runs shown as marks (the same length: places stay). */
export function showRuns(text: string): string {
  if (!MAYBE.test(text)) return text;
  return text.replace(RUN, (run) => (run.startsWith(BOX_GLYPH) ? run : sourceRedactionMark(run)));
}

function maybe(text: string | null): string | null {
  return text === null ? null : showRuns(text);
}

/** Does any text field of the cable hold a run of X? (Most cables hold none: their writers pay nothing.) */
function holdsRuns(cable: Cable): boolean {
  const texts: Array<string | null> = [cable.from, cable.subject, cable.summary, cable.classifiedBy, cable.signature];
  for (const list of [cable.routing, cable.tags, cable.handling, cable.notes, cable.footer]) texts.push(...list);
  for (const r of [...cable.to, ...cable.info]) texts.push(r.name);
  for (const r of cable.references) texts.push(r.text);
  for (const p of cable.paragraphs) texts.push(p.heading, p.text, ...p.bullets.map((b) => b.text));
  return texts.some((t) => t !== null && /XXX|xxx/.test(t));
}

/**
 * The cable as the writers show it: every run of X in every field (subject, summary, headings,
 * paragraphs, bullets, references, header lines, signature, footer) shown as a run of `█` of the
 * same length, so marks and places keep their offsets. The cable itself when it holds none.
 */
export function showSourceRedactions(cable: Cable): Cable {
  if (!holdsRuns(cable)) return cable;
  const recipients = (list: Recipient[]): Recipient[] => list.map((r) => ({ ...r, name: showRuns(r.name) }));
  const paragraph = (p: Paragraph): Paragraph => ({
    ...p,
    heading: maybe(p.heading),
    text: showRuns(p.text),
    bullets: p.bullets.map((b) => ({ ...b, text: showRuns(b.text) })),
  });
  return {
    ...cable,
    from: maybe(cable.from),
    to: recipients(cable.to),
    info: recipients(cable.info),
    routing: cable.routing.map(showRuns),
    tags: cable.tags.map(showRuns),
    subject: maybe(cable.subject),
    summary: maybe(cable.summary),
    references: cable.references.map((r) => ({ ...r, text: showRuns(r.text) })),
    classifiedBy: maybe(cable.classifiedBy),
    handling: cable.handling.map(showRuns),
    notes: cable.notes.map(showRuns),
    paragraphs: cable.paragraphs.map(paragraph),
    signature: maybe(cable.signature),
    footer: cable.footer.map(showRuns),
  };
}
