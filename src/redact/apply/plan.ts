/**
 * A reviewable redaction plan (`cablekit plan … --out plan.json`): every redaction the detectors
 * propose, every contact detail the second look (the residual scan, src/redact/verify/residual.ts) finds
 * that they missed (`"source": "residual"`), and every paragraph the level filter would withhold,
 * each with an `action` a person can set to `keep` or `redact` (a second-look hit kept needs a
 * `reason`, which goes in the audit log), plus spans and terms the person adds. `render … --plan plan.json`
 * applies exactly that plan, and refuses a cable whose text no longer matches the sha256 the plan
 * was made from. Plans hold the values themselves: keep them with the originals.
 *
 * The JSON format (version 1):
 *
 * ```
 * { "format": "cablekit-redaction-plan", "version": 1,
 *   "options": { "categories": ["email", "phone", "fax", "url"], "maxLevel": "SENSITIVE BUT UNCLASSIFIED", "terms": [], "patterns": [] },
 *   "terms": [],                       // added terms: redacted in every cable (case-insensitive, whole words)
 *   "cables": [
 *     { "id": "08STATE15220", "sha256": "…",                   // sha256 of the cable's text (cableTextSha256)
 *       "redactions": [ { "cable": "08STATE15220", "field": "paragraph", "paragraph": 9, "index": 10,
 *                         "offset": 93, "length": 12, "category": "phone", "detector": "phone",
 *                         "value": "202-647-1430", "sha256": "…", "context": { "before": "…", "after": "…" },
 *                         "action": "redact" },
 *                       { …, "category": "phone", "detector": "residual", "source": "residual", "value": "613 99 59 282",
 *                         "sha256": "…",                   // of the value's compact form, as refusals and --allow-residual name it
 *                         "action": "keep", "reason": "a public switchboard" } ],
 *       "withheld": [ { "cable": "08STATE15220", "field": "paragraph", "paragraph": 2, "index": 3, "level": "SECRET",
 *                       "length": 412, "sha256": "…", "excerpt": "Background/Objective: Since …", "action": "redact" } ],
 *       "added": [ { "field": "paragraph", "index": 10, "offset": 40, "length": 18, "value": "John Paul Herrmann", "category": "term" } ],
 *       "terms": [] } ] }
 * ```
 *
 * Places (`field`, `paragraph`, `index`, `bullet`, `offset`, `length`) are those of the audit log:
 * see src/redact/apply/fields.ts.
 */
import { CableError } from '../../errors.js';
import { LEVELS, type Cable, type Level } from '../../model/cable.js';
import { proposeRedactions, redactCable, type Proposal, type RedactionDecisions, type RedactionReport } from './apply.js';
import type { RedactionStyle } from '../../model/redaction.js';
import { isLineField, slotKey, startInSlot, textSlots, TEXT_FIELDS, LINE_FIELDS, type Place } from './fields.js';
import { sha256 } from '../fingerprint.js';
import { levelProposals, type WithheldPart } from './level.js';
import { checkRedactionRequest, type RedactionRequest } from '../request.js';
import { REDACTION_CATEGORIES, type RedactionCategory } from '../types.js';
import { RESIDUAL_CATEGORIES, scanCableResidual } from '../verify/residual.js';
import { planSources, sourceDecisionsFromPlan, sourceEntryProblem, type PlanSource } from './plan-sources.js';

export type { PlanSource, PlanSourceMention, PlanSourcePlace } from './plan-sources.js';

export const PLAN_FORMAT = 'cablekit-redaction-plan';
export const PLAN_VERSION = 1;

export type PlanAction = 'redact' | 'keep';

export interface PlanRedaction extends Place {
  cable: string;
  category: RedactionCategory;
  detector: string;
  value: string;
  /** sha256 of the value as it stands in the cable. */
  sha256: string;
  /** Up to 40 characters either side, on one line. */
  context: { before: string; after: string };
  action: PlanAction;
  /** `residual`: found by the second look, after the detectors' proposals (absent: a detector's proposal). */
  source?: 'residual';
  /** Why a reviewer keeps it: required to keep a second-look hit, recorded in the audit log. */
  reason?: string;
}

export interface PlanWithheld {
  cable: string;
  field: 'paragraph' | 'subject';
  paragraph: number | null;
  index: number;
  level: Level;
  length: number;
  sha256: string;
  /** The start of the withheld text, so a reviewer knows which paragraph it is. */
  excerpt: string;
  action: PlanAction;
}

