/**
 * The apply step: one transform Cable → Cable. It proposes (the level filter's withheld parts,
 * the detectors on every text field that can carry contact details, the protected-sources
 * detector on the whole cable) and applies: each span becomes a fixed-length placeholder with a
 * `redaction` Mark where the model has marks, withheld paragraphs become placeholders, repairs and
 * warnings are scrubbed. A reviewed plan (src/redact/apply/plan.ts) replaces the proposing step
 * with its own decisions. Returns the report the audit log and the verifier are made from.
 */
import type { Bullet, Cable, Mark, Paragraph, Recipient } from '../../model/cable.js';
import { sourceRedactionRuns } from '../../model/source-redactions.js';
import { CableError } from '../../errors.js';
import { detect } from '../detect/registry.js';
import { isLineField, placeOf, slotKey, startInSlot, textSlots, type Place, type TextSlot } from './fields.js';
import { compact, valueProbe, withheldProbes, type Probe } from '../fingerprint.js';
import { repeatedValues } from './repeats.js';
import { levelProposals, withholdParts, type WithheldPart } from './level.js';
import { regionForOrigin } from '../detect/region.js';
import { disjoint, placeholder, rewrite } from './rewrite.js';
import { BOX_GLYPH, type RedactionStyle } from '../../model/redaction.js';
import { scrubQuotes, shownText } from './scrub.js';
import { proposeSources } from './sources.js';
import { sourceProbes } from '../verify/sources.js';
import type { Proposal, RedactionDecisions, RedactionRecord, RedactionReport, RedactOptions, SourceDecision } from './decisions.js';
import type { DetectContext, RedactionCategory, Span } from '../types.js';

export { placeholder } from './rewrite.js';
export type { Proposal, RedactionDecisions, RedactionRecord, RedactionReport, RedactOptions, SourceDecision } from './decisions.js';

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

/** The categories the per-text detectors find (not `source`, found on the whole cable). */
function textCategories(categories: Set<RedactionCategory>): Set<RedactionCategory> {
  if (!categories.has('source')) return categories;
  const out = new Set(categories);
  out.delete('source');
  return out;
}

/**
 * Everything the detectors find in a cable's text fields, as places. `skipParagraph(i)` leaves
 * out paragraphs that will not be shown; a plan proposes in every paragraph, so a reviewer who
 * keeps a withheld paragraph still has its contacts listed. (The protected sources are proposed
 * apart, on the whole cable: `proposeSources`.)
 */
export function proposeRedactions(cable: Cable, settings: ProposeSettings, skipParagraph?: (index: number) => boolean): Proposal[] {
  const { categories: all, context } = contextFor(cable, settings);
  const categories = textCategories(all);
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
  const sources = categories.has('source') ? proposeSources(cable) : null;
  // a cable without a marker protects no one: its notice and audit log do not name the category
  if (sources && sources.sources.length === 0 && sources.review.length === 0) categories.delete('source');
  return {
    redactions: [...proposeRedactions(cable, options, (i) => skip.has(i)), ...(sources?.redactions ?? [])],
    withheld,
    categories: [...categories],
    ...(options.maxLevel ? { maxLevel: options.maxLevel } : {}),
    ...(sources?.sources.length ? { sources: sources.sources } : {}),
    ...(sources?.review.length ? { review: sources.review } : {}),
  };
}

export function redactCable(cable: Cable, options: RedactOptions): { cable: Cable; report: RedactionReport } {
  return applyDecisions(cable, options.decisions ?? proposeDecisions(cable, options), options);
}

/** A kept value's span in a slot of the filtered cable, moved past the placeholders before it as they are made. */
interface KeptSpan {
  key: string;
  start: number;
  end: number;
  value: string;
}

/** The slots of the filtered cable by key, and the place of a decision in them (null: its paragraph or line was withheld). */
interface Located {
  slots: Map<string, TextSlot>;
  locate(r: Proposal): { key: string; slot: TextSlot | undefined; start: number | null } | null;
}

