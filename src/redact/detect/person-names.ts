/**
 * Personal names in cable prose, for the protected-sources detector: the words of a text as
 * tokens, the name that stands right before a place (a source marker) with the title or role
 * before it, the names a text holds, and where a name's forms (full name, surname, given name)
 * stand — whitespace- and case-insensitively, across line breaks, whole words only, never a
 * lower-case word (`blunt` is not `Blunt`).
 */

/** A word of the text, with what the name rules need to know about it. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** `Khanzada’s`, `Saito,s`, `Ross'`: the possessive's own end (the token's `end` is the name's). */
  possessiveEnd?: number;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*(?:-[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*)*/gu;

/** The words of a text, possessives told apart (`Taiana's` is `Taiana`, and `'s` after it). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const start = m.index!;
    let possessiveEnd: number | undefined;
    const pos = /['’]s$/i.exec(word);
    if (pos && word.length > 2) {
      possessiveEnd = start + word.length;
      word = word.slice(0, -2);
    } else if (text[start + word.length] === ',' && /^s(?![\p{L}\p{N}])/u.test(text.slice(start + word.length + 1, start + word.length + 3))) {
      // the telegraph's comma for an apostrophe: `Saito,s`
      possessiveEnd = start + word.length + 2;
    } else if (/['’]$/.test(text[start + word.length] ?? '') && /s$/i.test(word) && !/[\p{L}]/u.test(text[start + word.length + 1] ?? '')) {
      possessiveEnd = start + word.length + 1;
    }
    // a `,s` possessive was matched as its own word `s`: drop it
    const last = out[out.length - 1];
    if (last?.possessiveEnd !== undefined && start < last.possessiveEnd) continue;
    out.push({ text: word, start, end: start + word.length, ...(possessiveEnd !== undefined ? { possessiveEnd } : {}) });
  }
  return out;
}

/**
 * Titles and roles: words that stand before a name and are not part of it (any case). A name read
 * before a marker stops at the first of them; the role they make is redacted with the name at the
 * marker (`Pakistani DCM ████████ (protect)` would still name him).
 */
const ROLE_WORDS = new Set(
  `ambassador ambassadors amb minister ministers deputy vice secretary undersecretary under assistant general president director directors
  chief head commander prosecutor judge magistrate dcm pol polcouns econcouns mp mps mep senator governor mayor counselor counsellor consul
  advisor adviser chairman chairwoman chair chairperson spokesman spokeswoman spokesperson officer brigadier brigadeiro colonel col gen admiral
  captain capt major maj lieutenant lt sergeant sheikh shaykh sheik prince princess king queen emir amir sultan dr mr mrs ms miss mme mlle prof
  professor father fr bishop archbishop cardinal patriarch imam mullah ayatollah rabbi reverend rev candidate member leader attache staff
  chancellor premier pm fm dfm mfa mod undersecretary chargé charge d'affaires envoy delegate representative rep coordinator official
  editor journalist reporter analyst businessman businesswoman executive ceo cfo coo cto manager founder owner partner lawyer attorney
  former acting senior junior retired late presidential royal ministry department office council commission committee agency bureau embassy
  mission party parliament parliamentary legislator lawmaker deputies speaker whip chamber court supreme national federal state
  foreign defense defence interior justice finance economy economic trade security intelligence military police army navy air force
  affairs policy political politburo central bank governor's contact contacts source sources interlocutor aide aides assistant
  secretary-general director-general vice-president vice-minister deputy-minister dg ddg das dasd ds first lady`.split(/\s+/).filter(Boolean),
);

/** Honorifics: a mention with one before it takes it along (`Mr. ████████`, not `Mr. Khanzada`). */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'mme', 'mlle', 'herr', 'frau', 'sr', 'sra', 'sheikh', 'shaykh']);

/** Words that join the parts of a name (`Ernesto de Zulueta`, `Karl-Theodor zu Guttenberg`, `bin Laden`). */
const PARTICLES = new Set(['de', 'da', 'di', 'do', 'dos', 'das', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'zu', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'ben', 'abu', 'ter', 'ten', 'y', 'e']);

/** Words that join the words of a role (`Chief of Staff`, `Ambassador to Tehran`, `Candidate for Burton`). */
const ROLE_JOINERS = new Set(['of', 'for', 'to', 'the', 'in', 'at', 'on']);

