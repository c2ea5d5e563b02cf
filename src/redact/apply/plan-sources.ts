/**
 * The protected sources in a redaction plan: each person the cable protects is ONE entry — every
 * mention of them (places as plans name them, the text there, the id of the name form it holds),
 * the markers that mark them, the forms of the name with their ids — with one `action` for all of
 * them and a `reason` to keep. Besides: the bare-surname mentions another person of the cable
 * shares (an entry of their own, to review), each marker that names no one (with the persons named
 * near it as `candidates`), and each candidate as a person a reviewer may pick (kept unless picked).
 *
 * ```
 * "sources": [
 *   { "cable": "08RIYADH1541", "category": "source", "person": "Sarfraz Khanzada", "role": "Pakistani DCM",
 *     "markers": [ { "field": "paragraph", "paragraph": 1, "index": 3, "offset": 148, "length": 9, "value": "(protect)" } ],
 *     "mentions": [ { "field": "paragraph", "paragraph": 1, "index": 3, "offset": 118, "length": 29,
 *                     "value": "Pakistani DCM Sarfraz Khanzada", "sha256": "…" }, … ],
 *     "forms": [ { "value": "Sarfraz Khanzada", "sha256": "…" }, { "value": "Khanzada", "sha256": "…" } ],
 *     "action": "redact" },
 *   { …, "person": null, "markers": [ … "(protect)" ], "description": "The Canadian Ambassador",
 *     "candidates": ["Bruno Picard", …], "mentions": [], "forms": [], "action": "keep", "reason": "…" },
 *   { …, "person": "Bruno Picard", "candidate": true, "mentions": [ … ], "action": "keep", "reason": "not marked …" } ]
 * ```
 *
 * A form's `sha256` is `nameId` (src/redact/verify/sources.ts): the sha256 of the name's words in
 * lower case, one space apart — the id a refusal names.
 */
import type { Cable } from '../../model/cable.js';
import { findProtectedSources, type PlacedText, type ProtectedPerson } from '../detect/sources.js';
import { nameId } from '../verify/sources.js';
import type { Place } from './fields.js';
import type { Proposal, SourceDecision } from './decisions.js';
import { mentionProposal } from './sources.js';

export interface PlanSourcePlace extends Place {
  value: string;
}

export interface PlanSourceMention extends PlanSourcePlace {
  /** The id of the name form the mention holds (`nameId`). */
  sha256: string;
}

export interface PlanSource {
  cable: string;
  category: 'source';
  /** The person (the fullest name the cable gives), or null for a marker that names no one. */
  person: string | null;
  /** The title or role at the marker. */
  role?: string;
  markers: PlanSourcePlace[];
  mentions: PlanSourceMention[];
  forms: Array<{ value: string; sha256: string }>;
  /** Other people of the cable with the same surname: their names are no mention. */
  others?: string[];
  /** The mentions of the surname alone, which may be one of `others`: decided apart. */
  ambiguous?: boolean;
  /** Not marked: named near a marker that names no one. `redact` picks it. */
  candidate?: boolean;
  /** For a marker that names no one: the words before it, and the persons named near it (each a candidate entry). */
  description?: string;
  candidates?: string[];
  /** Why a person should look at this entry. */
  review?: string;
  action: 'redact' | 'keep';
  /** Why it is kept (required to keep; recorded in the audit log). */
  reason?: string;
}

const NAMES_NO_ONE = 'the marker names no one: protect one of the candidates, or no one';
const NOT_MARKED = 'not marked: a candidate for a marker that names no one';

function forms(p: ProtectedPerson): PlanSource['forms'] {
  return p.forms.map((value) => ({ value, sha256: nameId(value) }));
}

function entry(cable: string, p: ProtectedPerson, mentions: ProtectedPerson['mentions'], extra: Partial<PlanSource>): PlanSource {
  return {
    cable,
    category: 'source',
    person: p.name,
    ...(p.role ? { role: p.role } : {}),
    markers: p.markers.map(place),
    mentions: mentions.map((m) => ({ ...place(m), sha256: nameId(m.form) })),
    forms: forms(p),
    ...(p.others.length ? { others: p.others } : {}),
    ...extra,
    action: extra.action ?? 'redact',
  };
}

