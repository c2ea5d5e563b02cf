/**
 * The raw-row pre-check of `--filter tag=…` and `--filter text~…`: a cheap test on a bulk-CSV
 * row's raw text that only rejects rows which parsing could not select, so most rows of a
 * 250,000-row release are never parsed. It is a necessary condition, never a decision: a row it
 * lets through is parsed and checked again on the cable.
 *
 * Why it is safe: the parser and the normalizer derive a cable's tags and body from the raw text
 * by removing characters (markers, repeats, SIPDIS lines, wiki-link brackets) and by inserting or
 * replacing punctuation and spaces (quotes, apostrophes, joined lines), never by inserting an
 * ASCII letter or digit. So every run of ASCII letters and digits in a parsed tag or body is still
 * there, in order, once everything but ASCII letters and digits is removed from the raw text —
 * the row's "compact" form. A regex on the body can only match where its literal words (its
 * unconditional runs of ASCII letters and digits) occur, so a row whose compact form lacks one of
 * them cannot match. The TAGS reader has two exceptions, both allowed for in `tagSpellings`: it
 * corrects known misspellings (`MOPPS` → `MOPS`, its `TAG_FIXES`) and completes a person's name
 * (`STEINBERG JAMES` → `STEINBERG, JAMES B.`). `tests/select.test.ts` checks all of this on every
 * development cable, and on TAGS lines made from the reader's own vocabulary: a new rewriting
 * in the TAGS reader must be added to `tagSpellings`, or that test fails.
 */
import { TAG_FIXES } from '../readers/cable/tag-vocabulary.js';

/**
 * What a match needs, as alternatives (any one will do) of words (all needed), lower case.
 * `[[]]`: nothing is known to be needed.
 */
export type Requirement = string[][];

const NOTHING: Requirement = [[]];
/** Beyond this many alternatives a requirement is dropped (it would cost more than it saves). */
const MAX_ALTERNATIVES = 32;

/**
 * The text of a row as the pre-check sees it: its ASCII letters and digits only, lower case (as
 * bytes: the loop and the searches are several times faster than on a string).
 */
export function compactText(raw: string): Buffer {
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out[n++] = c;
    else if (c >= 65 && c <= 90) out[n++] = c + 32;
  }
  return out.subarray(0, n);
}

/** Does the compact text meet the requirement (some alternative with every word present)? */
export function meetsRequirement(compact: Buffer, req: Requirement): boolean {
  return req.some((words) => words.every((w) => compact.includes(w, 0, 'latin1')));
}

function both(a: Requirement, b: Requirement): Requirement {
  if (isNothing(b)) return a;
  if (isNothing(a)) return b;
  const out: Requirement = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out.length > MAX_ALTERNATIVES ? a : out;
}

function either(branches: Requirement[]): Requirement {
  const out: Requirement = [];
  for (const b of branches) {
    if (b.some((words) => words.length === 0)) return NOTHING; // a branch needing nothing
    out.push(...b);
  }
  return out.length === 0 || out.length > MAX_ALTERNATIVES ? NOTHING : out;
}

const isNothing = (r: Requirement): boolean => r.some((words) => words.length === 0);

type Atom =
  | { kind: 'char'; ch: string } // an ASCII letter or digit, lower case
  | { kind: 'break' } // anything else: it ends a literal word and needs nothing
  | { kind: 'group'; req: Requirement };

/**
 * The words any match of `source` (a JavaScript regular expression, read as with the `i` flag
 * and without `u`) must contain. Conservative: whatever it does not understand needs nothing.
 */
