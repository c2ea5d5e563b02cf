/**
 * The Cable model: the one document tree every reader produces and every writer consumes
 * (pandoc's idea). Readers never lay out, writers never parse.
 */

/** Classification levels, lowest first. The order matters: filtering compares ranks. */
export const LEVELS = [
  'UNCLASSIFIED',
  'SENSITIVE BUT UNCLASSIFIED',
  'CONFIDENTIAL',
  'SECRET',
  'TOP SECRET',
] as const;
export type Level = (typeof LEVELS)[number];

export interface Classification {
  level: Level;
  /** Caveats in the order met: NOFORN, SIPDIS, REL CAN, FOUO, … */
  caveats: string[];
}

/** A portion marking as written (`C/NF`) plus what it means. */
export interface PortionMarking {
  raw: string;
  level: Level | null;
  caveats: string[];
}

export interface Reference {
  /** `A`, `B`, … or `` when the REF line names a single reference. */
  label: string;
  text: string;
  /**
   * The canonical cable id of a reference that names a cable (`A. STATE 24735` in a 2008 cable →
   * `08STATE24735`), or null for e-mails, faxes, phone calls, meetings and other documents.
   */
  id: string | null;
  /** Every cable the reference names, when it names more than one (`STATE 1234 AND 5678`); `id` is the first. */
  ids?: string[];
}

/** One addressee of the routing block: `RUEHC/SECSTATE WASHDC IMMEDIATE 7513`. */
export interface Recipient {
  /** `SECSTATE WASHDC` */
  name: string;
  /** The routing indicator before the slash (`RUEHC`), or null. */
  route: string | null;
  /** `IMMEDIATE`, `PRIORITY`, `ROUTINE`, `FLASH`, `NIACT IMMEDIATE`, or null. */
  precedence: string | null;
  /** The message serial for that addressee (`7513`), or null. */
  serial: number | null;
  /** For a collective: the posts it is not sent to (`XMT/AMEMBASSY SOFIA` lines after it). */
  excluded?: string[];
}

/**
 * A span inside a text that a transform has marked: a publisher redaction (`XXXXXXXXXXXX`)
 * or a redaction applied by cablekit. Offsets are UTF-16 indices into the owning text.
 */
export interface Mark {
  kind: 'publisher-redaction' | 'redaction';
  start: number;
  end: number;
  /** For `redaction`: the category (email, phone, …). */
  category?: string;
}

export interface Bullet {
  text: string;
  marks?: Mark[];
}

export interface Paragraph {
  /** The paragraph number after repair, or null for unnumbered text (preamble, notes). */
  number: number | null;
  marking: PortionMarking | null;
  text: string;
  bullets: Bullet[];
  /** The section heading that precedes this paragraph, if one does. */
  heading: string | null;
  /** 1-based line in the decoded input where the paragraph starts. */
  line: number;
  marks?: Mark[];
  /** Set by the classification filter: the paragraph's text was withheld. */
  withheld?: { level: Level };
}

/** A message with a place, after unified's VFileMessage. */
export interface Repair {
  kind: string;
  line: number;
  before: string;
  after: string;
}

export interface Warning {
  kind: string;
  line: number | null;
  message: string;
}

export interface SectionInfo {
  index: number;
  total: number;
}

export type InputShape = 'markdown' | 'release-text' | 'release-html' | 'pdf-text' | 'csv-row';

export interface Cable {
  id: string;
  /** The id as read from a metadata table or CSV row, when the input had one. */
  sourceId: string | null;
  origin: string | null;
  /** Serial number of the cable at its origin (`372` in `OTTAWA 000372`). */
  number: number | null;
  date: string | null;
  precedence: string | null;
  from: string | null;
  to: Recipient[];
  info: Recipient[];
  routing: string[];
  classification: Classification;
  section: SectionInfo | null;
  eo: string | null;
  /** The E.O. line as written (cleaned), for forms that carry no DECL date: `E.O. 12958: N/A`. */
  eoLine?: string | null;
  declassify: string | null;
  tags: string[];
  subject: string | null;
  subjectMarking: PortionMarking | null;
  /** The cable's summary (`SUMMARY: … END SUMMARY`, `Summary.`, a `Summary` heading), or null. */
  summary: string | null;
  references: Reference[];
  classifiedBy: string | null;
  reasons: string[];
  handling: string[];
  /** Header lines kept as written that fit no field (declassification stamps, date lines…). */
  notes: string[];
  paragraphs: Paragraph[];
  signature: string | null;
  /** Boilerplate after the body: "Visit Canada's Classified Web Site at …". */
  footer: string[];
  partial: boolean;
  shape: InputShape;
  repairs: Repair[];
  warnings: Warning[];
  /** Set by src/redact when this is a redacted/filtered version; templates print `notice`. Optional. */
  redaction?: RedactionInfo;
}

/** What cablekit removed from a cable, for the handout notice (never the removed values). */
export interface RedactionInfo {
  /** One line for the reader: what was removed and why. */
  notice: string;
  /** Categories redacted (`email`, `phone`, …). */
  categories: string[];
  /** The `--max-level` the paragraphs were filtered at, if any. */
  maxLevel?: Level;
  /** The classification before filtering, when filtering changed it. */
  originalLevel?: Level;
  /** Redactions made, per category. */
  counts: Record<string, number>;
  /** Paragraphs withheld by the level filter. */
  withheld: number;
}
