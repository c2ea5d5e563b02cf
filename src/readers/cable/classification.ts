/** Reads classification levels, caveats and portion markings in the many ways cables write them. */
import type { Level, PortionMarking } from '../../model/cable.js';
import { LEVELS } from '../../model/cable.js';

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(levels: Level[]): Level {
  let best: Level = 'UNCLASSIFIED';
  for (const l of levels) if (levelRank(l) > levelRank(best)) best = l;
  return best;
}

/** Short codes users type (`--max-level C`) and portion markings use. */
const CODES: Record<string, Level> = {
  U: 'UNCLASSIFIED',
  UNCLAS: 'UNCLASSIFIED',
  UNCLASSIFIED: 'UNCLASSIFIED',
  SBU: 'SENSITIVE BUT UNCLASSIFIED',
  LOU: 'SENSITIVE BUT UNCLASSIFIED',
  C: 'CONFIDENTIAL',
  CONFIDENTIAL: 'CONFIDENTIAL',
  S: 'SECRET',
  SECRET: 'SECRET',
  TS: 'TOP SECRET',
  'TOP SECRET': 'TOP SECRET',
};

export function levelFromCode(code: string): Level | null {
  return CODES[code.trim().toUpperCase()] ?? null;
}

const CAVEAT_CODES: Record<string, string> = {
  NF: 'NOFORN',
  NOFORN: 'NOFORN',
  N: 'NOFORN',
  FOUO: 'FOUO',
  OC: 'ORCON',
  ORCON: 'ORCON',
  SI: 'SI',
  TK: 'TK',
  PROPIN: 'PROPIN',
};

/** Parses what stands inside a portion marking's parentheses: `C/NF`, `S//NF`, `C/REL CAN`, `SBU-N`. */
export function parsePortionMarking(raw: string): PortionMarking {
  const text = raw.trim();
  const parts = text.split(/\s*(?:\/\/|\/|-(?=[A-Z]{1,5}$))\s*/i).filter((p) => p !== '');
  const first = text.startsWith('/') ? '' : (parts.shift() ?? '');
  const level = levelFromCode(first);
  const caveats: string[] = [];
  for (const p of parts) {
    const up = p.toUpperCase();
    caveats.push(CAVEAT_CODES[up] ?? up.replace(/\s+/g, ' '));
  }
  return { raw: text, level, caveats };
}

export function isPortionMarking(s: string): boolean {
  if (s.charCodeAt(0) !== 0x28) return false; // `(`
  const m = /^\(([^)]{1,26})\)/.exec(s);
  if (!m) return false;
  const inner = m[1]!.trim();
  return /^(?:U|SBU|C|S|TS|LOU|U\/\/FOUO)(?:(?:\/\/?|-)\s*[A-Za-z ]{1,16})*$/i.test(inner) || /^\/\s*rel\b/i.test(inner);
}

/**
 * The classification line: letter-spaced or not, any case, with typos like `UUNCLAS`.
 * Returns the level and the rest of the line (section and office/number) or null.
 */
export interface ClassificationLine {
  level: Level;
  caveats: string[];
  rest: string;
}

const SPACED: Array<[RegExp, Level]> = [
  [/^T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T\b/i, 'TOP SECRET'],
  [/^S\s?E\s?C\s?R\s?E\s?T\b/i, 'SECRET'],
  [/^C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L\b/i, 'CONFIDENTIAL'],
  [/^U+\s?N\s?C\s?L\s?A\s?S(?:\s?S\s?I\s?F\s?I\s?E\s?D)?\b/i, 'UNCLASSIFIED'],
  [/^L\s?I\s?M\s?I\s?T\s?E\s?D\s+O\s?F\s?F\s?I\s?C\s?I\s?A\s?L\s+U\s?S\s?E\b/i, 'SENSITIVE BUT UNCLASSIFIED'],
];

/** The letters a level starts with (`TOP SECRET`, `SECRET`, `CONFIDENTIAL`, `UNCLASSIFIED`, `LIMITED OFFICIAL USE`), in either case. */
export const LEVEL_FIRST: ReadonlySet<number> = new Set([...'TSCULtscul'].map((c) => c.charCodeAt(0)));

export function readClassificationLine(line: string): ClassificationLine | null {
  let t = line.trim();
  // Every level starts with one of these letters; most lines of a cable don't.
  if (!LEVEL_FIRST.has(t.charCodeAt(0))) return null;
  // `SS E C R E T TUNIS 000679`: the first letter of a letter-spaced level doubled.
  if (t[1] === t[0] && /^([A-Za-z])\1\s(?:[A-Za-z]\s){2,}/.test(t)) t = t.slice(1);
  for (const [re, level] of SPACED) {
    const m = re.exec(t);
    if (!m) continue;
    // A letter-spaced word must be letter-spaced throughout or not at all.
    const word = m[0];
    if (/\s/.test(word) && !/^(\S\s)+\S$/.test(word.replace(/\s+/g, ' ')) && !/^TOP\s+SECRET$/i.test(word) && !/^LIMITED\s+OFFICIAL\s+USE$/i.test(word)) {
      continue;
    }
    let rest = t.slice(word.length).trim();
    let lvl: Level = level;
    const caveats: string[] = [];
    if (/^LIMITED/i.test(word)) caveats.push('LIMITED OFFICIAL USE');
    const sens = /^(?:SENSITIVE|S E N S I T I V E)\b\s*/i.exec(rest);
    if (lvl === 'UNCLASSIFIED' && sens) {
      lvl = 'SENSITIVE BUT UNCLASSIFIED';
      rest = rest.slice(sens[0].length);
    }
    for (;;) {
      const c = /^(NOFORN|SIPDIS|EXDIS|LIMDIS|NODIS|E F T O|EFTO)\b\s*/i.exec(rest);
      if (!c) break;
      caveats.push(c[1]!.toUpperCase().replace(/ /g, ''));
      rest = rest.slice(c[0].length);
    }
    return { level: lvl, caveats, rest };
  }
  return null;
}
