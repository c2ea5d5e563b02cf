/**
 * The apply step: one transform Cable → Cable. It proposes (the level filter's withheld parts,
 * then the detectors on every text field that can carry contact details) and applies: each span
 * becomes a fixed-length placeholder with a `redaction` Mark where the model has marks, withheld
 * paragraphs become placeholders, repairs and warnings are scrubbed. A reviewed plan
 * (src/redact/apply/plan.ts) replaces the proposing step with its own decisions. Returns the report the
 * audit log and the verifier are made from.
 */
import type { Bullet, Cable, Level, Mark, Paragraph, Recipient } from '../../model/cable.js';
import { detect } from '../detect/registry.js';
import { isLineField, placeOf, slotKey, startInSlot, textSlots, type Place, type TextSlot } from './fields.js';
import { compact, valueProbe, withheldProbes, type Probe } from '../fingerprint.js';
import { repeatedValues } from './repeats.js';
import { levelProposals, withholdParts, type WithheldPart } from './level.js';
import { regionForOrigin } from '../detect/region.js';
import type { DetectContext, RedactionCategory, Span } from '../types.js';
import { CableError } from '../../errors.js';

export type RedactionStyle = 'box' | 'label';

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
  /** `email`, `url`, `phone`, `terms`, `pattern`, `names`, `residual` for a second-look hit, or `plan` for a span a reviewer added. */
  detector: string;
  value: string;
  /** Why a reviewer kept it (required for a second-look hit kept in a plan). */
  reason?: string;
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
}

export const BOX_LENGTH = 8;

export function placeholder(category: string, style: RedactionStyle): string {
  return style === 'label' ? `[REDACTED ${category.toUpperCase()}]` : '█'.repeat(BOX_LENGTH);
}

interface Edited {
  text: string;
  marks: Mark[];
}

/** Replaces spans (sorted, disjoint) and carries existing marks over to the new offsets. */
function rewrite(text: string, spans: Span[], style: RedactionStyle, oldMarks: Mark[] = []): Edited {
  let out = '';
  let last = 0;
  const marks: Mark[] = [];
  const shift: { at: number; delta: number }[] = [];
  for (const span of spans) {
    out += text.slice(last, span.start);
    const ph = placeholder(span.category, style);
    marks.push({ kind: 'redaction', start: out.length, end: out.length + ph.length, category: span.category });
    out += ph;
    shift.push({ at: span.end, delta: ph.length - (span.end - span.start) });
    last = span.end;
  }
  out += text.slice(last);
  const move = (offset: number): number => offset + shift.filter((s) => s.at <= offset).reduce((a, s) => a + s.delta, 0);
  for (const mark of oldMarks) {
    if (spans.some((s) => mark.start < s.end && s.start < mark.end)) continue;
    marks.push({ ...mark, start: move(mark.start), end: move(mark.end) });
  }
  marks.sort((a, b) => a.start - b.start);
  return { text: out, marks };
}

export interface ProposeSettings {
  categories?: RedactionCategory[];
  terms?: string[];
  patterns?: string[];
  region?: string;
}

function contextFor(cable: Cable, settings: ProposeSettings): { categories: Set<RedactionCategory>; context: DetectContext } {
  const categories = new Set<RedactionCategory>(settings.categories ?? []);
  if (settings.terms?.length) categories.add('term');
  if (settings.patterns?.length) categories.add('pattern');
  return { categories, context: { region: settings.region ?? regionForOrigin(cable.origin), terms: settings.terms, patterns: settings.patterns } };
}

/**
 * Everything the detectors find in a cable's text fields, as places. `skipParagraph(i)` leaves
 * out paragraphs that will not be shown; a plan proposes in every paragraph, so a reviewer who
 * keeps a withheld paragraph still has its contacts listed.
 */
export function proposeRedactions(cable: Cable, settings: ProposeSettings, skipParagraph?: (index: number) => boolean): Proposal[] {
  const { categories, context } = contextFor(cable, settings);
  if (categories.size === 0) return [];
  const out: Proposal[] = [];
  const slots = textSlots(cable, skipParagraph);
  for (const slot of slots) {
    for (const s of detect(slot.text, categories, context)) {
      out.push({ ...placeOf(slot, s.start, s.end), category: s.category, detector: s.detector ?? s.category, value: slot.text.slice(s.start, s.end) });
    }
  }
  // a value found at one place goes wherever else the cable holds it (the verifier looks for it everywhere)
  const repeats = repeatedValues(slots, out, (slot, start, end, from) => ({
    ...placeOf(slot, start, end),
    category: from.category,
    detector: from.detector,
    value: slot.text.slice(start, end),
  }));
  return repeats.length ? [...out, ...repeats] : out;
}

