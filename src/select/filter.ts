/**
 * Row and cable selection for `--filter`: by id pattern (glob or /regex/), a list of ids, origin,
 * date range and classification — the metadata, checked on the bulk CSV's columns before a row is
 * parsed (cheap) and on a parsed `Cable` for file inputs — and by tag and by text, the content,
 * always decided on the parsed cable (for CSV rows after a raw pre-check, see prefilter.ts).
 */
import { createHash } from 'node:crypto';
import { CableError } from '../errors.js';
import { LEVELS, type Cable, type Level } from '../model/cable.js';
import { globToRegExp } from '../readers/input/glob.js';
import { compactText, meetsRequirement, regexRequirement, tagRequirement, type Requirement } from './prefilter.js';

export interface CableFilter {
  /** A cable is kept when its id matches any of these. */
  ids?: RegExp[];
  /** Origins as given (`OTTAWA`, `Embassy Tehran`); compared without case, spaces or `Embassy`. */
  origins?: string[];
  /** Inclusive ISO date prefixes: `2008`, `2008-03`, `2008-03-14`. */
  from?: string;
  to?: string;
  /** Levels a cable may have; `minLevel` keeps this level and above. */
  levels?: Level[];
  minLevel?: Level;
  /** Ids listed (`--ids FILE`), upper case: a cable is kept when its id is one of them. */
  idList?: string[];
  /** Tag groups, upper case: a cable is kept when it carries a tag of every group (`tag=PARM,PREL` is one group). */
  tags?: string[][];
  /** Regular expressions (case-insensitive) the body must all match; see `cableBodyText`. */
  texts?: RegExp[];
}

/** What a filter looks at: the CSV columns, or the same facts read from a parsed cable. */
export interface FilterSubject {
  id: string;
  origin: string | null;
  /** ISO 8601 (or null when unknown). */
  date: string | null;
  classification: string | null;
}

export function isEmptyFilter(f: CableFilter | undefined): boolean {
  return (
    !f ||
    (!f.ids?.length && !f.origins?.length && !f.from && !f.to && !f.levels?.length && !f.minLevel && !f.idList && !hasContentFilter(f))
  );
}

/** Does the filter look at tags or text, which only a parsed cable can answer? */
export function hasContentFilter(f: CableFilter | undefined): boolean {
  return !!f && (!!f.tags?.length || !!f.texts?.length);
}

/** `--ids` lists, as Sets, built once per filter. */
const idSets = new WeakMap<string[], Set<string>>();
function idSet(list: string[]): Set<string> {
  let set = idSets.get(list);
  if (!set) idSets.set(list, (set = new Set(list)));
  return set;
}

const canon = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** `SECRET//NOFORN`, `S E C R E T`, `unclas`… → a level, or null. */
export function levelOf(s: string | null | undefined): Level | null {
  if (!s) return null;
  const whole = canon(s);
  if (/^(UNCLASSIFIED|UNCLAS)(FOROFFICIALUSEONLY|FOUO|SBU)/.test(whole)) return 'SENSITIVE BUT UNCLASSIFIED';
  const c = canon(s.split('//')[0] ?? '');
  if (c === 'UNCLASSIFIED' || c === 'UNCLAS' || c === 'U') return 'UNCLASSIFIED';
  if (c.startsWith('UNCLASSIFIEDFOROFFICIALUSEONLY') || c === 'SBU' || c.startsWith('SENSITIVEBUT')) {
    return 'SENSITIVE BUT UNCLASSIFIED';
  }
  if (c.startsWith('UNCLASSIFIED')) return 'UNCLASSIFIED';
  if (c.startsWith('CONFIDENTIAL') || c === 'C') return 'CONFIDENTIAL';
  if (c.startsWith('TOPSECRET') || c === 'TS') return 'TOP SECRET';
  if (c.startsWith('SECRET') || c === 'S') return 'SECRET';
  return null;
}

function originOfId(id: string): string | null {
  return /^\d{2}([A-Z]+?)\d+$/.exec(id.toUpperCase())?.[1] ?? null;
}

/**
 * The metadata part of a filter (id, id list, origin, date, classification) on a subject: a CSV
 * row's columns or a parsed cable's fields. Tags and text are not looked at: see `matchesCable`
 * (a parsed cable) and `rowMayMatch` (a raw CSV row).
 */
export function matchesFilter(s: FilterSubject, f: CableFilter | undefined): boolean {
  if (!f) return true;
  if (f.ids?.length && !f.ids.some((re) => re.test(s.id))) return false;
  if (f.idList && !idSet(f.idList).has(s.id.trim().toUpperCase())) return false;
  if (f.origins?.length) {
    const have = [s.origin, originOfId(s.id)].filter((x): x is string => !!x).map(canon);
    const ok = f.origins.some((o) => {
      const want = canon(o);
      return want !== '' && have.some((h) => h === want || h.endsWith(want) || h === `EMBASSY${want}`);
    });
    if (!ok) return false;
  }
  if (f.from || f.to) {
    if (!s.date) return false;
    if (f.from && s.date.slice(0, f.from.length) < f.from) return false;
    if (f.to && s.date.slice(0, f.to.length) > f.to) return false;
  }
  if (f.levels?.length || f.minLevel) {
    const level = levelOf(s.classification);
    if (!level) return false;
    if (f.levels?.length && !f.levels.includes(level)) return false;
    if (f.minLevel && LEVELS.indexOf(level) < LEVELS.indexOf(f.minLevel)) return false;
  }
  return true;
}

