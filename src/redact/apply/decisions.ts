/**
 * What the apply step is told and what it reports: proposals (a place and what stands there),
 * the decisions to carry out (the detectors' or a reviewed plan's), the record of each removed
 * value, and the report the audit log and the verifier are made from.
 */
import type { Level } from '../../model/cable.js';
import type { Place } from './fields.js';
import type { WithheldPart } from './level.js';
import type { Probe } from '../fingerprint.js';
import type { RedactionCategory } from '../types.js';
import type { RedactionStyle } from '../../model/redaction.js';

export interface RedactOptions {
  /** What to detect and remove; empty or absent: nothing (the level filter may still run). */
  categories?: RedactionCategory[];
  style?: RedactionStyle;
  terms?: string[];
  patterns?: string[];
  maxLevel?: Level;
  /** Phone region; default from the cable's origin. */
  region?: string;
  /**
   * Reviewed decisions for this cable (see `decisionsFromPlan` in src/redact/apply/plan.ts): applied
   * exactly, instead of running the detectors and the level filter.
   */
  decisions?: RedactionDecisions;
}

/** A proposed redaction: a place, what was found there and by which detector. */
export interface Proposal extends Place {
  category: RedactionCategory;
  /** `email`, `url`, `phone`, `terms`, `pattern`, `names`, `sources`, `residual` for a second-look hit, or `plan` for a span a reviewer added. */
  detector: string;
  value: string;
  /** Why a reviewer kept it (required for a second-look hit kept in a plan). */
  reason?: string;
}

/** A person the cable protects, as decided: the forms of the name the verifier looks for when it is redacted. */
export interface SourceDecision {
  person: string;
  /** The forms of the name (full name, surname, a given name or alias the cable uses alone). */
  forms: string[];
  /** Other people of the cable with the same surname: their names are no mention. */
  others: string[];
  action: 'redact' | 'keep';
}

/** What to do to a cable: the redactions and withheld parts to apply, and what a reviewer kept. */
export interface RedactionDecisions {
  redactions: Proposal[];
  withheld: WithheldPart[];
  /** Proposals a reviewer decided to keep (audit: hashes only; the residual scan lets them pass). */
  kept?: Proposal[];
  /** Withheld proposals a reviewer decided to show. */
  keptWithheld?: WithheldPart[];
  /** The categories asked for (notice, residual scan). */
  categories: RedactionCategory[];
  maxLevel?: Level;
  /** Terms added by the reviewer, searched at apply time (category `term`). */
  terms?: string[];
  /** The persons the cable protects (their mentions are among `redactions` or `kept`): what the verifier checks. */
  sources?: SourceDecision[];
  /** What a person should look at, when no plan decided (a source marker that names no one): one line each. */
  review?: string[];
}

/** One removed value. `value` stays in memory for verification and is never written. */
export interface RedactionRecord {
  category: RedactionCategory;
  /** Which field: `paragraph`, `bullet`, `heading`, `subject`, `reference`, `footer`, … */
  field: string;
  /** The paragraph number for paragraph/bullet/heading fields, else null. */
  paragraph: number | null;
  /** Index in the field's list (paragraph index, footer line, reference…). */
  index: number;
  /** Index of the bullet in its paragraph, for `bullet`. */
  bullet?: number;
  offset: number;
  length: number;
  value: string;
  /** The detector that found it (`plan` for a span a reviewer added, `residual` for a second-look hit). */
  detector?: string;
  /** Why a reviewer kept it (kept records only). */
  reason?: string;
}

export interface RedactionReport {
  redactions: RedactionRecord[];
  withheld: WithheldPart[];
  /** Proposals a reviewed plan kept (values in memory only). */
  kept: RedactionRecord[];
  /**
   * Where each kept value stands in the redacted cable (offsets moved past the placeholders before
   * it): the residual scan lets a kept value through at these places only. A keep whose value is
   * not at its place, or that a redaction covers, has none.
   */
  keptPlaces: Place[];
  /** Withheld proposals a reviewed plan showed. */
  keptWithheld: WithheldPart[];
  counts: Record<string, number>;
  /** Repairs and warnings whose text was scrubbed or replaced. */
  scrubbed: { repairs: number; warnings: number };
  /** What the verifier searches outputs for. */
  probes: Probe[];
  /** Redactions the source itself had (runs of X the publisher left), counted before this one. */
  sourceRedactions: number;
  /** The protected persons redacted: no form of their names may be left in the fields or an output. */
  sources: SourceDecision[];
  /** What a person should look at (a source marker that names no one, a shared surname), one line each. */
  review: string[];
}
