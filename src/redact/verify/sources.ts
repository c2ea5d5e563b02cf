/**
 * The check that no form of a protected person's name is left: in the redacted cable's fields (at
 * places, as plans name them) and in every output (the text layer, the PDF's structure tree,
 * outline and document info, every DOCX part, a book's pages). A name is compared as its words:
 * Unicode NFKC, lower case, letters and digits only, any white space, line break or punctuation
 * between words (`Khanzada`, `KHANZADA`, `Sar-⏎fraz Khanzada`, `Khanzada’s`), whole words only —
 * never inside another word, and never a lower-case word (`blunt` is not `Blunt`). It shares no
 * code with the detector (src/redact/detect/sources.ts). A bare surname another person of the
 * cable shares (`Simpson` beside `Jessica Simpson`) is checked in the fields only, where each of its
 * places was decided; in an output it would be that other person too.
 */
import type { Cable } from '../../model/cable.js';
import { CableError } from '../../errors.js';
import { placeName } from './residual.js';
import { placeOf, textSlots, type Place } from '../apply/fields.js';
import { rollingHash, sha256, type Probe } from '../fingerprint.js';

/** A name as the check compares it: its words, lower case, one space apart (`d alotto`, `jean francois ricard`). */
export function nameKey(text: string): string {
  return (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** The id a refusal, a plan and an audit log give a name form: the sha256 of its key. */
export function nameId(text: string): string {
  return sha256(nameKey(text));
}

/** A person the redaction protects, as the check needs it. */
export interface CheckedPerson {
  /** The forms redacted (full name, surname, given name or alias used alone). */
  forms: string[];
  /** Other people of the cable with the same surname (`Jessica Simpson`). */
  others: string[];
}

/** The probes of the people: one per form, its word count in `tokens`; a surname another person shares is left to the fields. */
export function sourceProbes(people: CheckedPerson[]): Probe[] {
  const out = new Map<string, Probe>();
  for (const p of people) {
    const shared = new Set(p.others.map((o) => nameKey(o).split(' ').pop()!));
    for (const form of p.forms) {
      const key = nameKey(form);
      if (!key || (shared.has(key) && !key.includes(' '))) continue;
      out.set(key, { category: 'source', length: key.length, sha256: sha256(key), rolling: rollingHash(key), plain: key, tokens: key.split(' ').length });
    }
  }
  return [...out.values()];
}

interface Word {
  key: string;
  upper: boolean;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const w = m[0];
    out.push({ key: w.normalize('NFKC').toLowerCase(), upper: /\p{Lu}/u.test(w), start: m.index!, end: m.index! + w.length });
  }
  return out;
}

/** Where the probes' names stand in a text: each occurrence with its probe, its offsets and the word before it. */
export function findNames(text: string, probes: Probe[]): Array<{ probe: Probe; start: number; end: number; before: string | null }> {
  const named = probes.filter((p) => p.tokens !== undefined);
  if (named.length === 0) return [];
  const byPlain = new Map(named.filter((p) => p.plain !== undefined).map((p) => [p.plain!, p]));
  const byRolling = new Map<number, Probe[]>();
  for (const p of named) if (p.plain === undefined && p.rolling !== undefined) byRolling.set(p.rolling, [...(byRolling.get(p.rolling) ?? []), p]);
  const hashed = named.filter((p) => p.plain === undefined && p.rolling === undefined);
  // names known in memory: a text none of whose last words it holds (in any case) holds none of them
  if (byRolling.size === 0 && hashed.length === 0) {
    const lower = text.normalize('NFKC').toLowerCase();
    if (![...byPlain.keys()].some((k) => lower.includes(k.slice(k.lastIndexOf(' ') + 1)))) return [];
  }
  const words = wordsOf(text);
  const out: Array<{ probe: Probe; start: number; end: number; before: string | null }> = [];
  const sizes = [...new Set(named.map((p) => p.tokens!))].sort((a, b) => b - a);
  const firsts = byRolling.size || hashed.length ? null : new Set([...byPlain.keys()].map((k) => k.split(' ')[0]!));
  for (const n of sizes) {
    for (let i = 0; i + n <= words.length; i++) {
      if (firsts && !firsts.has(words[i]!.key)) continue;
      const window = words.slice(i, i + n);
      if (!window.some((w) => w.upper)) continue;
      const key = window.map((w) => w.key).join(' ');
      let probe = byPlain.get(key);
      if (!probe && (byRolling.size || hashed.length)) {
        const candidates = [...(byRolling.get(rollingHash(key)) ?? []), ...hashed];
        if (candidates.length) {
          const h = sha256(key);
          probe = candidates.find((c) => c.sha256 === h);
        }
      }
      if (probe && probe.tokens === n) out.push({ probe, start: window[0]!.start, end: window[n - 1]!.end, before: words[i - 1]?.key ?? null });
    }
  }
  return out;
}

/** Is any probe's name in the text? (The output check: one leak per part.) */
export function namesIn(text: string, probes: Probe[]): Probe[] {
  const seen = new Map<string, Probe>();
  for (const hit of findNames(text, probes)) seen.set(hit.probe.sha256, hit.probe);
  return [...seen.values()];
}

/** A form of a protected name left in a field of the redacted cable. */
export interface SourceFieldHit {
  place: Place;
  /** The text found (in memory only). */
  text: string;
  /** The id of the form: `nameId`. */
  sha256: string;
}

/**
 * The forms of the people's names still in the redacted cable's fields, except at places a
 * reviewer kept and inside another person's name that shares the surname (`Jessica Simpson`).
 */
export function sourceFieldHits(cable: Cable, people: CheckedPerson[], keptPlaces: Place[] = []): SourceFieldHit[] {
  if (people.length === 0) return [];
  const probes = new Map<string, Probe>();
  const othersGiven = new Map<string, Set<string>>();
  for (const p of people) {
    for (const form of p.forms) {
      const key = nameKey(form);
      if (!key) continue;
      probes.set(key, { category: 'source', length: key.length, sha256: sha256(key), plain: key, tokens: key.split(' ').length });
      for (const o of p.others) {
        const words = nameKey(o).split(' ');
        const set = othersGiven.get(key) ?? new Set<string>();
        set.add(words[words.length - 2] ?? '');
        othersGiven.set(key, set);
      }
    }
  }
  const list = [...probes.values()];
  const hits: SourceFieldHit[] = [];
  for (const slot of textSlots(cable)) {
    for (const hit of findNames(slot.text, list)) {
      if (hit.before !== null && othersGiven.get(hit.probe.plain!)?.has(hit.before)) continue;
      const place = placeOf(slot, hit.start, hit.end);
      const kept = keptPlaces.some((k) => k.field === place.field && k.index === place.index && k.bullet === place.bullet && k.offset < place.offset + place.length && place.offset < k.offset + k.length);
      if (kept) continue;
      // a shorter form inside a longer one found at the same place is the same hit
      if (hits.some((h) => h.place.field === place.field && h.place.index === place.index && h.place.bullet === place.bullet && h.place.offset <= place.offset && place.offset + place.length <= h.place.offset + h.place.length)) continue;
      hits.push({ place, text: slot.text.slice(hit.start, hit.end), sha256: hit.probe.sha256 });
    }
  }
  return hits;
}

/**
 * A form of a protected name left in the redacted cable's fields: the conversion fails closed and
 * the line names each place and the form's id — the id `cablekit plan` gives the form in the
 * person's entry, where every mention is decided (redact or keep, with a reason).
 */
export class SourceLeakError extends CableError {
  constructor(
    readonly hits: SourceFieldHit[],
    file: string | null = null,
  ) {
    const what = [...new Set(hits.map((h) => `source (${h.sha256.slice(0, 12)}) in ${placeName(h.place)}`))];
    const shown = what.length > 6 ? [...what.slice(0, 6), `${what.length - 6} more`] : what;
    super(`a protected source is still named after redaction: ${shown.join(', ')}; decide each mention in a plan (cablekit plan lists every mention of each person)`, file);
    this.name = 'SourceLeakError';
  }
}

/** Throws SourceLeakError when a form of a redacted person's name is left in the cable's fields. */
export function checkSourceFields(cable: Cable, people: CheckedPerson[], keptPlaces: Place[], file: string | null): void {
  const hits = sourceFieldHits(cable, people, keptPlaces);
  if (hits.length) throw new SourceLeakError(hits, file);
}