/** A span a reviewer adds: its place and the value that must stand there. */
export interface PlanAddedSpan {
  field: string;
  paragraph?: number | null;
  index: number;
  bullet?: number;
  offset: number;
  length: number;
  value: string;
  /** Default `term`. */
  category?: RedactionCategory;
}

export interface PlanCable {
  id: string;
  /** sha256 of the cable's text as cablekit reads it (`cableTextSha256`). */
  sha256: string;
  redactions: PlanRedaction[];
  withheld: PlanWithheld[];
  added: PlanAddedSpan[];
  /** Terms redacted in this cable only. */
  terms: string[];
  /** With `sources`: each person the cable protects, one entry each (src/redact/apply/plan-sources.ts). Absent when the cable carries no marker. */
  sources?: PlanSource[];
}

export interface PlanOptionsRecord {
  categories: RedactionCategory[];
  maxLevel: Level | null;
  terms: string[];
  patterns: string[];
}

export interface RedactionPlan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  /** What the plan was built with (for the record; the decisions are in `cables`). */
  options: PlanOptionsRecord;
  /** Terms redacted in every cable of the plan. */
  terms: string[];
  cables: PlanCable[];
}

/** What to propose: the same request as `--redact`, `--max-level`, `--redact-terms`, `--redact-pattern` (typed). */
export type PlanOptions = RedactionRequest;

/**
 * The sha256 of a cable's text as cablekit reads it: every field a plan can name (the slots of
 * src/redact/apply/fields.ts, paragraphs withheld or not), in order. A plan made from another text —
 * another file, or the same file read by another version of the parser — does not match it.
 */
export function cableTextSha256(cable: Cable): string {
  const parts: string[] = [cable.id];
  for (const slot of textSlots(cable)) parts.push(`${slotKey(slot.field, slot.index, slot.bullet)}\u0000${slot.text}`);
  return sha256(parts.join('\u0001'));
}

function resolveOptions(options: PlanOptions): PlanOptionsRecord {
  checkRedactionRequest(options);
  return {
    categories: options.redact ?? [],
    maxLevel: options.maxLevel ?? null,
    terms: options.redactTerms ?? [],
    patterns: options.redactPatterns ?? [],
  };
}

const CONTEXT = 40;

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** The plan entry of one cable: every proposal, each with `action: "redact"`. */
export function planCable(cable: Cable, options: PlanOptions): PlanCable {
  const o = resolveOptions(options);
  const proposals = proposeRedactions(cable, { categories: o.categories, terms: o.terms, patterns: o.patterns });
  const texts = new Map(textSlots(cable).map((s) => [slotKey(s.field, s.index, s.bullet), s]));
  const redactions: PlanRedaction[] = proposals.map((p) => {
    const slot = texts.get(slotKey(p.field, isLineField(p.field) ? 0 : p.index, p.bullet))!;
    const start = startInSlot(slot, p)!;
    return {
      cable: cable.id,
      ...p,
      sha256: sha256(p.value),
      context: {
        before: oneLine(slot.text.slice(Math.max(0, start - CONTEXT), start)),
        after: oneLine(slot.text.slice(start + p.length, start + p.length + CONTEXT)),
      },
      action: 'redact',
    };
  });
  // the second look: what is still contact-shaped once the proposals are redacted, at its place in the cable
  const residual = new Set<string>(o.categories.filter((c) => (RESIDUAL_CATEGORIES as string[]).includes(c)));
  for (const h of scanCableResidual(cable, residual, { redacted: proposals })) {
    redactions.push({
      cable: cable.id,
      ...h.place!,
      category: h.category,
      detector: 'residual',
      source: 'residual',
      value: h.text,
      sha256: h.sha256,
      context: h.context!,
      action: 'redact',
    });
  }
  const withheld: PlanWithheld[] = (o.maxLevel ? levelProposals(cable, o.maxLevel) : []).map((w) => ({
    cable: cable.id,
    field: w.field as 'paragraph' | 'subject',
    paragraph: w.paragraph,
    index: w.index,
    level: w.level,
    length: w.text.length,
    sha256: sha256(w.text),
    excerpt: oneLine(w.text.slice(0, 80)),
    action: 'redact',
  }));
  const sources = o.categories.includes('source') ? planSources(cable) : [];
  return { id: cable.id, sha256: cableTextSha256(cable), redactions, withheld, added: [], terms: [], ...(sources.length ? { sources } : {}) };
}

