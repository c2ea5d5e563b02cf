/**
 * The redaction review of the workbench is the CLI's redaction plan (src/redact/apply/plan.ts), one
 * entry per cable: proposals made by `planCable`, a person's redact/keep decisions and added
 * spans, exported as the plan file `cablekit render --plan` applies, imported from one. This
 * module keeps those entries for a run and turns one into what the page shows.
 */
import type { Cable, Level } from '../model/cable.js';
import { CableError } from '../errors.js';
import { bannerText } from '../model/banner.js';
import { parseRedactCategories } from '../redact/categories.js';
import { parseLevel } from '../redact/apply/level.js';
import {
  PLAN_FORMAT,
  PLAN_VERSION,
  applyPlan,
  findPlanCable,
  planCable,
  type PlanAddedSpan,
  type PlanCable,
  type PlanOptions,
  type PlanOptionsRecord,
  type PlanSource,
  type RedactionPlan,
} from '../redact/apply/plan.js';
import type { RedactionStyle } from '../model/redaction.js';
import type { CableReview } from '../review/review.js';
import { cleanPlace, spanAt, withheldPlace, type PersonView, type RedactionView, type SecondLookHit } from '../review/redaction.js';
import { placeName } from '../redact/verify/residual.js';
import type { RedactionChoices } from './documents.js';

/** A cable's plan entry with the options it was proposed for. */
export interface PlanState {
  options: PlanOptionsRecord;
  entry: PlanCable;
  /**
   * Second-look hits (entries of `source: "residual"`, by key) the person has not decided yet: the
   * plan redacts them, but a download waits until each is redacted or kept with a reason.
   */
  pending: number[];
}

/** The choices as plan options (checked as the CLI checks its flags). */
export function planOptions(choices: RedactionChoices = {}): PlanOptions {
  const redact = parseRedactCategories((choices.redact ?? []).map(String).filter((c) => c.trim() !== ''));
  const terms = (choices.terms ?? []).map((t) => String(t).trim()).filter((t) => t && !t.startsWith('#'));
  const patterns = (choices.patterns ?? []).map(String).filter((p) => p.trim() !== '');
  return {
    ...(redact.length ? { redact } : {}),
    ...(choices.maxLevel ? { maxLevel: parseLevel(String(choices.maxLevel)) } : {}),
    ...(terms.length ? { redactTerms: terms } : {}),
    ...(patterns.length ? { redactPatterns: patterns } : {}),
  };
}

/** The record a plan keeps of its options, as `buildPlan` writes it. */
export function optionsRecord(options: PlanOptions): PlanOptionsRecord {
  return {
    categories: options.redact ?? [],
    maxLevel: options.maxLevel ?? null,
    terms: options.redactTerms ?? [],
    patterns: options.redactPatterns ?? [],
  };
}

const sameOptions = (a: PlanOptionsRecord, b: PlanOptionsRecord): boolean =>
  JSON.stringify([[...a.categories].sort(), a.maxLevel, a.terms, a.patterns]) === JSON.stringify([[...b.categories].sort(), b.maxLevel, b.terms, b.patterns]);

/** The page's choices from a plan's options (`name` is the page's `names`; terms and patterns are lists). */
export function choicesOf(options: PlanOptionsRecord, style?: RedactionStyle): RedactionChoices {
  const redact = options.categories.filter((c) => c !== 'term' && c !== 'pattern').map((c) => (c === 'name' ? 'names' : c === 'source' ? 'sources' : c));
  return { redact, maxLevel: options.maxLevel, terms: options.terms, patterns: options.patterns, ...(style ? { style } : {}) };
}

const placeKey = (p: { field: string; index: number; bullet?: number; offset: number; length: number; value: string }) =>
  `${p.field}:${p.index}:${p.bullet ?? ''}:${p.offset}:${p.length}:${p.value}`;

/**
 * The plan entry for these choices: kept when they did not change, else proposed again with
 * the person's decisions carried over to the proposals that are still there.
 */
