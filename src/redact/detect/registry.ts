/**
 * The recognizer registry: each detector names what it finds; `detect` runs the selected ones on
 * the normalized view of a text and returns merged spans in the text's own offsets.
 */
import { detectAddresses } from './address.js';
import { detectEmails } from './email.js';
import { mergeSpans } from './merge.js';
import { detectNames } from './names.js';
import { normalizeForDetection, toOriginal } from './normalized-text.js';
import { detectPatterns } from './pattern.js';
import { detectPhones } from './phone.js';
import { detectTerms } from './terms.js';
import { detectUrls } from './url.js';
import type { DetectContext, Detector, RedactionCategory, Span } from '../types.js';

/** Which detector produces which categories. */
const REGISTRY: { name: string; detector: Detector; categories: RedactionCategory[] }[] = [
  { name: 'email', detector: detectEmails, categories: ['email'] },
  { name: 'url', detector: detectUrls, categories: ['url'] },
  { name: 'phone', detector: detectPhones, categories: ['phone', 'fax'] },
  { name: 'address', detector: detectAddresses, categories: ['address'] },
  { name: 'terms', detector: detectTerms, categories: ['term'] },
  { name: 'pattern', detector: detectPatterns, categories: ['pattern'] },
  { name: 'names', detector: detectNames, categories: ['name'] },
];

/** Spans of the wanted categories in `text`, merged, in `text`'s offsets. */
export function detect(text: string, categories: ReadonlySet<RedactionCategory>, context: DetectContext = {}): Span[] {
  if (text.length === 0) return [];
  const norm = normalizeForDetection(text);
  const ctx: DetectContext = { ...context, lineBreaks: norm.lineBreaks };
  const spans: Span[] = [];
  for (const { name, detector, categories: produced } of REGISTRY) {
    // the email detector always runs: an address's host (`state.gov`) is not a URL on its own
    if (!produced.some((c) => categories.has(c)) && detector !== detectEmails) continue;
    for (const span of detector(norm.text, ctx)) spans.push({ ...span, detector: name });
  }
  return mergeSpans(spans)
    .filter((s) => categories.has(s.category))
    .map((s) => ({ category: s.category, ...toOriginal(norm, s.start, s.end), ...(s.detector ? { detector: s.detector } : {}) }));
}