/**
 * A cable's body as `text~REGEX` reads it: the summary, then each paragraph's heading, text and
 * list items, each on a line of its own with runs of white space (line breaks included) made one
 * space. The header (subject, tags, references…) is not part of it.
 */
export function cableBodyText(cable: Cable): string {
  const lines: string[] = [];
  const add = (s: string | null | undefined): void => {
    const t = s?.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
  };
  add(cable.summary);
  for (const p of cable.paragraphs) {
    add(p.heading);
    add(p.text);
    for (const b of p.bullets) add(b.text);
  }
  return lines.join('\n');
}

/** The content part of a filter (tags, text) on a parsed cable. */
export function matchesContent(cable: Cable, f: CableFilter | undefined): boolean {
  if (!f) return true;
  if (f.tags?.length) {
    const have = new Set(cable.tags.map((t) => t.toUpperCase()));
    if (!f.tags.every((group) => group.some((t) => have.has(t)))) return false;
  }
  if (f.texts?.length) {
    const body = cableBodyText(cable);
    if (!f.texts.every((re) => re.test(body))) return false;
  }
  return true;
}

/** The whole filter on a parsed cable (a file input): its metadata, its tags and its body. */
export function matchesCable(cable: Cable, f: CableFilter | undefined): boolean {
  return matchesFilter(cableFilterSubject(cable), f) && matchesContent(cable, f);
}

/** The raw pre-check's requirements of a filter, built once per filter. */
const requirements = new WeakMap<CableFilter, Requirement[]>();
function contentRequirements(f: CableFilter): Requirement[] {
  let reqs = requirements.get(f);
  if (!reqs) {
    reqs = [...(f.tags ?? []).map(tagRequirement), ...(f.texts ?? []).map((re) => regexRequirement(re.source))];
    requirements.set(f, reqs);
  }
  return reqs;
}

/**
 * Could a CSV row whose raw text (header and body columns) is `raw` pass the content part of the
 * filter once parsed? False only when it certainly could not; true rows are decided by
 * `matchesContent` after parsing.
 */
export function rowMayMatch(raw: string, f: CableFilter | undefined): boolean {
  if (!hasContentFilter(f)) return true;
  const reqs = contentRequirements(f!).filter((r) => !r.some((words) => words.length === 0));
  if (!reqs.length) return true;
  const compact = compactText(raw);
  return reqs.every((r) => meetsRequirement(compact, r));
}

export function cableFilterSubject(cable: Cable): FilterSubject {
  return {
    id: cable.id,
    origin: cable.origin,
    date: cable.date,
    classification: cable.classification?.level ?? null,
  };
}

/** `08OTTAWA*` (glob, whole id, any case) or `/^08(OTTAWA|STATE)/i` (regex). */
export function idPattern(p: string): RegExp {
  const re = /^\/(.*)\/([a-z]*)$/.exec(p);
  if (re) {
    try {
      return new RegExp(re[1]!, re[2]!.replace(/[gy]/g, ''));
    } catch (err) {
      throw new CableError(`bad id regex ${p}: ${(err as Error).message}`);
    }
  }
  return new RegExp(globToRegExp(p).source, 'i');
}

const DATE_PREFIX = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}Z?)?)?)?)?)?$/;

function datePrefix(s: string, what: string): string {
  const v = s.trim();
  if (!DATE_PREFIX.test(v)) throw new CableError(`bad ${what} date "${s}": use YYYY, YYYY-MM or YYYY-MM-DD`);
  return v.replace(/Z$/, '');
}

function levelArg(s: string): Level {
  const level = levelOf(s);
  if (!level) throw new CableError(`unknown classification "${s}": use one of ${LEVELS.join(', ')}`);
  return level;
}

/** `PARM, "RICE, CONDOLEEZZA", HUMAN RIGHTS` → the tags: split at commas outside double quotes. */
function tagList(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/\s*(?:"([^"]*)"|([^,]*))\s*(?:,|$)/g)) {
    const tag = (m[1] ?? m[2] ?? '').replace(/\s+/g, ' ').trim();
    if (tag) out.push(tag);
    if (m.index! + m[0].length >= value.length) break;
  }
  return out;
}

/** `text~REGEX`: the expression, case-insensitive (and without the `u` flag, see prefilter.ts). */
export function textPattern(p: string): RegExp {
  if (!p.trim()) throw new CableError('text~ needs a regular expression, e.g. text~cluster munitions');
  try {
    return new RegExp(p, 'i');
  } catch (err) {
    throw new CableError(`bad text regex ${p}: ${(err as Error).message}`);
  }
}

