/**
 * A removed value is removed everywhere: the verifier searches an output for each removed value
 * by its compact form (letters and digits, lower case), so a value a detector found at one place
 * and that stands again elsewhere — a contact's name the `names` detector took from its contact
 * sentence and that the cable also names in another paragraph, a number found after a call verb
 * and repeated bare — would refuse the cable with a leak no plan lists. This step proposes every
 * other place the cable's fields hold the same compact form, so the plan lists each one and the
 * apply step removes it: what the verifier finds, the plan has decided.
 */
import { compact, MIN_PROBE_LENGTH } from '../fingerprint.js';
import { slotKey, type Place, type TextSlot } from './fields.js';
import type { RedactionCategory } from '../types.js';

export interface RepeatSource extends Place {
  category: RedactionCategory;
  detector: string;
  value: string;
}

/** The compact form of `text` with, for each of its characters, the offset in `text` it came from. */
function compactWithMap(text: string): { text: string; map: number[] } {
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const c = compact(ch);
    for (const k of c) {
      out.push(k);
      map.push(i);
    }
    i += ch.length;
  }
  return { text: out.join(''), map };
}

/**
 * Further places holding the compact form of a proposal's value, in `slots`, as proposals of the
 * same category and detector. Places the proposals already cover (or overlap) are left out.
 */
export function repeatedValues<P extends RepeatSource>(slots: TextSlot[], proposals: P[], make: (slot: TextSlot, start: number, end: number, from: P) => P): P[] {
  const values = new Map<string, P>();
  for (const p of proposals) {
    const c = compact(p.value);
    if (c.length >= MIN_PROBE_LENGTH && !values.has(c)) values.set(c, p);
  }
  if (values.size === 0) return [];
  const out: P[] = [];
  for (const slot of slots) {
    const flat = compact(slot.text);
    const wanted = [...values.keys()].filter((c) => flat.includes(c));
    if (wanted.length === 0) continue;
    const { text, map } = compactWithMap(slot.text);
    const covered = proposals
      .filter((p) => slotKey(p.field, p.index, p.bullet) === slotKey(slot.field, slot.index, slot.bullet))
      .map((p) => spanOf(slot, p))
      .filter((s): s is [number, number] => s !== null);
    for (const c of wanted) {
      for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
        const start = map[at]!;
        const end = map[at + c.length - 1]! + 1;
        if (covered.some(([s, e]) => s < end && start < e)) continue;
        covered.push([start, end]);
        out.push(make(slot, start, end, values.get(c)!));
      }
    }
  }
  return out;
}

/** A proposal's span in its slot's text (line lists count offsets per line). */
function spanOf(slot: TextSlot, p: Place): [number, number] | null {
  const base = slot.lineStarts ? slot.lineStarts[p.index] : 0;
  if (base === undefined) return null;
  return [base + p.offset, base + p.offset + p.length];
}
