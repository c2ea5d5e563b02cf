/**
 * The TAGS field: codes (`PREL`, `CA`), organizations (`UNESCO`, `UNGA/C-6`), phrase tags
 * (`HUMAN RIGHTS`, `ISRAELI PALESTINIAN AFFAIRS`) and people (`STEINBERG, JAMES B.`), written with
 * or without commas, over several lines, in any case, with the release's residue (page headers
 * inside the line, glued codes `VTPREL`, repeats). Corrections are logged as repairs.
 */
import type { ChangeLog } from '../../normalize/log.js';
import { GIVEN_NAMES, PERSON_TAGS, PHRASE_TAGS, TAG_CODES, TAG_FIXES, isTagCode } from './tag-vocabulary.js';

/** A page header the release left inside the TAGS line: `SECRET PAGE 02 ROME 03067 211833Z`. */
const PAGE_IN_LINE = /\s*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|UNCLAS|LIMITED OFFICIAL USE)?\s+PAGE\s+\d{1,3}\s+[A-Z][A-Z .]*?\s+\d{3,8}\s+(?:\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}\s+)?\d{6}Z/g;

export function readTags(text: string, line: number, log: ChangeLog): string[] {
  let t = text.replace(/\s+/g, ' ').trim();
  // a portion marking before the codes (`TAGS: (C) PREL, PGOV`) is no tag
  const marking = /^\((?:U|C|S|SBU|TS)\)\s*/i.exec(t);
  if (marking) {
    log.repair('tag-fix', line, t.slice(0, 40), t.slice(marking[0].length, 40));
    t = t.slice(marking[0].length);
  }
  if (t.includes('PAGE')) {
    t = t.replace(PAGE_IN_LINE, (m) => {
      log.repair('section-marker', line, m.trim(), '');
      return ' ';
    });
  }
  const out: string[] = [];
  const add = (tag: string) => {
    if (tag && !out.includes(tag)) out.push(tag);
  };
  const up = t.toUpperCase();
  // The usual line — codes only (`PREL, PGOV, CA`) — needs no grouping.
  const plain = up.split(/[\s,;]+/).filter(Boolean);
  if (plain.every((w) => TAG_CODES.has(w) || /^[A-Z]{2}$/.test(w) || (/^[AEKMOPST][A-Z]{3}$/.test(w) && isTagCode(w)))) {
    for (const w of plain) if (!TAG_FIXES[w]) add(w);
    if (plain.every((w) => !TAG_FIXES[w])) return out;
    out.length = 0;
  }
  for (const entry of entries(up)) {
    if (entry.atomic) {
      add(entry.text);
      continue;
    }
    for (const tag of group(entry.text.split(' ').filter(Boolean), line, log)) add(tag);
  }
  return joinPeople(out);
}

interface Entry {
  text: string;
  /** A parenthesized tag (`ovip (steinberg, james b.)`): taken whole. */
  atomic: boolean;
}

/** Splits at top-level commas and semicolons; a parenthesized part is one entry. */
function entries(t: string): Entry[] {
  const list: Entry[] = [];
  let cur = '';
  const push = (atomic = false) => {
    const s = cur.replace(/\s+/g, ' ').trim().replace(/^[.:]+|[:]+$/g, '').trim();
    if (s) list.push({ text: atomic ? s.replace(/\s*,\s*/g, ', ') : s, atomic });
    cur = '';
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '(') {
      const close = t.indexOf(')', i);
      if (close > i) {
        push();
        cur = t.slice(i + 1, close);
        push(true);
        i = close;
        continue;
      }
    }
    if (c === ',' || c === ';') push();
    else cur += c;
  }
  push();
  return list;
}

/** A word of the TAGS line without the punctuation around it (`UNGA/C-6`, `B.` keep theirs; `FR.` ending the line does not). */
function clean(word: string): string {
  return word.replace(/^[^A-Z0-9]+/, '').replace(/[^A-Z0-9.]+$/, '').replace(/^([A-Z]{2,6})\.$/, '$1');
}

/** `PREL/PGOV/FR`: codes written with slashes are that many codes (`UNGA/C-6` is one tag). */
function splitSlashes(word: string): string[] {
  if (!word.includes('/')) return [word];
  const parts = word.split('/');
  return parts.length > 1 && parts.every((p) => TAG_CODES.has(p) || /^[A-Z]{2}$/.test(p)) ? parts : [word];
}