/** Words a capitalised name never is: sentence openers, articles, pronouns, days and months. */
const NOT_NAMES = new Set(
  `the a an and or but if of in on at to for from by with as is was are were be been has had have he she it they we you i his her its their
  our this that these those there here when while after before since during according also however although though meanwhile moreover
  nevertheless still yet thus then so not no yes both either neither each every all some any many most more such other another one two three
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december
  summary comment end note begin subject ref reftel reftels tags para paragraph section`.split(/\s+/).filter(Boolean),
);

/** Given names that are also common words: alone, they are the word (`Will`, `Mark`, `May`). */
const WORD_GIVEN_NAMES = new Set('will mark may grant hope faith rose bill bob pat sue don art jack frank joy dawn guy ray rich earl carol june april chance sterling victor'.split(' '));

export function isRoleWord(word: string): boolean {
  return ROLE_WORDS.has(word.toLowerCase().replace(/\.$/, ''));
}

export function isParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase());
}

/** A word that can be part of a personal name: capitalised (`Khanzada`, `D'Alotto`, `vonLemden`, `McFall`), in capitals, or an initial. */
export function nameLike(word: string): boolean {
  if (NOT_NAMES.has(word.toLowerCase())) return false;
  return /^\p{Lu}/u.test(word) || /^(?:von|van|de|di|da|du|le|la|al|el|mac|mc|o')\p{Lu}/u.test(word);
}

/** The person's name part of a name-like run: no role word, no particle at either end. */
export function personalName(words: string[]): boolean {
  return words.length > 0 && words.every((w) => !isRoleWord(w)) && !isParticle(words[0]!) && !isParticle(words[words.length - 1]!);
}

/** Is the text between two tokens only white space (a line break included)? */
function adjacent(text: string, a: Token, b: Token): boolean {
  return /^\s*$/.test(text.slice(a.possessiveEnd ?? a.end, b.start)) && a.possessiveEnd === undefined;
}

/** Is there a sentence end right before `token` (`… Chavez. Juan`), not an initial or an abbreviated title (`Dr.`, `J.`)? */
function sentenceBefore(text: string, prev: Token | undefined, token: Token): boolean {
  if (!prev) return true;
  const between = text.slice(prev.possessiveEnd ?? prev.end, token.start);
  if (/[;:!?¶]/.test(between)) return true;
  if (/\./.test(between)) return !(prev.text.length === 1 || isRoleWord(prev.text) || HONORIFICS.has(prev.text.toLowerCase()));
  return false;
}

/** The name words that end with token `i`, right to left (at most four, an `(aka …)` alias skipped and kept). */
function nameWordsEndingAt(text: string, tokens: Token[], i: number): { words: Token[]; aliases: string[] } {
  const words: Token[] = [];
  const aliases: string[] = [];
  let j = i;
  while (j >= 0 && words.length < 4) {
    let t = tokens[j]!;
    const next = words[0];
    if (next) {
      // `Khalid (aka Ruslan) Yamadayev`: the alias is the same person's, and the name goes on before it
      const head = text.slice(Math.max(0, next.start - 60), next.start);
      const aka = /\(\s*(?:aka|a\.k\.a\.?|also known as)\s+([^()]{1,40})\)\s*$/i.exec(head);
      let at = next.start;
      if (aka) {
        at = next.start - head.length + aka.index;
        while (j >= 0 && tokens[j]!.end > at) j--;
        if (j < 0) break;
        t = tokens[j]!;
        if (!/^\s*$/.test(text.slice(t.possessiveEnd ?? t.end, at))) break;
        aliases.push(aka[1]!.trim());
      } else {
        const between = text.slice(t.possessiveEnd ?? t.end, next.start);
        const initial = t.text.length === 1 && /^\.\s+$/.test(between);
        if (!/^\s+$/.test(between) && !initial) break;
      }
      if (t.possessiveEnd !== undefined) break;
    }
    if (!nameLike(t.text) && !(isParticle(t.text) && words.length > 0)) break;
    if (isRoleWord(t.text) || /^\p{Lu}{2,}$/u.test(t.text) !== /^\p{Lu}{2,}$/u.test(tokens[i]!.text)) break;
    words.unshift(t);
    j--;
  }
  while (words.length && isParticle(words[0]!.text)) words.shift();
  return { words, aliases };
}

/** The title or role before token `first`: role words and capitalised words, joined by `of`, `to`, `for`… (`Chief of Staff`). */
function roleBefore(text: string, tokens: Token[], first: number): { start: number; words: Token[] } {
  const words: Token[] = [];
  let k = first - 1;
  while (k >= 0 && words.length < 8) {
    const t = tokens[k]!;
    const after = tokens[k + 1]!;
    // `Dr. Richard Freer`: an abbreviated title keeps its stop
    const abbreviated = (HONORIFICS.has(t.text.toLowerCase()) || isRoleWord(t.text)) && /^\.\s+$/.test(text.slice(t.end, after.start));
    if ((!adjacent(text, t, after) && !abbreviated) || sentenceBefore(text, t, after)) break;
    const role = isRoleWord(t.text) || nameLike(t.text);
    const joiner = ROLE_JOINERS.has(t.text.toLowerCase()) && words.length > 0 && k > 0 && (isRoleWord(tokens[k - 1]!.text) || nameLike(tokens[k - 1]!.text));
    if (!role && !joiner) break;
    words.unshift(t);
    k--;
  }
  while (words.length && ROLE_JOINERS.has(words[0]!.text.toLowerCase())) words.shift();
  return { start: words[0]?.start ?? tokens[first]!.start, words };
}

/** Prepositions after which a name is a place (`the President of AmCham in Baku (protect)`). */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'inside', 'outside', 'across', 'throughout']);
/** Prepositions that join a role to its place or office (`Ambassador to Tehran`, `Candidate for Burton`, `Minister of Transportation`). */
const ROLE_PREPOSITIONS = new Set(['to', 'for', 'of', 'in', 'at']);