export function regexRequirement(source: string): Requirement {
  let pos = 0;

  function alternation(): Requirement {
    const branches: Requirement[] = [sequence()];
    while (source[pos] === '|') {
      pos++;
      branches.push(sequence());
    }
    return either(branches);
  }

  function sequence(): Requirement {
    let req: Requirement = NOTHING;
    let word = '';
    const flush = (): void => {
      if (word) req = both(req, [[word]]);
      word = '';
    };
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') {
      const atom = readAtom();
      const { min, once } = readQuantifier();
      if (atom.kind === 'char') {
        if (min === 0) flush();
        else {
          word += atom.ch;
          if (!once) flush(); // `ab+c`: "ab" is certain, what follows the repeat starts afresh
        }
      } else {
        flush();
        if (atom.kind === 'group' && min > 0) req = both(req, atom.req);
      }
    }
    flush();
    return req;
  }

  function readAtom(): Atom {
    const c = source[pos]!;
    if (c === '(') {
      pos++;
      let lookaround = false;
      if (source[pos] === '?') {
        const rest = source.slice(pos, pos + 3);
        if (rest.startsWith('?:')) pos += 2;
        else if (rest.startsWith('?=') || rest.startsWith('?!')) (pos += 2), (lookaround = true);
        else if (rest === '?<=' || rest === '?<!') (pos += 3), (lookaround = true);
        else if (rest.startsWith('?<')) pos = Math.max(pos + 2, source.indexOf('>', pos) + 1);
        else pos++; // a modifier group or something newer: read on, needing nothing from it
      }
      const inner = alternation();
      if (source[pos] === ')') pos++;
      return lookaround ? { kind: 'break' } : { kind: 'group', req: inner };
    }
    if (c === '[') {
      pos++;
      if (source[pos] === '^') pos++;
      while (pos < source.length && source[pos] !== ']') pos += source[pos] === '\\' ? 2 : 1;
      pos++;
      return { kind: 'break' };
    }
    if (c === '\\') {
      const e = source[pos + 1] ?? '';
      pos += 2;
      if (e === 'k' && source[pos] === '<') pos = Math.max(pos, source.indexOf('>', pos) + 1);
      else if (e === 'c' && /[A-Za-z]/.test(source[pos] ?? '')) pos++;
      else if (e === 'x') pos += /^[0-9A-Fa-f]{2}/.test(source.slice(pos)) ? 2 : 0;
      else if (e === 'u') pos += /^[0-9A-Fa-f]{4}/.test(source.slice(pos)) ? 4 : 0;
      // Escaped letters and digits are classes, assertions, back-references or control
      // characters — or, without the `u` flag, sometimes the letter itself: none is relied on.
      return { kind: 'break' };
    }
    pos++;
    if (/[A-Za-z0-9]/.test(c)) return { kind: 'char', ch: c.toLowerCase() };
    return { kind: 'break' }; // `.`, `^`, `$`, spaces, punctuation, non-ASCII letters
  }

  /** A quantifier after an atom: its minimum, and whether it means exactly once. */
  function readQuantifier(): { min: number; once: boolean } {
    const c = source[pos];
    let min = 1;
    let once = true;
    if (c === '*' || c === '?') (min = 0), (once = false), pos++;
    else if (c === '+') (once = false), pos++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(pos));
      if (!m) return { min, once }; // a literal `{` (read as the next atom)
      min = Number(m[1]);
      once = min === 1 && m[2] === undefined;
      pos += m[0].length;
    } else return { min, once };
    if (source[pos] === '?') pos++; // lazy
    return { min, once };
  }

  const req = alternation();
  // A stray `)` ends the walk early; what was read so far is still needed.
  return req;
}

const compactWord = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '').toLowerCase();

/** Misspellings the TAGS reader corrects, by the tag they become: `MOPS` ← `MOPPS`. */
let fixedFrom: Map<string, string[]> | null = null;

/**
 * The raw spellings, any one of which a row must hold (compact) for the TAGS reader to give it
 * `tag`: the tag itself (`KPAO` from `K-PAO`, `VTPREL`, `k p a o`), a misspelling it corrects,
 * and for a person (`STEINBERG, JAMES B.`) the surname and given name without what it completes.
 */
export function tagSpellings(tag: string): string[] {
  if (!fixedFrom) {
    fixedFrom = new Map();
    for (const [written, tags] of Object.entries(TAG_FIXES)) {
      for (const t of tags) fixedFrom.set(t, [...(fixedFrom.get(t) ?? []), written]);
    }
  }
  const t = tag.toUpperCase();
  const spellings = [t, ...(fixedFrom.get(t) ?? [])];
  const person = /^([^,]+),\s*(\S+)/.exec(t);
  if (person) spellings.push(`${person[1]} ${person[2]}`);
  return [...new Set(spellings.map(compactWord))];
}

/** What one `tag=` group needs: a spelling of any of its tags. */
export function tagRequirement(tags: string[]): Requirement {
  const words = tags.flatMap(tagSpellings);
  return words.some((w) => w === '') ? NOTHING : words.map((w) => [w]);
}
