/**
 * How a removed value is recognised again without being kept: its compact form (NFKC, lower case,
 * letters and digits only — so whitespace, hyphenation, line breaks and case in an output do not
 * hide it) and the sha256 of that form with its length. Withheld paragraphs are cut into chunks.
 */
import { createHash } from 'node:crypto';

export function compact(text: string): string {
  const s = text.normalize('NFKC').toLowerCase();
  // a loop over runs instead of a Unicode-property replace: twice as fast on cable-sized texts
  let out = '';
  let from = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let keep: boolean;
    let width = 1;
    if (c < 128) keep = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      keep = LETTER_OR_DIGIT.test(s.slice(i, i + 2));
      width = 2;
    } else keep = LETTER_OR_DIGIT.test(s[i]!);
    if (keep) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      out += s.slice(from, i);
      from = -1;
    }
    i += width - 1;
  }
  return from >= 0 ? out + s.slice(from) : out;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A value to search outputs for: by hash and length; `plain` only while in memory, never written. */
export interface Probe {
  /** `email`, `phone`, …, or `withheld` for a chunk of a withheld paragraph. */
  category: string;
  length: number;
  sha256: string;
  /** A 31-bit Rabin–Karp hash of the compact form: lets the verifier skip most windows cheaply. */
  rolling?: number;
  plain?: string;
  /**
   * A protected person's name (category `source`): searched as this many whole words, not as
   * compact characters (src/redact/verify/sources.ts); `sha256`, `rolling` and `plain` are of the
   * words' key (`sarfraz khanzada`).
   */
  tokens?: number;
}

const RK_BASE = 131;
const RK_MOD = 2147483647;

export function rollingHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * RK_BASE + text.charCodeAt(i)) % RK_MOD;
  return h;
}

function probeOf(category: string, c: string): Probe {
  return { category, length: c.length, sha256: sha256(c), rolling: rollingHash(c), plain: c };
}

/** Shorter compact values cannot be searched for without false alarms (`x12`). */
export const MIN_PROBE_LENGTH = 5;
/** Withheld text is searched for in chunks of this many compact characters. */
export const CHUNK_LENGTH = 40;
/** Withheld texts shorter than this (`Comment.`) are not searched for. */
export const MIN_WITHHELD_LENGTH = 16;

export function valueProbe(category: string, value: string): Probe | null {
  const c = compact(value);
  if (c.length < MIN_PROBE_LENGTH) return null;
  return probeOf(category, c);
}

/** Non-overlapping chunks covering the whole withheld text (the last one overlaps its neighbour). */
/** Probes for a withheld text, in chunks; chunks that `shown` (compacted kept text) contains are skipped. */
export function withheldProbes(text: string, shown = ''): Probe[] {
  const c = compact(text);
  if (c.length < MIN_WITHHELD_LENGTH) return [];
  const chunks: string[] = [];
  if (c.length <= CHUNK_LENGTH) chunks.push(c);
  else {
    for (let at = 0; at < c.length; at += CHUNK_LENGTH) {
      chunks.push(at + CHUNK_LENGTH <= c.length ? c.slice(at, at + CHUNK_LENGTH) : c.slice(c.length - CHUNK_LENGTH));
    }
  }
  return chunks.filter((chunk) => !shown.includes(chunk)).map((chunk) => probeOf('withheld', chunk));
}

/** The probes found in `text` (compacted here). Plain probes by substring, hashed ones by window. */
export function findProbes(text: string, probes: Probe[]): Probe[] {
  const c = compact(text);
  const found: Probe[] = [];
  const byLength = new Map<number, Probe[]>();
  for (const probe of probes) {
    if (probe.tokens !== undefined) continue; // names are searched as words: src/redact/verify/sources.ts
    if (probe.plain !== undefined) {
      if (c.includes(probe.plain)) found.push(probe);
      continue;
    }
    let group = byLength.get(probe.length);
    if (!group) byLength.set(probe.length, (group = []));
    group.push(probe);
  }
  for (const [length, group] of byLength) {
    const bySha = new Map(group.map((p) => [p.sha256, p]));
    const byRolling = new Map<number, Probe[]>();
    const allRolling = group.every((p) => p.rolling !== undefined);
    if (allRolling) for (const p of group) byRolling.set(p.rolling!, [...(byRolling.get(p.rolling!) ?? []), p]);
    const hit = new Set<string>();
    const check = (at: number): void => {
      const h = sha256(c.slice(at, at + length));
      const probe = bySha.get(h);
      if (probe && !hit.has(h)) {
        hit.add(h);
        found.push(probe);
      }
    };
    if (!allRolling) {
      for (let at = 0; at + length <= c.length; at++) check(at);
      continue;
    }
    if (c.length < length) continue;
    // Rabin–Karp: a rolling hash over every window, sha256 only where it matches
    let pow = 1;
    for (let i = 1; i < length; i++) pow = (pow * RK_BASE) % RK_MOD;
    let h = rollingHash(c.slice(0, length));
    for (let at = 0; ; at++) {
      if (byRolling.has(h)) check(at);
      if (at + length >= c.length) break;
      h = (((h - ((c.charCodeAt(at) * pow) % RK_MOD) + RK_MOD) % RK_MOD) * RK_BASE + c.charCodeAt(at + length)) % RK_MOD;
    }
  }
  return found;
}

/** A probe as written to the audit log: no plain value. */
export function publicProbe(probe: Probe): Omit<Probe, 'plain'> {
  return {
    category: probe.category,
    length: probe.length,
    sha256: probe.sha256,
    ...(probe.rolling !== undefined ? { rolling: probe.rolling } : {}),
    ...(probe.tokens !== undefined ? { tokens: probe.tokens } : {}),
  };
}