export function planFor(cable: Cable, previous: PlanState | undefined, choices: RedactionChoices): PlanState {
  const options = planOptions(choices);
  const record = optionsRecord(options);
  if (previous && sameOptions(previous.options, record)) return previous;
  const entry = planCable(cable, options);
  // a second-look hit waits for a person, unless they decided it under the previous choices
  const decided = new Map<string, { action: 'redact' | 'keep'; reason?: string }>();
  if (previous) {
    previous.entry.redactions.forEach((r, key) => {
      if (!previous.pending.includes(key)) decided.set(placeKey(r), { action: r.action, ...(r.reason ? { reason: r.reason } : {}) });
    });
  }
  const pending: number[] = [];
  entry.redactions.forEach((r, key) => {
    if (r.source !== 'residual') return;
    const before = decided.get(placeKey(r));
    if (!before) pending.push(key);
    else {
      r.action = before.action;
      if (before.reason) r.reason = before.reason;
    }
  });
  if (previous) {
    const kept = new Map(previous.entry.redactions.map((r) => [placeKey(r), r.action]));
    for (const r of entry.redactions) if (r.source !== 'residual') r.action = kept.get(placeKey(r)) ?? r.action;
    const shown = new Map(previous.entry.withheld.map((w) => [`${w.field}:${w.index}`, w.action]));
    for (const w of entry.withheld) w.action = shown.get(`${w.field}:${w.index}`) ?? w.action;
    // a person decided under the previous choices stays decided
    const personKey = (s: PlanSource): string => `${s.person}|${s.ambiguous ?? false}|${s.candidate ?? false}`;
    const people = new Map((previous.entry.sources ?? []).filter((s) => s.person !== null).map((s) => [personKey(s), s]));
    for (const s of entry.sources ?? []) {
      const before = people.get(personKey(s));
      if (!before) continue;
      s.action = before.action;
      if (before.reason) s.reason = before.reason;
      else delete s.reason;
    }
    entry.added = previous.entry.added;
    entry.terms = previous.entry.terms;
  }
  return { options: record, entry, pending };
}

/** The second-look hits still waiting for a decision, as a refused download lists them. */
export function pendingHits(state: PlanState): SecondLookHit[] {
  return state.pending.map((key) => {
    const r = state.entry.redactions[key]!;
    return { key, category: r.category, where: placeName(r) };
  });
}

/** The plan file for some cables' entries (what `cablekit plan` writes and `--plan` reads). */
export function planFile(states: PlanState[], options: PlanOptionsRecord): RedactionPlan {
  return { format: PLAN_FORMAT, version: PLAN_VERSION, options, terms: [], cables: states.map((s) => s.entry) };
}

/** Does applying this entry change anything? (An empty plan would still stamp a "redacted version" notice.) */
export function plansAnything(state: PlanState): boolean {
  const e = state.entry;
  return e.redactions.length > 0 || e.withheld.length > 0 || e.added.length > 0 || e.terms.length > 0 || (e.sources?.length ?? 0) > 0 || state.options.maxLevel !== null;
}

export type PlanChange =
  | { set: { key: number; action: 'redact' | 'keep'; withheld?: boolean; reason?: string } }
  | { add: { start: number; end: number } }
  | { source: { key: number; action: 'redact' | 'keep'; reason?: string } };

/** One decision for a person the cable protects: every mention redacted, or kept with a reason; a candidate picked or not. */
function decideSource(entry: PlanCable, cable: Cable, change: { key: number; action: 'redact' | 'keep'; reason?: string }): PlanCable {
  const { key, action } = change;
  const sources = [...(entry.sources ?? [])];
  const s = sources[key];
  if (!s || s.person === null) throw new CableError(`no protected person ${key} in the plan of ${cable.id}`);
  if (action !== 'redact' && action !== 'keep') throw new CableError(`unknown action ${JSON.stringify(action)} (use redact or keep)`);
  const reason = typeof change.reason === 'string' ? change.reason.trim().slice(0, 500) : '';
  const { reason: _old, ...rest } = s;
  if (action === 'redact') sources[key] = { ...rest, action };
  else if (s.candidate) sources[key] = { ...rest, action, reason: reason || 'not marked: a candidate for a marker that names no one' };
  else if (!reason) throw new CableError('say why you keep this person: the reason goes in the audit log');
  else sources[key] = { ...rest, action, reason };
  return { ...entry, sources };
}

/** One decision: switch a proposal (or a withheld paragraph), or add a span selected in the clean text. */
export function changePlan(state: PlanState, cable: Cable, review: CableReview, change: PlanChange): PlanState {
  const entry: PlanCable = { ...state.entry, redactions: [...state.entry.redactions], withheld: [...state.entry.withheld], added: [...state.entry.added] };
  if ('source' in change) return { options: state.options, entry: decideSource(entry, cable, change.source), pending: state.pending };
  if ('set' in change) {
    const { key, action, withheld } = change.set;
    if (action !== 'redact' && action !== 'keep') throw new CableError(`unknown action ${JSON.stringify(action)} (use redact or keep)`);
    if (withheld) {
      const w = entry.withheld[key];
      if (!w) throw new CableError(`no withheld paragraph ${key} in the plan of ${cable.id}`);
      entry.withheld[key] = { ...w, action };
    } else if (key < entry.redactions.length) {
      const r = entry.redactions[key]!;
      const reason = typeof change.set.reason === 'string' ? change.set.reason.trim().slice(0, 500) : '';
      if (r.source === 'residual') {
        // the second look's finds: redact, or keep with a reason (it goes in the audit log)
        if (action === 'keep' && !reason) throw new CableError('say why you keep it: the reason goes in the audit log');
        const { reason: _old, ...rest } = r;
        entry.redactions[key] = action === 'keep' ? { ...rest, action, reason } : { ...rest, action };
        return { options: state.options, entry, pending: state.pending.filter((k) => k !== key) };
      }
      entry.redactions[key] = { ...r, action };
    } else if (key - entry.redactions.length < entry.added.length) {
      // an added span has no "keep": taking it back removes it from the plan
      if (action === 'keep') entry.added.splice(key - entry.redactions.length, 1);
    } else {
      throw new CableError(`no proposed redaction ${key} in the plan of ${cable.id}`);
    }
  } else {
    const span = spanAt(review.places, review.clean, change.add.start, change.add.end);
    if (!span || !span.value.trim()) throw new CableError('select text inside one field of the clean text (a paragraph, a heading, the subject…) to redact it');
    const paragraph = ['paragraph', 'bullet', 'heading'].includes(span.field) ? (cable.paragraphs[span.index]?.number ?? null) : null;
    const added: PlanAddedSpan = {
      field: span.field,
      paragraph,
      index: span.index,
      ...(span.bullet !== undefined ? { bullet: span.bullet } : {}),
      offset: span.offset,
      length: span.length,
      value: span.value,
      category: 'term',
    };
    entry.added.push(added);
  }
  return { options: state.options, entry, pending: state.pending };
}

