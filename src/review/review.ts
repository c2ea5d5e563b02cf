/**
 * The review of one cable, for a person who checks what cablekit did before handing it out: the
 * input text beside the clean text, every repair and warning at its place in both. Pure: the
 * workbench (src/serve) and tests call it; it shares the text writer with the CLI.
 */
import type { Cable } from '../model/cable.js';
import { formatTextWithPlaces, type TextPlace } from '../writers/text.js';
import { locateRepairs, locateWarnings, type RepairPlace, type WarningPlace } from './repairs.js';
import type { CableSource } from './source.js';

export { readCableSource, csvRecordSource } from './source.js';
export type { CableSource } from './source.js';
export { locateRepairs, locateWarnings, lineStarts } from './repairs.js';
export type { TextRange, RepairPlace, WarningPlace } from './repairs.js';
export { auditReading, lostWords, paragraphGaps } from './audit.js';
export type { ReadingAudit, ParagraphGap } from './audit.js';
export { summarizeCables, formatSummary } from './summary.js';
export type { CollectionSummary, SummaryItem, SummaryKind } from './summary.js';

export interface CableReview {
  /** The input text (what line numbers count in). */
  raw: string;
  /** The clean text, as `cablekit normalize` prints it. */
  clean: string;
  /** Where each field of the model is in `clean`. */
  places: TextPlace[];
  repairs: RepairPlace[];
  warnings: WarningPlace[];
}

export function reviewCable({ cable, source }: CableSource): CableReview {
  const { text: clean, places } = formatTextWithPlaces(cable);
  return {
    raw: source,
    clean,
    places,
    repairs: locateRepairs(source, cable, clean, places),
    warnings: locateWarnings(source, cable),
  };
}
