/**
 * The protected-sources detector (`--redact sources`), on the whole cable rather than one text: a
 * drafter marks a person whose identity must be protected right after the name
 * (`Pakistani DCM Sarfraz Khanzada (protect)`), and the same person is named again anywhere in the
 * cable — before the marker too (the subject, the summary), by surname alone, with a title, in
 * capitals, with a possessive, across a line break. This module finds each marker
 * (./source-markers.ts), the person it marks (./person-names.ts: the name right before it with its
 * title or role; the name a comma-description follows; the full name the cable gives a bare surname)
 * and every mention of that person in every field. It proposes; the apply step redacts and the
 * plan lists each person as one decision. What it cannot decide it leaves to a reviewer: a marker
 * after a description or a pronoun (`a contact in the MFA (protect)`, `he noted (please protect)`)
 * names no one, so the persons named near it are offered as candidates; a surname another person in
 * the cable shares makes its bare mentions a separate entry to review.
 */
import type { Cable } from '../../model/cable.js';
import { sourceRedactionRuns } from '../../model/source-redactions.js';
import { placeOf, textSlots, type Place, type TextSlot } from '../apply/fields.js';
import { findSourceMarkers, mayHoldMarker, type SourceMarker } from './source-markers.js';
import { findForms, HONORIFICS, isParticle, isRoleWord, nameBefore, nameRuns, personalName, wordGivenName, type NameRun, type Token } from './person-names.js';
import { allRuns, SlotWords, tokenBefore } from './source-words.js';
import { candidatesFor } from './source-candidates.js';

/** A place in a field with the text that stands there. */
export interface PlacedText extends Place {
  value: string;
}

/** One mention of a person: its place, the text there (title included), and the form of the name it holds. */
export interface SourceMention extends PlacedText {
  form: string;
}

export interface ProtectedPerson {
  /** The fullest name the cable gives (`Jean-Francois Ricard`). */
  name: string;
  /** The title or role at the marker (`Pakistani DCM`), or ``. */
  role: string;
  /** The forms of the name searched for: the full name, its endings (the surname), a given name or alias the cable uses alone. */
  forms: string[];
  /** The markers that mark this person (none for a candidate). */
  markers: PlacedText[];
  mentions: SourceMention[];
  /** Other people of the cable with the same surname (`Jessica Simpson`): their names are no mention. */
  others: string[];
  /** Bare-surname mentions that may be one of `others`: an entry of their own, to review. */
  ambiguous: SourceMention[];
  /** Why a person should look at this entry, or absent. */
  review?: string;
  /** Not marked: named near a marker that names no one (a reviewer may pick it). */
  candidate?: boolean;
}

/** A marker after a description or a pronoun: it names no one by itself. */
export interface UnresolvedMarker extends PlacedText {
  /** The words before the marker (`a contact in the MFA`, `He specifically noted`). */
  description: string;
  /** The persons named near it, nearest (or the one the description's role names) first. */
  candidates: string[];
}

export interface SourceFinding {
  people: ProtectedPerson[];
  unresolved: UnresolvedMarker[];
  /** Markers after a run of X: a name the publisher already removed. */
  publisherMarked: number;
}

const NONE: SourceFinding = { people: [], unresolved: [], publisherMarked: 0 };

