/**
 * Where redactions and withheld paragraphs are in the clean text, for a reviewer who toggles
 * them: a redaction names its place as the audit log and the plan do (field, index, bullet,
 * offset in that field's text, or in its line for header line lists); the text writer's places
 * say where each field was printed. A span a person selects in the clean text is turned back
 * into such a place here.
 */
import type { TextPlace } from '../writers/text.js';
import type { TextRange } from './repairs.js';

/** A place in a cable's field, as redaction records, audit entries and plan entries give it. */
export interface FieldSpan {
  field: string;
  index: number;
  bullet?: number;
  offset: number;
  length: number;
  /** The value, checked against the clean text at the place found. */
  value?: string;
}

function placeOf(places: TextPlace[], field: string, index: number, bullet?: number): TextPlace | undefined {
  return places.find((p) => p.field === field && p.index === index && (bullet === undefined || p.bullet === bullet));
}

/**
 * Where a field span is in the clean text, or null when the clean text does not print that
 * field as the model holds it (the addressees and `from`, printed inside the routing lines; the
 * summary, which repeats paragraph text): the page lists those apart.
 */
export function cleanPlace(span: FieldSpan, places: TextPlace[], clean: string): TextRange | null {
  const at = placeOf(places, span.field, span.index, span.field === 'bullet' ? span.bullet : undefined);
  if (!at || span.offset + span.length > at.end - at.start) return null;
  const place = { start: at.start + span.offset, end: at.start + span.offset + span.length };
  return span.value === undefined || clean.slice(place.start, place.end) === span.value ? place : null;
}

/** The printed block of paragraph `index` (heading, number, text, bullets), or the subject. */
export function withheldPlace(field: 'paragraph' | 'subject', index: number, places: TextPlace[]): TextRange | null {
  const at = field === 'subject' ? placeOf(places, 'subject', 0) : placeOf(places, 'block', index);
  return at ? { start: at.start, end: at.end } : null;
}

/** The field span a selection of the clean text falls in, or null when it crosses fields or hits none. */
export function spanAt(places: TextPlace[], clean: string, start: number, end: number): (FieldSpan & { value: string }) | null {
  if (!(end > start)) return null;
  const fields = places.filter((p) => p.field !== 'block' && p.field !== 'classification' && p.start <= start && end <= p.end);
  // the innermost: a bullet rather than its paragraph block
  const at = fields.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  if (!at) return null;
  const value = clean.slice(start, end);
  return {
    field: at.field,
    // header line lists (routing, handling, footer…) count `index` as the line, as plans do
    index: at.index,
    ...(at.bullet !== undefined ? { bullet: at.bullet } : {}),
    offset: start - at.start,
    length: end - start,
    value,
  };
}

/** One proposed (or added) redaction as the reviewer sees it. */
export interface ProposalView {
  /** Its number in the cable's plan entry: detected ones first, then added spans. */
  key: number;
  added: boolean;
  category: string;
  detector: string;
  field: string;
  paragraph: number | null;
  /** Where it is, in words (`paragraph 4`, `routing line 2`). */
  where: string;
  action: 'redact' | 'keep';
  /** `residual`: found by the second look after the detectors' proposals (absent: a detector's proposal, or added). */
  source?: 'residual';
  /** A second-look hit the person has not decided yet (downloads wait for it). */
  pending?: boolean;
  /** Why the person keeps it (second-look hits). */
  reason?: string;
  /** Where it is in the clean text, or null for fields the clean text does not print as held. */
  clean: TextRange | null;
  value: string;
}

/** A second-look hit as a refused download names it: its proposal's key when it is one, else where in the output it is. */
export interface SecondLookHit {
  key: number | null;
  category: string;
  where: string;
}

/** A paragraph (or the subject) the maximum level withholds. */
export interface WithheldView {
  key: number;
  field: 'paragraph' | 'subject';
  paragraph: number | null;
  level: string;
  action: 'redact' | 'keep';
  /** `Withheld: marked CONFIDENTIAL (C/NF), above SENSITIVE BUT UNCLASSIFIED`. */
  reason: string;
  clean: TextRange | null;
}

/** A mention of a protected person, or the marker, at its place. */
export interface MentionView {
  /** Where it is, in words (`paragraph 4`, `subject`). */
  where: string;
  value: string;
  /** Where it is in the clean text, or null for fields the clean text does not print as held. */
  clean: TextRange | null;
}

/**
 * A person the cable protects, as the reviewer decides them: all their mentions at once. Also the
 * mentions of a surname another person shares (`ambiguous`), a marker that names no one (`person`
 * null, with the persons named near it as `candidates`), and each candidate (`candidate`: picked
 * with `redact`).
 */
export interface PersonView {
  /** Its number among the plan entry's `sources`. */
  key: number;
  person: string | null;
  role: string;
  action: 'redact' | 'keep';
  reason?: string;
  ambiguous: boolean;
  candidate: boolean;
  /** Why a person should look at it. */
  review?: string;
  /** For a marker that names no one: the words before it, and the candidates' keys. */
  description?: string;
  candidates?: Array<{ key: number; person: string }>;
  mentions: MentionView[];
  markers: MentionView[];
}

export interface RedactionView {
  proposals: ProposalView[];
  withheld: WithheldView[];
  /** The people the cable protects (with `sources`): one decision each. */
  people: PersonView[];
  /** The banner the output will carry, and the cable's own. */
  banner: string;
  originalBanner: string;
  /** The handout notice (what was removed and why), or null when nothing is. */
  notice: string | null;
}
