/**
 * Documents the workbench hands out, made by exactly the CLI's pipeline: `convertCable` for one
 * cable (transforms → writer → verification, fail closed), `makeBook` for a briefing book. The
 * choices a page sends are checked here the way the CLI checks its options; anything that names
 * a file (a template folder, a logo, an audit path) is refused: the workbench reads no disk.
 */
import type { Cable } from '../model/cable.js';
import type { RedactionStyle } from '../model/redaction.js';
import { CableError } from '../errors.js';
import { convertCable, type ConvertOptions } from '../pipeline/convert.js';
import { makeBook } from '../book/make.js';
import { BUILTIN_TEMPLATES } from '../writers/paged/templates.js';
import { parseRedactCategories } from '../redact/categories.js';
import { parseLevel } from '../redact/apply/level.js';
import { compilePattern } from '../redact/detect/pattern.js';
import { auditLog, serializeAudit, type AuditCable } from '../redact/audit/audit.js';
import type { RedactionSettings } from '../redact/set.js';
import { outputStem } from '../batch/names.js';
import type { BookSort } from '../book/book.js';
import type { RedactionPlan } from '../redact/apply/plan.js';

/** What a page may choose: the CLI's redaction options, without files. */
export interface RedactionChoices {
  /** `--redact` values: contacts, email, phone, fax, url, names, … */
  redact?: string[];
  /** `--max-level`: U, SBU, C, S, TS (or empty for none). */
  maxLevel?: string | null;
  /** `--redact-terms`, as a list. */
  terms?: string[];
  /** `--redact-pattern`, repeatable. */
  patterns?: string[];
  /** `--redaction-style`. */
  style?: RedactionStyle;
}

export type DocumentFormat = 'pdf' | 'docx';

export interface DocumentRequest {
  format: DocumentFormat;
  /** `cable`, `teletype` or `handout`. */
  template?: string;
  choices?: RedactionChoices;
}

export interface MadeDocument {
  name: string;
  type: string;
  data: Uint8Array;
  pages?: number;
  warnings: string[];
}

export const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
};

/** Checks choices as the CLI checks its options (unknown category, level, bad pattern → CableError). */
export function redactionSettings(choices: RedactionChoices = {}): RedactionSettings {
  const settings: RedactionSettings = {};
  const redact = (choices.redact ?? []).map(String).filter((c) => c.trim() !== '');
  if (redact.length) settings.redact = parseRedactCategories(redact);
  if (choices.maxLevel) settings.maxLevel = parseLevel(String(choices.maxLevel));
  const terms = (choices.terms ?? []).map(String).map((t) => t.trim()).filter((t) => t && !t.startsWith('#'));
  if (terms.length) settings.redactTerms = terms;
  const patterns = (choices.patterns ?? []).map(String).filter((p) => p.trim() !== '');
  for (const p of patterns) compilePattern(p);
  if (patterns.length) settings.redactPatterns = patterns;
  if (choices.style !== undefined) {
    if (choices.style !== 'box' && choices.style !== 'label') throw new CableError(`unknown redaction style ${JSON.stringify(choices.style)} (use box or label)`);
    settings.redactionStyle = choices.style;
  }
  return settings;
}

function template(name: string | undefined): string {
  const t = name ?? 'cable';
  if (!(BUILTIN_TEMPLATES as readonly string[]).includes(t)) throw new CableError(`unknown template ${JSON.stringify(t)} (use ${BUILTIN_TEMPLATES.join(', ')})`);
  return t;
}

function format(f: unknown): DocumentFormat {
  if (f !== 'pdf' && f !== 'docx') throw new CableError(`unknown format ${JSON.stringify(f)} (use pdf or docx)`);
  return f;
}

/**
 * The conversion the CLI would run for `render FILE --format F --template T --redact … --max-level …`,
 * or with a reviewed plan `render FILE --format F --template T --plan plan.json --redaction-style S`.
 */
export function convertOptions(request: DocumentRequest, plan?: RedactionPlan): ConvertOptions {
  const base = { format: format(request.format), template: template(request.template) };
  if (!plan) return { ...base, ...redactionSettings(request.choices) };
  const { redactionStyle } = redactionSettings({ style: request.choices?.style });
  return { ...base, plan, ...(redactionStyle ? { redactionStyle } : {}) };
}

/** One cable's PDF or DOCX, through `convertCable` (verified; a leak throws LeakError). */
export async function cableDocument(cable: Cable, input: string, request: DocumentRequest, plan?: RedactionPlan): Promise<MadeDocument & { audit?: AuditCable }> {
  const options = convertOptions(request, plan);
  const result = await convertCable(cable, options);
  return {
    name: `${outputStem(cable.id, input)}.${options.format}`,
    type: MIME[options.format]!,
    data: result.data,
    pages: result.pages,
    warnings: result.warnings,
    ...(result.audit ? { audit: result.audit } : {}),
  };
}

/** The audit log of that same conversion (made, verified, then only its log kept). */
export async function cableAudit(cable: Cable, input: string, request: DocumentRequest, plan?: RedactionPlan): Promise<MadeDocument> {
  const made = await cableDocument(cable, input, request, plan);
  if (!made.audit) throw new CableError('nothing is redacted or withheld, so there is no audit log: choose categories or a maximum level', input);
  return {
    name: `${outputStem(cable.id, input)}.audit.json`,
    type: MIME.json!,
    data: Buffer.from(serializeAudit(auditLog([made.audit]))),
    warnings: [],
  };
}

export interface BookRequest extends DocumentRequest {
  title?: string;
  sort?: BookSort;
}

/** A briefing book of the given cables, through `makeBook` (redaction or a reviewed plan, writer, verification). */
export async function bookDocument(cables: Cable[], request: BookRequest, plan?: RedactionPlan): Promise<MadeDocument> {
  const f = format(request.format);
  if (cables.length === 0) throw new CableError('no cables to put in a book: tick the cables first');
  const sort = request.sort ?? 'date';
  if (sort !== 'date' && sort !== 'id' && sort !== 'input') throw new CableError(`unknown sort ${JSON.stringify(sort)} (use date, id or input)`);
  const chosen = redactionSettings(request.choices);
  const settings: RedactionSettings = plan ? { plan, ...(chosen.redactionStyle ? { redactionStyle: chosen.redactionStyle } : {}) } : chosen;
  const name = `briefing-book.${f}`;
  const result = await makeBook(cables, {
    format: f,
    title: typeof request.title === 'string' ? request.title.slice(0, 200) : undefined,
    sort,
    redactionStyle: settings.redactionStyle,
    redaction: settings,
    file: name,
  });
  return { name, type: MIME[f]!, data: result.data, pages: result.pages, warnings: result.warnings };
}