/** A name, and the title or role before it. */
export interface NameRun {
  /** The name's words, in order (an alias in `(aka …)` apart). */
  words: string[];
  /** `Khalid (aka Ruslan) Yamadayev`: the alias. */
  aliases: string[];
  start: number;
  end: number;
  /** Where the title or role before the name starts (`start` when there is none), and its words. */
  roleStart: number;
  role: string;
  /** An article right before the name (`a Julius Berger (protect) contact`): a name used as an attribute, not a person. */
  article: boolean;
  /**
   * What stands before the name: `place` after `in`, `at`, `from` (`in Baku`); `office` for a name
   * of one or two words after a role and `of`, `to`, `for` (`Chief of Staff to Jorge Taiana`: the
   * role's holder is not named); null otherwise.
   */
  after: 'place' | 'office' | null;
}

/**
 * The name ending with token `last` and what stands before it. A run of three or more words after
 * a role and `to`, `for`, `of`, `in` starts with the role's place or office, which is no part of the
 * name (`Ambassador to Tehran Michael Postl`, `Candidate for Burton Ruth Smeeth`).
 */
function runEndingAt(text: string, tokens: Token[], last: number): NameRun | null {
  const { words: found, aliases } = nameWordsEndingAt(text, tokens, last);
  let words = found;
  if (words.length === 0) return null;
  let firstIndex = tokens.indexOf(words[0]!);
  const prev = tokens[firstIndex - 1];
  const joined = prev && adjacent(text, prev, words[0]!) && !sentenceBefore(text, prev, words[0]!) ? prev : undefined;
  const prep = joined?.text.toLowerCase() ?? '';
  const roleJoined = ROLE_PREPOSITIONS.has(prep) && firstIndex >= 2 && (isRoleWord(tokens[firstIndex - 2]!.text) || nameLike(tokens[firstIndex - 2]!.text));
  let after: NameRun['after'] = PLACE_PREPOSITIONS.has(prep) && !roleJoined ? 'place' : null;
  if (roleJoined && words.length >= 3) {
    words = words.slice(1);
    firstIndex++;
  } else if (roleJoined) after = 'office';
  const role = roleBefore(text, tokens, firstIndex);
  const end = words[words.length - 1]!;
  return {
    words: words.map((w) => w.text),
    aliases,
    start: words[0]!.start,
    end: end.end,
    roleStart: role.start,
    role: role.words.map((w) => w.text).join(' '),
    article: !!joined && /^(?:a|an|the)$/i.test(joined.text),
    after,
  };
}