interface Resolved {
  words: string[];
  aliases: string[];
  role: string;
  /** The marker's own mention: from the role's start to the name's end. */
  mentionStart: number;
  mentionEnd: number;
  marker: PlacedText;
  slot: TextSlot;
  review?: string;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function key(words: string[]): string {
  return words.map((w) => w.toLowerCase()).join(' ');
}

/** The person a marker marks, or null when the words before it name no one. */
function resolveMarker(sw: SlotWords, marker: SourceMarker, placed: PlacedText): Resolved | 'publisher' | null {
  const { slot, tokens } = sw;
  const text = slot.text;
  const before = text.slice(0, marker.start).replace(/[\s\-–—]+$/, '');
  const runs = sourceRedactionRuns(before);
  const lastRun = runs[runs.length - 1];
  if (lastRun && lastRun.end >= before.length - 2) return 'publisher';
  const nb = nameBefore(text, tokens, marker.start);
  const named = nb && !nb.article && nb.after === null && personalName(nb.words) ? nb : null;
  // `Gary vonLemden, Corporate Head, Europe, Citigoup (Please protect)`: a lone word after a comma ends a description
  const afterComma = named && named.words.length === 1 && /,\s*$/.test(text.slice(0, named.start));
  const appositive = !named || afterComma ? appositiveName(text, tokens, marker.start) : null;
  if (appositive) {
    return {
      words: appositive.words,
      aliases: appositive.aliases,
      role: appositive.role,
      mentionStart: appositive.start,
      mentionEnd: appositive.end,
      marker: placed,
      slot,
      review: 'the marker follows a description of the person after a comma: check it is this person',
    };
  }
  if (!named) return null;
  return { words: named.words, aliases: named.aliases, role: named.role, mentionStart: named.roleStart, mentionEnd: named.end, marker: placed, slot };
}

/** Where the sentence holding `offset` starts. */
function sentenceStart(text: string, offset: number): number {
  const head = text.slice(0, offset);
  let at = 0;
  for (const m of head.matchAll(/[.!?;:]["”’)]*\s+(?=[\p{Lu}"“(¶\d-])|\n\s*\n|¶/gu)) at = m.index! + m[0].length;
  return at;
}

/**
 * `Richard Teutten, head of HMG's Stabilization Unit (please protect)`, `Gary vonLemden, Corporate
 * Head, Europe, Citigoup (Please protect)`: the first name of the sentence that a comma and a
 * description (no sentence end, at most 120 characters) lead to the marker from.
 */
function appositiveName(text: string, tokens: Token[], offset: number): NameRun | null {
  const from = sentenceStart(text, offset);
  const runs = nameRuns(text.slice(0, offset), tokens.filter((t) => t.end <= offset)).filter((r) => r.start >= from);
  for (const run of runs) {
    const after = text.slice(run.end, offset);
    if (!/^,\s/.test(after) || after.length > 120 || run.article || run.after) continue;
    return run;
  }
  return null;
}

/** The full name the cable gives that ends with `words` (`Pouille` → `Ludovic Pouille`), or the names when several differ. */
function fullNames(runs: NameRun[], words: string[]): string[][] {
  const tail = key(words);
  const out = new Map<string, string[]>();
  for (const r of runs) {
    if (r.words.length <= words.length || !key(r.words).endsWith(` ${tail}`)) continue;
    // the given name before it, and a particle's word before that (`Ernesto de Zulueta`)
    let from = r.words.length - words.length - 1;
    while (from > 0 && isParticle(r.words[from]!)) from--;
    const name = r.words.slice(from);
    out.set(key(name), name);
  }
  return [...out.values()];
}

/** The forms of a name: the full name, each of its endings (the surname alone), aliases. */
function formsOf(words: string[], aliases: string[]): string[] {
  const forms = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const tail = words.slice(i);
    if (isParticle(tail[0]!)) continue;
    forms.add(tail.join(' '));
  }
  for (const a of aliases) forms.add(a);
  return [...forms];
}

/** Does the cable use the given name alone for this person (`Khalid said`), and no one else's? */
function givenNameAlone(all: SlotWords[], runs: NameRun[], words: string[]): boolean {
  const given = words[0]!;
  if (words.length < 2 || wordGivenName(given) || isRoleWord(given) || isParticle(given) || !/^\p{Lu}\p{Ll}/u.test(given)) return false;
  if (runs.some((r) => r.words[0] === given && r.words[1] !== words[1])) return false;
  for (const sw of all) {
    if (!sw.slot.text.includes(given)) continue;
    const tokens = sw.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.text === given && tokens[i + 1]?.text !== words[1] && !/^\p{Lu}/u.test(tokens[i + 1]?.text ?? '')) return true;
    }
  }
  return false;
}

/** Other people of the cable with the surname `surname`: name runs ending with it whose given names are not the person's. */
function othersWith(runs: NameRun[], words: string[]): string[] {
  const surname = words[words.length - 1]!.toLowerCase();
  const own = new Set(words.map((w) => w.toLowerCase()));
  const out = new Set<string>();
  for (const r of runs) {
    if (r.words[r.words.length - 1]!.toLowerCase() !== surname) continue;
    const given = r.words.slice(0, -1).filter((w) => !isParticle(w));
    if (given.length && given.every((w) => !own.has(w.toLowerCase()) && !isRoleWord(w))) out.add(r.words.slice(-2).join(' '));
  }
  return [...out];
}