/** The detectors and the level filter's proposals for a cable, all applied: what `--redact` does without a plan. */
export function proposeDecisions(cable: Cable, options: RedactOptions): RedactionDecisions {
  const withheld = options.maxLevel ? levelProposals(cable, options.maxLevel) : [];
  const skip = new Set(withheld.filter((w) => w.field === 'paragraph').map((w) => w.index));
  const { categories } = contextFor(cable, options);
  return {
    redactions: proposeRedactions(cable, options, (i) => skip.has(i)),
    withheld,
    categories: [...categories],
    ...(options.maxLevel ? { maxLevel: options.maxLevel } : {}),
  };
}

export function redactCable(cable: Cable, options: RedactOptions): { cable: Cable; report: RedactionReport } {
  return applyDecisions(cable, options.decisions ?? proposeDecisions(cable, options), options);
}

/**
 * Applies decisions: withholds, replaces each redaction's span (the value must still be there),
 * searches reviewer terms, scrubs repairs and warnings. Throws a CableError naming the place when a
 * redaction does not match the cable's text.
 */
export function applyDecisions(
  cable: Cable,
  decisions: RedactionDecisions,
  options: Pick<RedactOptions, 'style' | 'region'> = {},
): { cable: Cable; report: RedactionReport } {
  const style = options.style ?? 'box';
  const { cable: working, withheld } = decisions.withheld.length ? withholdParts(cable, decisions.withheld) : { cable, withheld: [] as WithheldPart[] };
  const withheldIndex = new Set(withheld.filter((w) => w.field === 'paragraph').map((w) => w.index));

  // the spans to replace, per slot of the filtered cable
  const slots = new Map<string, TextSlot>();
  for (const slot of textSlots(working)) slots.set(slotKey(slot.field, slot.index, slot.bullet), slot);
  const spansBySlot = new Map<string, Span[]>();
  const records: RedactionRecord[] = [];
  const addSpan = (key: string, span: Span): void => {
    let list = spansBySlot.get(key);
    if (!list) spansBySlot.set(key, (list = []));
    list.push(span);
  };
  for (const r of decisions.redactions) {
    if ((r.field === 'paragraph' || r.field === 'bullet' || r.field === 'heading') && withheldIndex.has(r.index)) continue;
    const index = lineIndexAfter(r, withheld);
    if (index === null) continue; // its header line went with the level filter
    const key = slotKey(r.field, index, r.bullet);
    const slot = slots.get(key);
    const start = slot ? startInSlot(slot, { ...r, index }) : null;
    if (!slot || start === null || slot.text.slice(start, start + r.length) !== r.value) throw new RedactionMismatch(r);
    addSpan(key, { category: r.category, start, end: start + r.length, detector: r.detector });
  }
  // terms a reviewer added: searched now, in what is still shown
  if (decisions.terms?.length) {
    const context: DetectContext = { terms: decisions.terms };
    for (const [key, slot] of slots) {
      for (const s of detect(slot.text, new Set(['term']), context)) addSpan(key, { ...s, detector: 'plan' });
    }
  }

  // where the kept values stand: checked at their place in the filtered cable, moved past the placeholders later
  const keptSpans: { key: string; start: number; end: number; value: string }[] = [];
  for (const k of decisions.kept ?? []) {
    if ((k.field === 'paragraph' || k.field === 'bullet' || k.field === 'heading') && withheldIndex.has(k.index)) continue;
    const index = lineIndexAfter(k, withheld);
    if (index === null) continue;
    const key = slotKey(k.field, index, k.bullet);
    const slot = slots.get(key);
    const start = slot ? startInSlot(slot, { ...k, index }) : null;
    if (!slot || start === null || slot.text.slice(start, start + k.length) !== k.value) continue; // not there: it lets nothing through
    keptSpans.push({ key, start, end: start + k.length, value: k.value });
  }

  const edited = new Map<string, { text: string; marks: Mark[] | undefined }>();
  for (const [key, list] of spansBySlot) {
    const slot = slots.get(key)!;
    const spans = disjoint(list);
    for (const s of spans) {
      records.push({
        ...placeOf(slot, s.start, s.end),
        category: s.category,
        value: slot.text.slice(s.start, s.end),
        ...(s.detector ? { detector: s.detector } : {}),
      });
    }
    edited.set(key, rewrite(slot.text, spans, style, marksOf(working, slot)));
    // a kept span moves by what the placeholders before it changed; one a redaction overlaps is gone
    for (const k of keptSpans) {
      if (k.key !== key) continue;
      if (spans.some((sp) => sp.start < k.end && k.start < sp.end)) {
        k.start = -1;
        continue;
      }
      const delta = spans.filter((sp) => sp.end <= k.start).reduce((a, sp) => a + placeholder(sp.category, style).length - (sp.end - sp.start), 0);
      k.start += delta;
      k.end += delta;
    }
  }
  const text = (field: string, index: number, original: string, bullet?: number): string => edited.get(slotKey(field, index, bullet))?.text ?? original;
  const maybe = (field: string, value: string | null): string | null => (value === null ? null : text(field, 0, value));
  const lines = (field: string, list: string[]): string[] => {
    const e = edited.get(field);
    if (!e) return list;
    const out = e.text.split('\n');
    // a value spanning lines leaves its later lines shorter; the line count stays
    return out.length === list.length ? out : [out.join(' ')];
  };
  const recipients = (field: 'to' | 'info', list: Recipient[]): Recipient[] => {
    const names = lines(field, list.map((r) => r.name));
    if (names.length === list.length) return list.map((r, i) => (names[i] === r.name ? r : { ...r, name: names[i]! }));
    return [{ name: names.join(' '), route: null, precedence: null, serial: null }];
  };

  const paragraphs: Paragraph[] = working.paragraphs.map((p, index) => {
    if (p.withheld) return p;
    const heading = p.heading === null ? null : text('heading', index, p.heading);
    const body = edited.get(slotKey('paragraph', index));
    const bullets: Bullet[] = p.bullets.map((b, bi) => {
      const e = edited.get(slotKey('bullet', index, bi));
      return e ? { ...b, text: e.text, marks: e.marks ?? [] } : b;
    });
    const next: Paragraph = { ...p, heading, text: body?.text ?? p.text, bullets };
    if (body?.marks !== undefined) next.marks = body.marks;
    return next;
  });

  const redacted: Cable = {
    ...working,
    from: maybe('from', working.from),
    to: recipients('to', working.to),
    info: recipients('info', working.info),
    routing: lines('routing', working.routing),
    tags: working.tags.map((t, i) => text('tags', i, t)),
    subject: maybe('subject', working.subject),
    // The summary repeats body text: when the level filter withheld anything, it is dropped (fail safe).
    summary: withheld.length ? null : maybe('summary', working.summary),
    references: working.references.map((r, i) => ({ ...r, text: text('reference', i, r.text) })),
    classifiedBy: maybe('classifiedBy', working.classifiedBy),
    handling: lines('handling', working.handling),
    notes: lines('notes', working.notes),
    paragraphs,
    signature: maybe('signature', working.signature),
    footer: lines('footer', working.footer),
  };

  // probes: every removed value and every withheld text
  const probes: Probe[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const p = valueProbe(r.category, r.value);
    if (p && !seen.has(p.sha256)) {
      seen.add(p.sha256);
      probes.push(p);
    }
  }
  // A chunk of withheld text that the kept text also shows (a phrase two paragraphs share) is no
  // evidence of a leak: searching for it would refuse every correct output.
  const shown = withheld.length ? compact(shownText(redacted)) : '';
  for (const w of withheld) {
    for (const p of withheldProbes(w.text, shown)) {
      if (!seen.has(p.sha256)) {
        seen.add(p.sha256);
        probes.push(p);
      }
    }
  }

  // everything removed, whole (withheld texts unchunked), for scrubbing what quotes the input
  const removed = [...probes.filter((p) => p.category !== 'withheld').map((p) => p.plain!), ...withheld.map((w) => compact(w.text))].filter(
    (c) => c.length > 0,
  );
  const kept = new Set((decisions.kept ?? []).map((k) => compact(k.value)).filter((c) => c.length > 0));
  // repairs and warnings quote the input: detect in them too (except what a reviewer kept), and
  // drop any that still share text with a removed value
  const scrubCategories = new Set<RedactionCategory>(decisions.categories);
  const { context } = contextFor(working, { categories: decisions.categories, region: options.region });
  const scrubbed = { repairs: 0, warnings: 0 };
  const scrub = (t: string): string => {
    const spans = scrubCategories.size ? detect(t, scrubCategories, context).filter((s) => !kept.has(compact(t.slice(s.start, s.end)))) : [];
    const once = spans.length ? rewrite(t, spans, style).text : t;
    return sharesText(once, removed) ? placeholder('text', style) : once;
  };
  const repairs = working.repairs.map((r) => {
    const before = scrub(r.before);
    const after = scrub(r.after);
    if (before === r.before && after === r.after) return r;
    scrubbed.repairs++;
    return { ...r, before, after };
  });
  const warnings = working.warnings.map((w) => {
    const message = scrub(w.message);
    if (message === w.message) return w;
    scrubbed.warnings++;
    return { ...w, message };
  });

  const counts: Record<string, number> = {};
  for (const r of records) counts[r.category] = (counts[r.category] ?? 0) + 1;

  const requested = [...decisions.categories];
  if (decisions.terms?.length && !requested.includes('term')) requested.push('term');
  const parts: string[] = [];
  if (requested.length) parts.push(`removed: ${describe(requested)}`);
  const lowered = working.classification.level !== cable.classification.level;
  if (decisions.maxLevel || withheld.length) {
    const paragraphCount = withheld.filter((w) => w.field === 'paragraph' || w.field === 'subject').length;
    parts.push(
      (decisions.maxLevel ? `paragraphs marked above ${decisions.maxLevel} withheld (${paragraphCount})` : `paragraphs withheld (${paragraphCount})`) +
        (lowered ? `; originally ${cable.classification.level}` : ''),
    );
  }
  const notice = `Redacted version — ${parts.join('; ') || 'nothing removed'}.`;

  const out: Cable = {
    ...redacted,
    repairs,
    warnings,
    redaction: {
      notice,
      categories: requested,
      ...(decisions.maxLevel ? { maxLevel: decisions.maxLevel } : {}),
      ...(lowered ? { originalLevel: cable.classification.level } : {}),
      counts,
      withheld: withheld.filter((w) => w.field === 'paragraph' || w.field === 'subject').length,
    },
  };
  // the kept places in the redacted cable, each checked to hold its value there
  const keptPlaces: Place[] = [];
  if (keptSpans.length) {
    const outSlots = new Map(textSlots(out).map((slot) => [slotKey(slot.field, slot.index, slot.bullet), slot]));
    for (const k of keptSpans) {
      const slot = outSlots.get(k.key);
      if (k.start < 0 || !slot || slot.text.slice(k.start, k.end) !== k.value) continue;
      keptPlaces.push(placeOf(slot, k.start, k.end));
    }
  }
  const toRecord = (p: Proposal): RedactionRecord => {
    const { detector, ...rest } = p;
    return { ...rest, detector };
  };
  return {
    cable: out,
    report: {
      redactions: records,
      withheld,
      kept: (decisions.kept ?? []).map(toRecord),
      keptPlaces,
      keptWithheld: decisions.keptWithheld ?? [],
      counts,
      scrubbed,
      probes,
    },
  };
}