/**
 * The name that ends right before `offset` (only white space or a dash between, a possessive
 * allowed), with its title or role; null when a lower-case word, a role word or punctuation
 * stands there instead.
 */
export function nameBefore(text: string, tokens: Token[], offset: number): NameRun | null {
  let i = tokens.findIndex((t) => t.start >= offset) - 1;
  if (i === -2) i = tokens.length - 1;
  if (i < 0) return null;
  const lastTok = tokens[i]!;
  if (!/^[\s\-–—]*$/.test(text.slice(lastTok.possessiveEnd ?? lastTok.end, offset))) return null;
  return runEndingAt(text, tokens, i);
}

/** Every name of two or more words in a text that is not all roles, left to right (candidates for a marker that names no one). */
export function nameRuns(text: string, tokens: Token[]): NameRun[] {
  const out: NameRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    // the end of a run of name words (an `(aka …)` inside it continues it)
    let j = i;
    if (!nameLike(tokens[i]!.text) || isRoleWord(tokens[i]!.text)) {
      i++;
      continue;
    }
    while (j + 1 < tokens.length) {
      const a = tokens[j]!;
      const b = tokens[j + 1]!;
      const gap = text.slice(a.possessiveEnd ?? a.end, b.start);
      const aka = /^\s*\(\s*(?:aka|a\.k\.a\.?|also known as)\s+/i.test(gap);
      if (a.possessiveEnd !== undefined || !(/^\s+$/.test(gap) || (a.text.length === 1 && /^\.\s+$/.test(gap)) || aka)) break;
      if (aka) {
        const close = text.indexOf(')', a.end);
        let k = j + 1;
        while (k < tokens.length && tokens[k]!.start < close) k++;
        if (k >= tokens.length || !/^\s+$/.test(text.slice(close + 1, tokens[k]!.start)) || !nameLike(tokens[k]!.text)) break;
        j = k;
        continue;
      }
      if (!(nameLike(b.text) || isParticle(b.text)) || isRoleWord(b.text)) break;
      j++;
    }
    const run = runEndingAt(text, tokens, j);
    if (run && run.words.length >= 2 && personalName(run.words)) out.push(run);
    i = j + 1;
  }
  return out;
}

/** Is this word, alone, a common word rather than a given name (`Will`, `Mark`)? */
export function wordGivenName(word: string): boolean {
  return WORD_GIVEN_NAMES.has(word.toLowerCase()) || word.length < 3;
}

function escapeChar(c: string): string {
  if (c === "'" || c === '’') return "['’]";
  if (c === '-' || c === '‐' || c === '–') return '\\s*[-‐–]\\s*';
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const formCache = new Map<string, RegExp>();

/**
 * A name form as a pattern: any run of white space (a line break too) between its words, an
 * apostrophe either way, a hyphen with space around it; whole words, any case.
 */
export function formPattern(form: string): RegExp {
  let re = formCache.get(form);
  if (!re) {
    const body = form
      .trim()
      .split(/\s+/)
      .map((w) => [...w].map(escapeChar).join(''))
      .join('\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${body}(?![\\p{L}\\p{M}\\p{N}])`, 'giu');
    if (formCache.size > 5000) formCache.clear();
    formCache.set(form, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Where the forms of a name stand in a text, longest form first, no two overlapping; a lower-case occurrence is a word, not the name. */
export function findForms(text: string, forms: string[]): Array<{ start: number; end: number; form: string }> {
  const out: Array<{ start: number; end: number; form: string }> = [];
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  for (const form of sorted) {
    // the cheap test first: a text without the form's last word holds no form
    const last = form.trim().split(/\s+/).pop()!.toLowerCase();
    if (!lower.includes(last.replace(/['’]/g, '')) && !lower.includes(last)) {
      if (!/['’‐–-]/.test(last)) continue;
    }
    for (const m of text.matchAll(formPattern(form))) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!/\p{Lu}/u.test(m[0])) continue;
      if (out.some((o) => o.start < end && start < o.end)) continue;
      out.push({ start, end, form });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