function locator(working: Cable, withheld: WithheldPart[]): Located {
  const withheldIndex = new Set(withheld.filter((w) => w.field === 'paragraph').map((w) => w.index));
  const slots = new Map<string, TextSlot>();
  for (const slot of textSlots(working)) slots.set(slotKey(slot.field, slot.index, slot.bullet), slot);
  return {
    slots,
    locate(r) {
      if ((r.field === 'paragraph' || r.field === 'bullet' || r.field === 'heading') && withheldIndex.has(r.index)) return null;
      const index = lineIndexAfter(r, withheld);
      if (index === null) return null; // its header line went with the level filter
      const key = slotKey(r.field, index, r.bullet);
      const slot = slots.get(key);
      return { key, slot, start: slot ? startInSlot(slot, { ...r, index }) : null };
    },
  };
}

/** The spans to replace per slot (each redaction's value checked at its place, reviewer terms searched), and where kept values stand. */
function spansToReplace(decisions: RedactionDecisions, at: Located): { spansBySlot: Map<string, Span[]>; keptSpans: KeptSpan[] } {
  const spansBySlot = new Map<string, Span[]>();
  const addSpan = (key: string, span: Span): void => {
    let list = spansBySlot.get(key);
    if (!list) spansBySlot.set(key, (list = []));
    list.push(span);
  };
  for (const r of decisions.redactions) {
    const found = at.locate(r);
    if (!found) continue;
    const { key, slot, start } = found;
    if (!slot || start === null || slot.text.slice(start, start + r.length) !== r.value) throw new RedactionMismatch(r);
    addSpan(key, { category: r.category, start, end: start + r.length, detector: r.detector });
  }
  // terms a reviewer added: searched now, in what is still shown
  if (decisions.terms?.length) {
    const context: DetectContext = { terms: decisions.terms };
    for (const [key, slot] of at.slots) {
      for (const s of detect(slot.text, new Set(['term']), context)) addSpan(key, { ...s, detector: 'plan' });
    }
  }
  // where the kept values stand: checked at their place in the filtered cable, moved past the placeholders later
  const keptSpans: KeptSpan[] = [];
  for (const k of decisions.kept ?? []) {
    const found = at.locate(k);
    if (!found?.slot || found.start === null || found.slot.text.slice(found.start, found.start + k.length) !== k.value) continue; // not there: it lets nothing through
    keptSpans.push({ key: found.key, start: found.start, end: found.start + k.length, value: k.value });
  }
  return { spansBySlot, keptSpans };
}