function reason(level: Level, marking: string | null, max: Level | null): string {
  return `Withheld: ${marking ? `marked ${level} (${marking})` : `unmarked, so at the cable's level ${level}`}${max ? `, above ${max}` : ''}`;
}

/** What the page shows for a plan entry: proposals and withheld parts at their places, the banner the output will carry. */
export function planView(cable: Cable, review: CableReview, state: PlanState, style: RedactionStyle = 'box'): RedactionView {
  const { entry, options } = state;
  const n = entry.redactions.length;
  const proposals = [
    ...entry.redactions.map((r, key) => ({
      key,
      added: false,
      category: r.category,
      detector: r.detector,
      field: r.field,
      paragraph: r.paragraph ?? null,
      where: placeName(r),
      action: r.action,
      ...(r.source === 'residual' ? { source: 'residual' as const, pending: state.pending.includes(key), ...(r.reason ? { reason: r.reason } : {}) } : {}),
      clean: cleanPlace(r, review.places, review.clean),
      value: r.value,
    })),
    ...entry.added.map((a, i) => ({
      key: n + i,
      added: true,
      category: a.category ?? 'term',
      detector: 'plan',
      field: a.field,
      paragraph: a.paragraph ?? null,
      where: placeName({ field: a.field, paragraph: a.paragraph ?? null, index: a.index, bullet: a.bullet }),
      action: 'redact' as const,
      clean: cleanPlace(a, review.places, review.clean),
      value: a.value,
    })),
  ];
  const withheld = entry.withheld.map((w, key) => {
    const marking = w.field === 'subject' ? cable.subjectMarking?.raw ?? null : cable.paragraphs[w.index]?.marking?.raw ?? null;
    return {
      key,
      field: w.field,
      paragraph: w.paragraph,
      level: w.level,
      action: w.action,
      reason: reason(w.level, marking, options.maxLevel),
      clean: withheldPlace(w.field, w.index, review.places),
    };
  });
  const people = peopleView(entry, review);
  const original = bannerText(cable.classification);
  if (!plansAnything(state)) return { proposals, withheld, people, banner: original, originalBanner: original, notice: null };
  const applied = applyPlan(cable, planFile([state], options), { style }).cable;
  return { proposals, withheld, people, banner: bannerText(applied.classification), originalBanner: original, notice: applied.redaction?.notice ?? null };
}

/** The people the cable protects, one decision each, their mentions and markers at their places in the clean text. */
function peopleView(entry: PlanCable, review: CableReview): PersonView[] {
  const sources = entry.sources ?? [];
  const at = (m: { field: string; paragraph?: number | null; index: number; bullet?: number; offset: number; length: number; value: string }) => ({
    where: placeName({ field: m.field, paragraph: m.paragraph ?? null, index: m.index, bullet: m.bullet }),
    value: m.value,
    clean: cleanPlace(m, review.places, review.clean),
  });
  return sources.map((s, key) => ({
    key,
    person: s.person,
    role: s.role ?? '',
    action: s.action,
    ...(s.reason ? { reason: s.reason } : {}),
    ambiguous: s.ambiguous ?? false,
    candidate: s.candidate ?? false,
    ...(s.review ? { review: s.review } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.candidates
      ? { candidates: s.candidates.map((person) => ({ key: sources.findIndex((c) => c.candidate && c.person === person), person })).filter((c) => c.key >= 0) }
      : {}),
    mentions: s.mentions.map(at),
    markers: s.markers.map(at),
  }));
}

/** The entry of an imported plan for a loaded cable, or null when the plan does not hold it (a changed text throws). */
export function importedState(plan: RedactionPlan, cable: Cable): PlanState | null {
  if (!plan.cables.some((c) => c.id === cable.id)) return null;
  // a plan file's entries are decided: its second-look hits carry their actions (and reasons)
  return { options: plan.options, entry: findPlanCable(plan, cable), pending: [] };
}