/** A plan for many cables (`cablekit plan`). */
export function buildPlan(cables: Cable[], options: PlanOptions): RedactionPlan {
  const record = resolveOptions(options);
  return { format: PLAN_FORMAT, version: PLAN_VERSION, options: record, terms: [], cables: cables.map((c) => planCable(c, options)) };
}

export function serializePlan(plan: RedactionPlan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}

/** Reads and checks a plan's JSON; a malformed plan is a CableError naming the file and the entry. */
export function parsePlan(text: string, file: string | null = null): RedactionPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CableError('plan is not JSON', file);
  }
  const plan = data as RedactionPlan;
  if (plan?.format !== PLAN_FORMAT || !Array.isArray(plan.cables)) throw new CableError('not a cablekit redaction plan', file);
  if (plan.version !== PLAN_VERSION) throw new CableError(`plan version ${String(plan.version)} is not supported (use ${PLAN_VERSION})`, file);
  const bad = (what: string): never => {
    throw new CableError(`invalid plan: ${what}`, file);
  };
  const strings = (v: unknown, what: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) bad(`${what} must be a list of strings`);
    return v as string[];
  };
  const int = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
  const action = (v: unknown, where: string): void => {
    if (v !== 'redact' && v !== 'keep') bad(`${where}: action must be "redact" or "keep" (got ${JSON.stringify(v)})`);
  };
  const fields = new Set<string>([...TEXT_FIELDS, ...LINE_FIELDS]);
  const options = (plan.options ?? {}) as Partial<PlanOptionsRecord>;
  const out: RedactionPlan = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    options: {
      categories: (strings(options.categories, 'options.categories') as RedactionCategory[]).filter((c) => REDACTION_CATEGORIES.includes(c)),
      maxLevel: typeof options.maxLevel === 'string' && (LEVELS as readonly string[]).includes(options.maxLevel) ? options.maxLevel : null,
      terms: strings(options.terms, 'options.terms'),
      patterns: strings(options.patterns, 'options.patterns'),
    },
    terms: strings(plan.terms, 'terms'),
    cables: [],
  };
  plan.cables.forEach((c, ci) => {
    const where = `cables[${ci}]`;
    if (!c || typeof c.id !== 'string' || typeof c.sha256 !== 'string') bad(`${where} needs an id and a sha256`);
    const redactions = (c.redactions ?? []) as PlanRedaction[];
    const withheld = (c.withheld ?? []) as PlanWithheld[];
    const added = (c.added ?? []) as PlanAddedSpan[];
    if (!Array.isArray(redactions) || !Array.isArray(withheld) || !Array.isArray(added)) bad(`${where}: redactions, withheld and added must be lists`);
    redactions.forEach((r, i) => {
      const w = `${where}.redactions[${i}]`;
      action(r?.action, w);
      if (!fields.has(r.field) || !int(r.index) || !int(r.offset) || !int(r.length) || typeof r.value !== 'string') bad(`${w}: needs field, index, offset, length and value`);
      if (!REDACTION_CATEGORIES.includes(r.category)) bad(`${w}: unknown category ${JSON.stringify(r.category)}`);
      if (r.source !== undefined && r.source !== 'residual') bad(`${w}: source must be "residual" or absent (got ${JSON.stringify(r.source)})`);
      if (r.reason !== undefined && typeof r.reason !== 'string') bad(`${w}: reason must be a string`);
      if (r.source === 'residual' && r.action === 'keep' && !r.reason?.trim()) {
        bad(`${w}: a contact detail the second look found is kept only with a "reason" (it goes in the audit log)`);
      }
    });
    withheld.forEach((x, i) => {
      const w = `${where}.withheld[${i}]`;
      action(x?.action, w);
      if ((x.field !== 'paragraph' && x.field !== 'subject') || !int(x.index) || !(LEVELS as readonly string[]).includes(x.level)) {
        bad(`${w}: needs field (paragraph or subject), index and level`);
      }
    });
    added.forEach((a, i) => {
      const w = `${where}.added[${i}]`;
      if (!a || !fields.has(a.field) || !int(a.index) || !int(a.offset) || !int(a.length) || typeof a.value !== 'string' || a.value.length !== a.length) {
        bad(`${w}: needs field, index, offset, length and the value (of that length)`);
      }
      if (a.category !== undefined && !REDACTION_CATEGORIES.includes(a.category)) bad(`${w}: unknown category ${JSON.stringify(a.category)}`);
    });
    const sources = (c.sources ?? []) as PlanSource[];
    if (!Array.isArray(sources)) bad(`${where}: sources must be a list`);
    sources.forEach((s, i) => {
      const problem = sourceEntryProblem(s);
      if (problem) bad(`${where}.sources[${i}]: ${problem}`);
    });
    out.cables.push({ id: c.id, sha256: c.sha256, redactions, withheld, added, terms: strings(c.terms, `${where}.terms`), ...(sources.length ? { sources } : {}) });
  });
  return out;
}