/** A redaction whose value is not at its place: the plan was made for another text. */
export class RedactionMismatch extends CableError {
  constructor(readonly place: Proposal) {
    const where = place.paragraph !== null ? `${place.field} of paragraph ${place.paragraph}` : `${place.field} ${place.index}`;
    super(`redaction does not match the cable text: ${place.category} in ${where} at offset ${place.offset}`);
    this.name = 'RedactionMismatch';
  }
}

/**
 * A proposal's line index once the level filter has removed header lines that echoed the old
 * classification, or null when its own line went. Other fields keep their index.
 */
function lineIndexAfter(r: Place, withheld: WithheldPart[]): number | null {
  if (!isLineField(r.field)) return r.index;
  let index = r.index;
  for (const w of withheld) {
    if (w.field !== r.field) continue;
    if (w.index === r.index) return null;
    if (w.index < r.index) index--;
  }
  return index;
}

/** The marks a slot's text already carries (publisher redactions), for paragraphs and bullets. */
function marksOf(cable: Cable, slot: TextSlot): Mark[] {
  const p = cable.paragraphs[slot.index];
  if (!p) return [];
  if (slot.field === 'paragraph') return p.marks ?? [];
  if (slot.field === 'bullet') return p.bullets[slot.bullet ?? -1]?.marks ?? [];
  return [];
}

