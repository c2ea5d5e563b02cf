/**
 * Row and cable selection for `--filter`: by id pattern (glob or /regex/), origin, date range
 * and classification. Works on the bulk CSV's columns before a row is parsed (cheap), and on a
 * parsed `Cable` for file inputs.
 */
import { CableError } from '../errors.js';
import { LEVELS, type Cable, type Level } from '../model/cable.js';
import { globToRegExp } from '../input/glob.js';

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
    (!f.ids?.length && !f.origins?.length && !f.from && !f.to && !f.levels?.length && !f.minLevel)
  );
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

export function matchesFilter(s: FilterSubject, f: CableFilter | undefined): boolean {
  if (!f) return true;
  if (f.ids?.length && !f.ids.some((re) => re.test(s.id))) return false;
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

/**
 * Reads `--filter` expressions into one filter (all must hold):
 * `id=08OTTAWA*`, `id=/regex/`, a bare id pattern, `origin=OTTAWA,STATE`, `date>=2008-01`,
 * `date<=2008-12-31`, `date=2008`, `classification=SECRET,CONFIDENTIAL`, `classification>=CONFIDENTIAL`.
 */
export function parseFilter(exprs: string[] = [], extra: { from?: string; to?: string } = {}): CableFilter {
  const f: CableFilter = {};
  const list = (v: string): string[] => v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const expr of exprs) {
    const m = /^\s*(id|origin|date|from|to|classification|class|level)\s*(>=|<=|=|:)\s*(.*)$/i.exec(expr);
    if (!m) {
      (f.ids ??= []).push(idPattern(expr.trim()));
      continue;
    }
    const key = m[1]!.toLowerCase();
    const op = m[2]!;
    const value = m[3]!;
    if (key === 'id') {
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
  return f;
}

/** A filter as plain data (RegExps as source/flags), to send to worker processes. */
export interface SerializedFilter extends Omit<CableFilter, 'ids'> {
  ids?: { source: string; flags: string }[];
}

export function serializeFilter(f: CableFilter): SerializedFilter {
  return { ...f, ids: f.ids?.map((r) => ({ source: r.source, flags: r.flags })) };
}

export function deserializeFilter(f: SerializedFilter): CableFilter {
  return { ...f, ids: f.ids?.map((r) => new RegExp(r.source, r.flags)) };
}