function place(p: PlacedText): PlanSourcePlace {
  return { field: p.field, paragraph: p.paragraph, index: p.index, ...(p.bullet !== undefined ? { bullet: p.bullet } : {}), offset: p.offset, length: p.length, value: p.value };
}

/** The plan's source entries for a cable (none when it carries no marker). */
export function planSources(cable: Cable): PlanSource[] {
  const finding = findProtectedSources(cable);
  const out: PlanSource[] = [];
  for (const p of finding.people.filter((x) => !x.candidate)) {
    out.push(entry(cable.id, p, p.mentions, p.review ? { review: p.review } : {}));
    if (p.ambiguous.length) {
      const surname = p.name.split(/\s+/).pop()!;
      out.push(
        entry(cable.id, p, p.ambiguous, {
          ambiguous: true,
          markers: [],
          forms: [{ value: surname, sha256: nameId(surname) }],
          review: `${surname} alone: ${p.name}, or ${p.others.join(' or ')}? redacted unless kept`,
        }),
      );
    }
  }
  for (const u of finding.unresolved) {
    out.push({
      cable: cable.id,
      category: 'source',
      person: null,
      markers: [place(u)],
      mentions: [],
      forms: [],
      description: u.description,
      candidates: u.candidates,
      review: u.candidates.length ? `the marker follows "${u.description.slice(-60)}": it names no one; the persons named near it are candidates` : `the marker follows "${u.description.slice(-60)}": it names no one`,
      action: 'keep',
      reason: NAMES_NO_ONE,
    });
  }
  for (const p of finding.people.filter((x) => x.candidate)) {
    out.push(entry(cable.id, p, [...p.mentions, ...p.ambiguous], { candidate: true, ...(p.review ? { review: p.review } : {}), action: 'keep', reason: NOT_MARKED }));
  }
  return out;
}

/** A source entry's problem, or null: what `parsePlan` says about a malformed one. */
export function sourceEntryProblem(s: PlanSource): string | null {
  if (!s || s.category !== 'source') return 'category must be "source"';
  if (s.action !== 'redact' && s.action !== 'keep') return `action must be "redact" or "keep" (got ${JSON.stringify(s.action)})`;
  if (s.person !== null && typeof s.person !== 'string') return 'person must be a name or null';
  if (!Array.isArray(s.mentions) || !Array.isArray(s.markers) || !Array.isArray(s.forms)) return 'needs markers, mentions and forms (lists)';
  const int = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
  for (const m of [...s.mentions, ...s.markers]) {
    if (!m || typeof m.field !== 'string' || !int(m.index) || !int(m.offset) || !int(m.length) || typeof m.value !== 'string') return 'each mention and marker needs field, index, offset, length and value';
  }
  if (s.forms.some((f) => !f || typeof f.value !== 'string')) return 'each form needs a value';
  if (s.action === 'keep' && s.mentions.length > 0 && !s.reason?.trim()) return 'a protected person is kept only with a "reason" (it goes in the audit log)';
  return null;
}

/** A plan's source entries as decisions: what to redact, what a reviewer kept, and the persons the verifier checks. */
export function sourceDecisionsFromPlan(entries: PlanSource[]): { redactions: Proposal[]; kept: Proposal[]; sources: SourceDecision[] } {
  const redactions: Proposal[] = [];
  const kept: Proposal[] = [];
  const sources: SourceDecision[] = [];
  for (const s of entries) {
    if (s.person === null) continue;
    const proposals = s.mentions.map((m) => mentionProposal({ ...m, form: m.value }));
    if (s.action === 'redact') redactions.push(...proposals);
    // a marked person a reviewer keeps: at those places, with the reason (a candidate left unpicked is no one's decision to record)
    else if (!s.candidate) kept.push(...proposals.map((p) => ({ ...p, ...(s.reason ? { reason: s.reason } : {}) })));
    // the person is checked once, by the forms of the main entry (the surname alone is decided in its own entry)
    if (!s.ambiguous && (s.action === 'redact' || !s.candidate)) sources.push({ person: s.person, forms: s.forms.map((f) => f.value), others: s.others ?? [], action: s.action });
  }
  return { redactions, kept, sources };
}
