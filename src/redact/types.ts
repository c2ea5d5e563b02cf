/** Shared types of the redaction pipeline: what a detector returns and what it is told. */

/**
 * What a detected span is. `contacts` on the CLI means email + phone + fax + url + address; `source`
 * is a mention of a person the cable protects (found on the whole cable: src/redact/detect/sources.ts).
 */
export type RedactionCategory = 'email' | 'url' | 'phone' | 'fax' | 'address' | 'term' | 'pattern' | 'name' | 'source';

export const REDACTION_CATEGORIES: RedactionCategory[] = ['email', 'url', 'phone', 'fax', 'address', 'term', 'pattern', 'name', 'source'];
export const CONTACT_CATEGORIES: RedactionCategory[] = ['email', 'phone', 'fax', 'url', 'address'];

/** A detected span over the normalized text, Presidio's RecognizerResult without the score. */
export interface Span {
  category: RedactionCategory;
  start: number;
  end: number;
  /** Which detector found it (`email`, `url`, `phone`, `terms`, `pattern`, `names`); set by `detect`. */
  detector?: string;
}

/** What every detector may use besides the text. */
export interface DetectContext {
  /** ISO 3166 region to parse national phone numbers in (`CA` for Ottawa). */
  region?: string;
  /** Terms for the `term` detector (matched case-insensitively, whole words). */
  terms?: string[];
  /** Regular expressions (source text) for the `pattern` detector. */
  patterns?: string[];
  /** Offsets of the spaces in the normalized text that stand for a line break. */
  lineBreaks?: ReadonlySet<number>;
}

export type Detector = (text: string, context: DetectContext) => Span[];