/** The phrase tags by their first word, for a lookup per word instead of a scan. */
const PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const p of PHRASE_TAGS) {
  const list = PHRASES_BY_FIRST.get(p[0]!) ?? [];
  list.push(p);
  PHRASES_BY_FIRST.set(p[0]!, list);
}

function phraseAt(words: string[], i: number): number {
  const candidates = PHRASES_BY_FIRST.get(words[i]!);
  if (!candidates) return 0;
  let best = 0;
  for (const p of candidates) {
    if (p.length > best && p.every((w, k) => words[i + k] === w)) best = p.length;
  }
  return best;
}

/** First words of the two-word fixes (`COUNTER TERRORISM`), so most words skip the lookup. */
const FIX_FIRST = new Set(Object.keys(TAG_FIXES).map((k) => k.split(' ')[0]!));

function fixAt(words: string[], i: number): [number, string[]] | null {
  const w = words[i]!;
  if (!FIX_FIRST.has(w)) return null;
  const two = `${w} ${words[i + 1] ?? ''}`;
  if (Object.hasOwn(TAG_FIXES, two)) return [2, TAG_FIXES[two]!];
  if (Object.hasOwn(TAG_FIXES, w)) return [1, TAG_FIXES[w]!];
  return null;
}

/** `STEINBERG JAMES [B.]` → the person's tag; null when the second word is no given name. */
function personAt(words: string[], i: number): [number, string] | null {
  const surname = words[i]!;
  const given = words[i + 1];
  if (!given || !GIVEN_NAMES.has(given) || TAG_CODES.has(surname) || /^[A-Z]{2}$/.test(surname) || !/^[A-Z'-]{2,}$/.test(surname)) return null;
  const initial = words[i + 2] && /^[A-Z]\.?$/.test(words[i + 2]!) ? words[i + 2]! : null;
  const written = `${surname}, ${given}${initial ? ` ${initial.replace(/\.?$/, '.')}` : ''}`;
  return [initial ? 3 : 2, canonicalPerson(written)];
}

function canonicalPerson(written: string): string {
  return PERSON_TAGS.find((p) => p === written || p.startsWith(written + ' ')) ?? written;
}

/** `VTPREL` → `VT`, `PREL`; `MASSMNUC` → `MASS`, `MNUC`: codes glued by the release's link residue. */
function splitGlued(word: string): string[] | null {
  if (word.length < 6 || !/^[A-Z]+$/.test(word)) return null;
  const memo = new Map<number, string[] | null>();
  const from = (at: number): string[] | null => {
    if (at === word.length) return [];
    if (memo.has(at)) return memo.get(at)!;
    let res: string[] | null = null;
    const four = word.slice(at, at + 4);
    if (four.length === 4 && TAG_CODES.has(four)) {
      const rest = from(at + 4);
      if (rest) res = [four, ...rest];
    }
    if (!res && at + 2 <= word.length) {
      const rest = from(at + 2);
      if (rest) res = [word.slice(at, at + 2), ...rest];
    }
    memo.set(at, res);
    return res;
  };
  const parts = from(0);
  return parts && parts.some((p) => p.length === 4) ? parts : null;
}

/** Words that join the words around them into one phrase tag and never stand alone: `HUMAN RIGHTS AND DEMOCRACY`. */
const CONNECTIVES = new Set(['AND', '&', 'OF', 'THE', 'FOR', 'IN', 'ON', 'TO', 'WITH', 'AT', 'BY', 'OR']);

/** A word only shaped like a code (`PLAN`, `OPEN`): four letters, not in the table. */
function shapeOnly(w: string): boolean {
  return !TAG_CODES.has(w) && w.length === 4 && isTagCode(w);
}

/** A word of a phrase tag: letters, five or more of them (or a connective), no code of the table. */
function phraseWord(w: string | undefined): boolean {
  if (!w) return false;
  if (CONNECTIVES.has(w)) return true;
  return /^[A-Z][A-Z'-]{4,}$/.test(w) && !TAG_CODES.has(w) && !GIVEN_NAMES.has(w);
}

/**
 * Groups the words of a TAGS entry without commas into tags: the fixes and phrases of the
 * vocabulary, people (`STEINBERG JAMES`), codes, glued codes; any other run of words is one
 * phrase tag — a program or topic name after the codes (`PLAN COLOMBIA`, `TRADE POLICY`,
 * `HUMAN RIGHTS AND DEMOCRACY`, `ZIMBABWE ELECTIONS 2008`). A four-letter word only shaped like a
 * code is a phrase word next to one (`PLAN COLOMBIA`); a connective (`AND`, `OF`) or a year never
 * stands alone; a run of short acronyms (`FBI JUS`) is that many tags.
 */
function group(raw: string[], line: number, log: ChangeLog): string[] {
  // Words glued by the release (`RIGHTSPOLMIL`) are split first, so `HUMAN RIGHTS` is found whole.
  const words = raw
    .map(clean)
    .filter(Boolean)
    .flatMap(splitSlashes)
    .flatMap((w) => {
      const fix = TAG_FIXES[w];
      if (!fix || fix.length < 2) return [w];
      log.repair('tag-split', line, w, fix.join(', '));
      return fix;
    });
  const out: string[] = [];
  /**
   * Codes glued by the release (`VTPREL`, `MASSMNUC`); next to a phrase word, a word that splits into more
   * than one two-letter piece is an English word of the phrase (`FRANCE ECONOMIC`, not ECON OM IC).
   */
  const glued = (i: number): string[] | null => {
    const parts = splitGlued(words[i]!);
    if (!parts || parts.filter((p) => p.length === 2).length < 2) return parts;
    return phraseWord(words[i - 1]) || phraseWord(words[i + 1]) ? null : parts;
  };
  /** Does word `i` begin a tag of its own (it ends the phrase run before it)? */
  const starts = (i: number): boolean => {
    const w = words[i]!;
    if (phraseAt(words, i) > 1 || fixAt(words, i) || personAt(words, i) || glued(i)) return true;
    if (!isTagCode(w)) return false;
    // `… COLOMBIA PLAN`, `PLAN COLOMBIA`: a word only shaped like a code, next to a phrase word, is one
    return !(shapeOnly(w) && (phraseWord(words[i - 1]) || phraseWord(words[i + 1])));
  };
  /** The run of phrase words from `i` (at least one word): up to the next word that starts a tag of its own. */
  const runEnd = (i: number): number => {
    let j = i + 1;
    while (j < words.length && (!starts(j) || CONNECTIVES.has(words[j - 1]!) || /^\d{4}$/.test(words[j]!))) j++;
    return j;
  };
  let i = 0;
  while (i < words.length) {
    const fix = fixAt(words, i);
    if (fix) {
      const before = words.slice(i, i + fix[0]).join(' ');
      log.repair(fix[1].length > 1 ? 'tag-split' : 'tag-fix', line, before, fix[1].join(', '));
      out.push(...fix[1]);
      i += fix[0];
      continue;
    }
    const phrase = phraseAt(words, i);
    if (phrase > 1) {
      // A phrase of the vocabulary that goes on with a connective (`HUMAN RIGHTS AND DEMOCRACY`) goes on;
      // so does one with a single phrase word after it (`HUMAN RIGHTS COUNCIL`), before the next tag.
      const next = i + phrase;
      const on = next < words.length && (CONNECTIVES.has(words[next]!) || (phraseWord(words[next]) && !starts(next) && runEnd(next) === next + 1));
      const end = on ? runEnd(next) : next;
      out.push(words.slice(i, end).join(' '));
      i = end;
      continue;
    }
    const person = personAt(words, i);
    if (person) {
      out.push(person[1]);
      i += person[0];
      continue;
    }
    const w = words[i]!;
    if (isTagCode(w) && starts(i)) {
      out.push(w);
      i++;
      continue;
    }
    const parts = glued(i);
    if (parts) {
      log.repair('tag-split', line, w, parts.join(', '));
      out.push(...parts);
      i++;
      continue;
    }
    const j = runEnd(i);
    const run = words.slice(i, j);
    // A run of short acronyms (`FBI JUS`) is that many tags; a phrase has a longer word or a connective.
    if (run.length > 1 && run.every((w) => /^[A-Z0-9/-]{2,3}$/.test(w) && !CONNECTIVES.has(w))) out.push(...run);
    else out.push(run.join(' '));
    i = j;
  }
  return out;
}

/** `STEINBERG`, `JAMES B.` written as two comma entries are one person. */
function joinPeople(tags: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < tags.length; k++) {
    const cur = tags[k]!;
    const next = tags[k + 1];
    const given = next ? /^([A-Z]+)(?: [A-Z]\.?)?$/.exec(next) : null;
    if (given && GIVEN_NAMES.has(given[1]!) && /^[A-Z'-]{3,}$/.test(cur) && !isTagCode(cur)) {
      out.push(canonicalPerson(`${cur}, ${next}`));
      k++;
      continue;
    }
    out.push(cur);
  }
  return out;
}