/** Words right before `start` that go with a mention: honorifics, role words, the person's own role (`Mr.`, `Ambassador`, `DCM`). */
function titleStart(text: string, tokens: Token[], start: number, role: Set<string>): number {
  let at = start;
  let i = tokenBefore(tokens, start);
  for (let n = 0; i >= 0 && n < 4; i--, n++) {
    const t = tokens[i]!;
    const gap = text.slice(t.possessiveEnd ?? t.end, at);
    if (!/^\.?\s+$/.test(gap) || t.possessiveEnd !== undefined) break;
    const w = t.text.toLowerCase();
    if (!(HONORIFICS.has(w) || role.has(w) || (isRoleWord(w) && /^\p{Lu}/u.test(t.text)))) break;
    at = t.start;
  }
  return at;
}

function mentionsOf(all: SlotWords[], person: ProtectedPerson, marked: Resolved[], taken: Map<TextSlot, Array<[number, number]>>): void {
  const roleWords = new Set(person.role.toLowerCase().split(/\s+/).filter((w) => w && !['of', 'for', 'to', 'the', 'in', 'at', 'on'].includes(w)));
  const surname = person.name.split(/\s+/).pop()!;
  const othersGiven = new Set(person.others.map((o) => o.split(/\s+/).slice(0, -1).join(' ').toLowerCase()));
  const lasts = [...new Set(person.forms.map((f) => f.split(/\s+/).pop()!.replace(/['’].*$/, '')))];
  for (const sw of all) {
    const slot = sw.slot;
    if (!lasts.some((w) => sw.holds(w))) continue;
    const hits = findForms(slot.text, person.forms);
    if (hits.length === 0) continue;
    const tokens = sw.tokens;
    const used = taken.get(slot) ?? [];
    for (const hit of hits) {
      // `Jessica Simpson` is another person, not a mention of Keith Simpson
      const prev = tokens[tokenBefore(tokens, hit.start)];
      if (prev && othersGiven.has(prev.text.toLowerCase()) && /^\s+$/.test(slot.text.slice(prev.end, hit.start))) continue;
      const own = marked.find((r) => r.slot === slot && r.mentionStart <= hit.start && hit.end <= r.mentionEnd);
      const start = own ? own.mentionStart : titleStart(slot.text, tokens, hit.start, roleWords);
      const end = own ? own.mentionEnd : hit.end;
      if (used.some(([s, e]) => s < end && start < e)) continue;
      used.push([start, end]);
      const mention: SourceMention = { ...placeOf(slot, start, end), value: slot.text.slice(start, end), form: hit.form };
      if (!own && person.others.length && hit.form.toLowerCase() === surname.toLowerCase()) person.ambiguous.push(mention);
      else person.mentions.push(mention);
    }
    taken.set(slot, used);
  }
}

const FOUND = new WeakMap<Cable, SourceFinding>();

/**
 * The protected sources of a cable: the persons its markers mark, with every mention; the markers
 * that name no one, with candidates. Found once a cable (a cable rendered to several formats, a
 * plan and its preview ask again): treat the finding as read-only.
 */
export function findProtectedSources(cable: Cable): SourceFinding {
  let found = FOUND.get(cable);
  if (!found) FOUND.set(cable, (found = findSources(cable)));
  return found;
}

function findSources(cable: Cable): SourceFinding {
  const slots = textSlots(cable);
  if (!slots.some((s) => mayHoldMarker(s.text))) return NONE;
  const all: SlotWords[] = slots.map((slot) => new SlotWords(slot));
  const resolved: Resolved[] = [];
  const unresolved: Array<{ marker: PlacedText; slot: TextSlot; offset: number; description: string }> = [];
  let publisherMarked = 0;
  for (const sw of all) {
    if (!mayHoldMarker(sw.slot.text)) continue;
    for (const marker of findSourceMarkers(sw.slot.text)) {
      const placed: PlacedText = { ...placeOf(sw.slot, marker.start, marker.end), value: sw.slot.text.slice(marker.start, marker.end) };
      const r = resolveMarker(sw, marker, placed);
      if (r === 'publisher') publisherMarked++;
      else if (r) resolved.push(r);
      else {
        const from = Math.max(sentenceStart(sw.slot.text, marker.start), marker.start - 80);
        unresolved.push({ marker: placed, slot: sw.slot, offset: marker.start, description: oneLine(sw.slot.text.slice(from, marker.start)) });
      }
    }
  }
  if (resolved.length === 0 && unresolved.length === 0) return { ...NONE, publisherMarked };
  const people = groupPeople(all, resolved);
  const taken = new Map<TextSlot, Array<[number, number]>>();
  for (const p of people) mentionsOf(all, p, resolved.filter((r) => key(r.words) === key(p.name.split(/\s+/))), taken);
  const open: UnresolvedMarker[] = [];
  for (const u of unresolved) {
    // `He specifically noted (again, please protect)`: again the one person the cable already protects
    if (/\bagain\b/i.test(u.marker.value) && people.length === 1) {
      people[0]!.markers.push(u.marker);
      continue;
    }
    open.push({ ...u.marker, description: u.description, candidates: candidatesFor(all, allRuns(all), u.slot, u.offset, u.description, people) });
  }
  // the candidates a reviewer may pick, each a person of its own (not marked: kept unless picked)
  const named = new Set(people.map((p) => key(p.name.split(/\s+/))));
  for (const u of open) {
    for (const c of u.candidates) {
      const words = c.split(/\s+/);
      if (named.has(key(words))) continue;
      named.add(key(words));
      const run = allRuns(all).find((r) => key(r.words) === key(words));
      const candidate = personFrom(all, words, run?.aliases ?? [], run?.role ?? '', []);
      candidate.candidate = true;
      candidate.review = `not marked: named near the marker "${u.value}" in ${placeLabel(u)}, which names no one`;
      people.push(candidate);
      mentionsOf(all, candidate, [], taken);
    }
  }
  return { people, unresolved: open, publisherMarked };
}

function placeLabel(p: Place): string {
  return p.paragraph !== null ? `paragraph ${p.paragraph}` : p.field;
}

function personFrom(all: SlotWords[], words: string[], aliases: string[], role: string, markers: PlacedText[]): ProtectedPerson {
  const forms = formsOf(words, aliases);
  if (words.length > 1 && givenNameAlone(all, allRuns(all, words[0]!), words)) forms.push(words[0]!);
  return { name: words.join(' '), role, forms, markers, mentions: [], others: othersWith(allRuns(all, words[words.length - 1]!), words), ambiguous: [] };
}

/** The resolved markers as persons: one per person, a bare surname joined to the full name the cable gives. */
function groupPeople(all: SlotWords[], resolved: Resolved[]): ProtectedPerson[] {
  const byName = new Map<string, { words: string[]; aliases: string[]; role: string; markers: PlacedText[]; review?: string }>();
  // longest names first, so a bare surname joins a full name already there
  const ordered = [...resolved].sort((a, b) => b.words.length - a.words.length);
  for (const r of ordered) {
    let words = r.words;
    let review = r.review;
    if (words.length === 1) {
      const full = fullNames(allRuns(all, words[0]!), words);
      if (full.length === 1) words = full[0]!;
      else if (full.length > 1) review = `the marker follows the surname ${words[0]} alone, which names ${full.map((f) => f.join(' ')).join(' and ')} in this cable: check which one`;
    }
    const k = key(words);
    const existing = [...byName.entries()].find(([n]) => n === k || n.endsWith(` ${k}`));
    if (existing) {
      const e = existing[1];
      e.markers.push(r.marker);
      if (!e.role && r.role) e.role = r.role;
      e.aliases.push(...r.aliases);
      if (review && !e.review) e.review = review;
      r.words = e.words;
      continue;
    }
    r.words = words;
    byName.set(k, { words, aliases: [...r.aliases], role: r.role, markers: [r.marker], ...(review ? { review } : {}) });
  }
  return [...byName.values()].map((e) => {
    const p = personFrom(all, e.words, e.aliases, e.role, e.markers);
    if (e.review) p.review = e.review;
    if (p.others.length) {
      const surname = e.words[e.words.length - 1]!;
      p.review = `${p.review ? `${p.review}; ` : ''}the surname ${surname} also names ${p.others.join(' and ')} in this cable: the mentions of ${surname} alone are an entry of their own`;
    }
    return p;
  });
}