/** Sorted spans made disjoint (a reviewer's span may overlap a proposal). */
function disjoint(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

function describe(categories: RedactionCategory[]): string {
  const names: Record<RedactionCategory, string> = {
    email: 'email addresses',
    url: 'web addresses',
    phone: 'phone numbers',
    fax: 'fax numbers',
    address: 'postal addresses',
    term: 'listed terms',
    pattern: 'matches of given patterns',
    name: 'names of contacts',
  };
  return categories.map((c) => names[c]).join(', ');
}

/** Does `text` still share 12+ compact characters (or a whole short value) with anything removed? */
function sharesText(text: string, removed: string[]): boolean {
  const c = compact(text);
  if (c.length === 0) return false;
  for (const plain of removed) {
    if (c.includes(plain)) return true;
    if (c.length >= 6 && windows(c, 12).some((w) => plain.includes(w))) return true;
  }
  return false;
}

function windows(s: string, n: number): string[] {
  if (s.length <= n) return [s];
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

/**
 * The body text a redacted cable still shows, for telling shared phrases (two paragraphs quoting
 * the same words) from leaks. Header lines do not count: a header that repeats a withheld subject
 * or paragraph (`Subject: …` in a mail export's header) is a leak, not a shared phrase.
 */
function shownText(cable: Cable): string {
  const parts: Array<string | null> = [cable.subject, cable.summary, cable.signature];
  for (const p of cable.paragraphs) {
    if (p.withheld) continue;
    parts.push(p.heading, p.text, ...p.bullets.map((b) => b.text));
  }
  return parts.filter((s): s is string => !!s).join('\n');
}
