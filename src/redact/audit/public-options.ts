/** What of the redaction options a manifest or log may show (kept apart from the redaction code, which a batch's coordinator does not load). */
import { createHash } from 'node:crypto';
import type { RedactionPlan } from '../apply/plan.js';

/**
 * How a conversion option may appear in a manifest or log written next to redacted outputs:
 * terms and patterns name what was removed, so only their count and a digest are shown.
 */
export function publicOptionValue(key: string, value: unknown): unknown {
  if ((key === 'redactTerms' || key === 'redactPatterns') && Array.isArray(value)) {
    return { count: value.length, sha256: createHash('sha256').update(JSON.stringify(value)).digest('hex') };
  }
  if (key === 'plan' && value && typeof value === 'object') {
    // a plan holds the values it redacts: only its size and a digest
    const plan = value as RedactionPlan;
    return { cables: plan.cables?.length ?? 0, sha256: createHash('sha256').update(JSON.stringify(value)).digest('hex') };
  }
  return value;
}
