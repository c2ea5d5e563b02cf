/**
 * What a caller asks redaction to do, as typed values: the categories to detect, the level above
 * which paragraphs are withheld, terms and patterns. The names people type (`--redact contacts`,
 * `--max-level SBU`, the workbench's choices) are parsed once, where they come in
 * (`parseRedactCategories`, `parseLevel`); what goes on through the pipeline is only checked, so
 * that a name handed over where a value belongs is refused instead of redacting nothing.
 * Light on purpose: `convertCable` asks it before it loads any redaction code.
 */
import { CableError } from '../errors.js';
import { LEVELS, type Level } from '../model/cable.js';
import { REDACTION_CATEGORIES, type RedactionCategory } from './types.js';

export interface RedactionRequest {
  /** Categories to detect and redact (`parseRedactCategories('contacts')` → email, phone, fax, url, address). */
  redact?: RedactionCategory[];
  /** Withhold paragraphs (and a subject) marked above this level (`parseLevel('SBU')`). */
  maxLevel?: Level;
  /** Terms to redact (case-insensitive, whole words); the CLI reads them from `--redact-terms FILE`. */
  redactTerms?: string[];
  /** Regular expressions to redact (`--redact-pattern`). */
  redactPatterns?: string[];
}

/** Does this request redact or filter anything (a reviewed plan counts)? */
export function wantsRedaction(request: RedactionRequest & { plan?: unknown }): boolean {
  return Boolean(request.plan || request.redact?.length || request.maxLevel || request.redactTerms?.length || request.redactPatterns?.length);
}

/**
 * Throws a CableError for what cannot be carried out as asked: a category or level given by name
 * (`contacts`, `SBU`) instead of as a value, or a reviewed plan together with options it replaces.
 */
export function checkRedactionRequest(request: RedactionRequest & { plan?: unknown }): void {
  for (const c of request.redact ?? []) {
    if (!(REDACTION_CATEGORIES as unknown[]).includes(c)) {
      throw new CableError(`${JSON.stringify(c)} is not a redaction category (${REDACTION_CATEGORIES.join(', ')}): parseRedactCategories reads names such as contacts and all`);
    }
  }
  if (request.maxLevel !== undefined && !(LEVELS as readonly unknown[]).includes(request.maxLevel)) {
    throw new CableError(`${JSON.stringify(request.maxLevel)} is not a classification level (${LEVELS.join(', ')}): parseLevel reads U, SBU, C, S and TS`);
  }
  if (request.plan && (request.redact?.length || request.maxLevel || request.redactTerms?.length || request.redactPatterns?.length)) {
    throw new CableError('--plan applies a reviewed plan: leave out --redact, --max-level, --redact-terms and --redact-pattern');
  }
}