/**
 * The plan's entry for a cable, matched by id and text sha256. Throws a one-line CableError when
 * the cable is not in the plan or its text changed since the plan was made.
 */
export function findPlanCable(plan: RedactionPlan, cable: Cable): PlanCable {
  const entries = plan.cables.filter((c) => c.id === cable.id);
  if (entries.length === 0) throw new CableError(`${cable.id} is not in the redaction plan`);
  const hash = cableTextSha256(cable);
  const entry = entries.find((c) => c.sha256 === hash);
  if (!entry) throw new CableError(`the text of ${cable.id} does not match the redaction plan (sha256 differs): make the plan again`);
  return entry;
}

/** A plan entry → the decisions the apply step carries out (the plan's global terms included). */
export function decisionsFromPlan(entry: PlanCable, plan?: Pick<RedactionPlan, 'options' | 'terms'>): RedactionDecisions {
  const toProposal = (r: PlanRedaction | PlanAddedSpan, detector: string, category: RedactionCategory, reason?: string): Proposal => ({
    field: r.field,
    paragraph: r.paragraph ?? null,
    index: r.index,
    ...(r.bullet !== undefined ? { bullet: r.bullet } : {}),
    offset: r.offset,
    length: r.length,
    category,
    detector,
    value: r.value,
    ...(reason ? { reason } : {}),
  });
  const redactions = [
    ...entry.redactions.filter((r) => r.action === 'redact').map((r) => toProposal(r, r.source === 'residual' ? 'residual' : (r.detector ?? r.category), r.category)),
    ...entry.added.map((a) => toProposal(a, 'plan', a.category ?? 'term')),
  ];
  const kept = entry.redactions
    .filter((r) => r.action === 'keep')
    .map((r) => toProposal(r, r.source === 'residual' ? 'residual' : (r.detector ?? r.category), r.category, r.reason));
  // each protected person: one decision for every mention
  const people = sourceDecisionsFromPlan(entry.sources ?? []);
  redactions.push(...people.redactions);
  kept.push(...people.kept);
  const asPart = (w: PlanWithheld): WithheldPart => ({ field: w.field, paragraph: w.paragraph, index: w.index, level: w.level, text: '' });
  const terms = [...(plan?.terms ?? []), ...entry.terms];
  // a cable without a marker protects no one: its notice and audit log do not name the category
  const categories = (plan?.options.categories ?? []).filter((c) => c !== 'source' || (entry.sources?.length ?? 0) > 0);
  if (entry.added.length && !categories.includes('term')) categories.push('term');
  return {
    redactions,
    withheld: entry.withheld.filter((w) => w.action === 'redact').map(asPart),
    kept,
    keptWithheld: entry.withheld.filter((w) => w.action === 'keep').map(asPart),
    categories,
    ...(plan?.options.maxLevel ? { maxLevel: plan.options.maxLevel } : {}),
    ...(terms.length ? { terms } : {}),
    ...(people.sources.length ? { sources: people.sources } : {}),
  };
}

/** The decisions of a plan for one cable of it (throws when the cable is not in it or its text changed). */
export function planDecisions(plan: RedactionPlan, cable: Cable): RedactionDecisions {
  return decisionsFromPlan(findPlanCable(plan, cable), plan);
}

/**
 * Applies a plan to one cable: exactly its decisions, nothing the detectors would add. Same result
 * as `redactCable(cable, { decisions: planDecisions(plan, cable), style })`.
 */
export function applyPlan(cable: Cable, plan: RedactionPlan, options: { style?: RedactionStyle } = {}): { cable: Cable; report: RedactionReport } {
  return redactCable(cable, { decisions: planDecisions(plan, cable), style: options.style });
}