/**
 * Reads `--filter` expressions into one filter (all must hold):
 * `id=08OTTAWA*`, `id=/regex/`, a bare id pattern, `origin=OTTAWA,STATE`, `date>=2008-01`,
 * `date<=2008-12-31`, `date=2008`, `classification=SECRET,CONFIDENTIAL`, `classification>=CONFIDENTIAL`,
 * `tag=PARM,PREL` (any of; several `tag=` must all hold), `text~REGEX` (on the body, any case).
 */
export function parseFilter(exprs: string[] = [], extra: { from?: string; to?: string; ids?: string[] } = {}): CableFilter {
  const f: CableFilter = {};
  const list = (v: string): string[] => v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const expr of exprs) {
    const t = /^\s*(text|body)\s*(~|=)(.*)$/is.exec(expr);
    if (t) {
      if (t[2] === '=') throw new CableError(`use text~REGEX to select by text (got "${expr}")`);
      (f.texts ??= []).push(textPattern(t[3]!.trim()));
      continue;
    }
    const m = /^\s*(id|origin|date|from|to|classification|class|level|tags?)\s*(>=|<=|=|:)\s*(.*)$/i.exec(expr);
    if (!m) {
      (f.ids ??= []).push(idPattern(expr.trim()));
      continue;
    }
    const key = m[1]!.toLowerCase();
    const op = m[2]!;
    const value = m[3]!;
    if (key === 'tag' || key === 'tags') {
      if (op === '>=' || op === '<=') throw new CableError(`tag takes = (any of a list): tag=PARM,PREL (got "${expr}")`);
      const group = tagList(value).map((x) => x.toUpperCase());
      if (!group.length) throw new CableError(`tag= needs at least one tag, e.g. tag=PARM,PREL (got "${expr}")`);
      (f.tags ??= []).push(group);
    } else if (key === 'id') {
      for (const p of value.startsWith('/') ? [value] : list(value)) (f.ids ??= []).push(idPattern(p));
    } else if (key === 'origin') {
      (f.origins ??= []).push(...list(value));
    } else if (key === 'date' || key === 'from' || key === 'to') {
      if (key === 'from' || op === '>=') f.from = datePrefix(value, 'from');
      else if (key === 'to' || op === '<=') f.to = datePrefix(value, 'to');
      else f.from = f.to = datePrefix(value, 'date');
    } else {
      if (op === '>=') f.minLevel = levelArg(value);
      else if (op === '<=') {
        const max = LEVELS.indexOf(levelArg(value));
        f.levels = LEVELS.filter((_, i) => i <= max);
      } else (f.levels ??= []).push(...list(value).map(levelArg));
    }
  }
  if (extra.from) f.from = datePrefix(extra.from, 'from');
  if (extra.to) f.to = datePrefix(extra.to, 'to');
  if (extra.ids) f.idList = [...new Set(extra.ids.map((x) => x.trim().toUpperCase()).filter(Boolean))].sort();
  return f;
}

/**
 * The filter in words, one `--filter` expression per item in a fixed order — for manifests (so
 * that shards and resumed runs can tell whether they selected alike) and for covers:
 * `id=/^08OTTAWA.*$/i`, `ids=42 listed (sha256 1a2b3c4d5e6f7a8b)`, `origin=OTTAWA,STATE`,
 * `date>=2008`, `date<=2009-06`, `classification=SECRET`, `classification>=CONFIDENTIAL`,
 * `tag=PARM,PREL`, `text~cluster munitions`.
 */
export function describeFilter(f: CableFilter | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  for (const re of f.ids ?? []) out.push(`id=/${re.source}/${re.flags}`);
  if (f.idList) {
    const digest = createHash('sha256').update(f.idList.join('\n')).digest('hex').slice(0, 16);
    out.push(`ids=${f.idList.length} listed (sha256 ${digest})`);
  }
  if (f.origins?.length) out.push(`origin=${f.origins.join(',')}`);
  if (f.from && f.from === f.to) out.push(`date=${f.from}`);
  else {
    if (f.from) out.push(`date>=${f.from}`);
    if (f.to) out.push(`date<=${f.to}`);
  }
  if (f.levels?.length) out.push(`classification=${f.levels.join(',')}`);
  if (f.minLevel) out.push(`classification>=${f.minLevel}`);
  for (const group of f.tags ?? []) out.push(`tag=${group.map((t) => (t.includes(',') ? `"${t}"` : t)).join(',')}`);
  for (const re of f.texts ?? []) out.push(`text~${re.source}`);
  return out;
}

/** A filter as plain data (RegExps as source/flags), to send to worker processes. */
export interface SerializedFilter extends Omit<CableFilter, 'ids' | 'texts'> {
  ids?: { source: string; flags: string }[];
  texts?: { source: string; flags: string }[];
}

const plain = (r: RegExp): { source: string; flags: string } => ({ source: r.source, flags: r.flags });

export function serializeFilter(f: CableFilter): SerializedFilter {
  return { ...f, ids: f.ids?.map(plain), texts: f.texts?.map(plain) };
}

export function deserializeFilter(f: SerializedFilter): CableFilter {
  return { ...f, ids: f.ids?.map((r) => new RegExp(r.source, r.flags)), texts: f.texts?.map((r) => new RegExp(r.source, r.flags)) };
}