/** Each slot's text with its spans replaced (and a record of each), kept spans moved past the placeholders before them. */
function replaceSpans(
  working: Cable,
  at: Located,
  spansBySlot: Map<string, Span[]>,
  keptSpans: KeptSpan[],
  style: RedactionStyle,
): { edited: Map<string, { text: string; marks: Mark[] | undefined }>; records: RedactionRecord[] } {
  const edited = new Map<string, { text: string; marks: Mark[] | undefined }>();
  const records: RedactionRecord[] = [];
  for (const [key, list] of spansBySlot) {
    const slot = at.slots.get(key)!;
    const spans = disjoint(list);
    for (const s of spans) {
      records.push({ ...placeOf(slot, s.start, s.end), category: s.category, value: slot.text.slice(s.start, s.end), ...(s.detector ? { detector: s.detector } : {}) });
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
  return { edited, records };
}

/** The filtered cable with each field's edited text in place. */
function withEditedFields(working: Cable, edited: Map<string, { text: string; marks: Mark[] | undefined }>, withheld: WithheldPart[]): Cable {
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
  return {
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
}

/**
 * What the verifier searches outputs for: every removed value (a protected person's mentions
 * apart: their names are searched as words, every form of each person redacted) and every chunk of
 * withheld text that the kept text does not also show.
 */
function probesFor(records: RedactionRecord[], withheld: WithheldPart[], redacted: Cable, sources: SourceDecision[]): Probe[] {
  const probes: Probe[] = [];
  const seen = new Set<string>();
  const add = (p: Probe | null): void => {
    if (p && !seen.has(p.sha256)) {
      seen.add(p.sha256);
      probes.push(p);
    }
  };
  for (const r of records) if (r.category !== 'source') add(valueProbe(r.category, r.value));
  for (const p of sourceProbes(sources)) add(p);
  // A chunk of withheld text that the kept text also shows (a phrase two paragraphs share) is no
  // evidence of a leak: searching for it would refuse every correct output.
  const shown = withheld.length ? compact(shownText(redacted)) : '';
  for (const w of withheld) for (const p of withheldProbes(w.text, shown)) add(p);
  return probes;
}

function noticeFor(cable: Cable, working: Cable, decisions: RedactionDecisions, withheld: WithheldPart[]): { notice: string; requested: RedactionCategory[]; lowered: boolean } {
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
  return { notice: `Redacted version — ${parts.join('; ') || 'nothing removed'}.`, requested, lowered };
}

/** The kept places in the redacted cable, each checked to hold its value there. */
function keptPlacesIn(out: Cable, keptSpans: KeptSpan[]): Place[] {
  const keptPlaces: Place[] = [];
  if (keptSpans.length === 0) return keptPlaces;
  const outSlots = new Map(textSlots(out).map((slot) => [slotKey(slot.field, slot.index, slot.bullet), slot]));
  for (const k of keptSpans) {
    const slot = outSlots.get(k.key);
    if (k.start < 0 || !slot || slot.text.slice(k.start, k.end) !== k.value) continue;
    keptPlaces.push(placeOf(slot, k.start, k.end));
  }
  return keptPlaces;
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
  const at = locator(working, withheld);
  const { spansBySlot, keptSpans } = spansToReplace(decisions, at);
  const { edited, records } = replaceSpans(working, at, spansBySlot, keptSpans, style);
  const redacted = withEditedFields(working, edited, withheld);
  const sources = (decisions.sources ?? []).filter((s) => s.action === 'redact');
  const probes = probesFor(records, withheld, redacted, sources);

  // repairs and warnings quote the input: scrubbed of everything removed, whole (withheld texts unchunked)
  const removed = [
    ...probes.filter((p) => p.category !== 'withheld' && p.tokens === undefined).map((p) => p.plain!),
    ...records.filter((r) => r.category === 'source').map((r) => compact(r.value)),
    ...withheld.map((w) => compact(w.text)),
  ].filter((c) => c.length > 0);
  const kept = new Set((decisions.kept ?? []).map((k) => compact(k.value)).filter((c) => c.length > 0));
  const { context } = contextFor(working, { categories: decisions.categories, region: options.region });
  const quotes = scrubQuotes(working, { categories: decisions.categories, context, removed, kept, style });

  const counts: Record<string, number> = {};
  for (const r of records) counts[r.category] = (counts[r.category] ?? 0) + 1;
  const { notice, requested, lowered } = noticeFor(cable, working, decisions, withheld);
  const out: Cable = {
    ...redacted,
    repairs: quotes.repairs,
    warnings: quotes.warnings,
    redaction: {
      notice,
      categories: requested,
      ...(decisions.maxLevel ? { maxLevel: decisions.maxLevel } : {}),
      ...(lowered ? { originalLevel: cable.classification.level } : {}),
      counts,
      withheld: withheld.filter((w) => w.field === 'paragraph' || w.field === 'subject').length,
    },
  };
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
      keptPlaces: keptPlacesIn(out, keptSpans),
      keptWithheld: decisions.keptWithheld ?? [],
      counts,
      scrubbed: quotes.scrubbed,
      probes,
      sourceRedactions: countSourceRedactions(cable),
      sources,
      review: decisions.review ?? [],
    },
  };
}

/** The runs of X in the cable's fields: redactions made in the source (the audit log says how many). */
function countSourceRedactions(cable: Cable): number {
  let n = 0;
  for (const slot of textSlots(cable)) n += sourceRedactionRuns(slot.text).filter((r) => !r.text.startsWith(BOX_GLYPH)).length;
  return n;
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
    source: 'names of protected sources',
  };
  return categories.map((c) => names[c]).join(', ');
}
