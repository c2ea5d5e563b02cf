/**
 * How a removed value is recognised again without being kept: its compact form (NFKC, lower case,
 * letters and digits only — so whitespace, hyphenation, line breaks and case in an output do not
 * hide it) and the sha256 of that form with its length. Withheld paragraphs are cut into chunks.
 */
import { createHash } from 'node:crypto';

export function compact(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A value to search outputs for: by hash and length; `plain` only while in memory, never written. */
export interface Probe {
  /** `email`, `phone`, …, or `withheld` for a chunk of a withheld paragraph. */
  category: string;
  length: number;
  sha256: string;
  plain?: string;
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
  return { category, length: c.length, sha256: sha256(c), plain: c };
}

/** Non-overlapping chunks covering the whole withheld text (the last one overlaps its neighbour). */
export function withheldProbes(text: string): Probe[] {
  const c = compact(text);
  if (c.length < MIN_WITHHELD_LENGTH) return [];
  if (c.length <= CHUNK_LENGTH) return [{ category: 'withheld', length: c.length, sha256: sha256(c), plain: c }];
  const probes: Probe[] = [];
  for (let at = 0; at < c.length; at += CHUNK_LENGTH) {
    const chunk = at + CHUNK_LENGTH <= c.length ? c.slice(at, at + CHUNK_LENGTH) : c.slice(c.length - CHUNK_LENGTH);
    probes.push({ category: 'withheld', length: CHUNK_LENGTH, sha256: sha256(chunk), plain: chunk });
  }
  return probes;
}

/** The probes found in `text` (compacted here). Plain probes by substring, hashed ones by window. */
export function findProbes(text: string, probes: Probe[]): Probe[] {
  const c = compact(text);
  const found: Probe[] = [];
  const byLength = new Map<number, Map<string, Probe>>();
  for (const probe of probes) {
    if (probe.plain !== undefined) {
      if (c.includes(probe.plain)) found.push(probe);
      continue;
    }
    let group = byLength.get(probe.length);
    if (!group) byLength.set(probe.length, (group = new Map()));
    group.set(probe.sha256, probe);
  }
  for (const [length, group] of byLength) {
    const hit = new Set<string>();
    for (let at = 0; at + length <= c.length; at++) {
      const h = sha256(c.slice(at, at + length));
      const probe = group.get(h);
      if (probe && !hit.has(h)) {
        hit.add(h);
        found.push(probe);
      }
    }
  }
  return found;
}

/** A probe as written to the audit log: no plain value. */
export function publicProbe(probe: Probe): Omit<Probe, 'plain'> {
  return { category: probe.category, length: probe.length, sha256: probe.sha256 };
}
