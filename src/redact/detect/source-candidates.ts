/**
 * The candidates for a source marker that names no one (`The Canadian Ambassador (protect)`, `he
 * noted (please protect)`, `a contact in the MFA (protect)`): the persons named in the cable, the
 * one whose role the words before the marker name first, then the nearest — names that look like
 * a person's (a title before them, a word of them used alone as a person is), not an
 * organisation's or a place's.
 */
import type { TextSlot } from '../apply/fields.js';
import { HONORIFICS, isRoleWord, type NameRun } from './person-names.js';
import { wordIndex, type SlotWords } from './source-words.js';

/** Last words of names that are no person's: organisations, places, groups, plans. */
const NOT_PERSON = new Set(
  `party plan plans battalion brigade community states kingdom republic union council committee corporation company companies group bank fund
  agency forces army navy guard guards revolution resources projects project program programme initiative organization organisation
  association institute university college school center centre court airlines airways sea gulf river lake mountains province kray krai
  oblast region district city square street airport jews serbs croats muslims christians shia sunni league front movement alliance
  conference summit treaty accord agreement act law convention process declaration report plan commission ministry government
  administration authority service services office embassy consulate news times post journal herald press network television radio`.split(/\s+/).filter(Boolean),
);

/**
 * How much a name run looks like a person's: a title or role before it, a word of it used alone
 * elsewhere as a person is (`Jaziri said`, `Khalid’s view`, `Mr. Picard`); not when it ends with an
 * organisation's or a place's word or holds a letter alone (`Option B`).
 */
function personLikely(all: SlotWords[], run: NameRun): number {
  if (run.words.some((w) => /^\p{Lu}$/u.test(w)) || NOT_PERSON.has(run.words[run.words.length - 1]!.toLowerCase())) return -1;
  let score = 0;
  if (run.role.split(/\s+/).some((w) => w && (isRoleWord(w) || HONORIFICS.has(w.toLowerCase())))) score += 2;
  const own = new Set(run.words);
  const index = wordIndex(all);
  for (const word of own) {
    for (const [{ slot, tokens }, i] of index.get(word) ?? []) {
      if (score >= 4) break;
      const t = tokens[i]!;
      if (own.has(tokens[i - 1]?.text ?? '') || own.has(tokens[i + 1]?.text ?? '')) continue;
      const next = tokens[i + 1];
      const prev = tokens[i - 1];
      const verb = next && /^\s+$/.test(slot.text.slice(t.end, next.start)) && /^\p{Ll}+$/u.test(next.text) && t.possessiveEnd === undefined;
      const titled = prev && HONORIFICS.has(prev.text.toLowerCase());
      if (verb || titled || t.possessiveEnd !== undefined) score += 2;
    }
  }
  return score;
}

/** The persons named near a marker that names no one: the one whose role the description names first, then nearest first. */
export function candidatesFor(all: SlotWords[], runs: Array<NameRun & { slot: TextSlot }>, slot: TextSlot, offset: number, description: string, people: Array<{ name: string; markers: unknown[] }>): string[] {
  const scored: Array<{ name: string; score: number }> = [];
  const desc = new Set(description.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean));
  const likely = new Map<string, number>();
  for (const r of runs) {
    const name = r.words.join(' ');
    if (!likely.has(name)) likely.set(name, personLikely(all, r));
    if (likely.get(name)! < 2) continue;
    let distance: number;
    if (r.slot === slot) distance = r.start < offset ? offset - r.start : 2000 + (r.start - offset);
    else distance = 5000 + Math.abs(slotOrder(r.slot) - slotOrder(slot)) * 1000 + (slotOrder(r.slot) > slotOrder(slot) ? 500 : 0);
    // `The Canadian Ambassador (protect)`, and `Canadian Ambassador Bruno Picard` elsewhere
    const role = r.role.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
    const roleMatch = role.length > 0 && role.every((w) => desc.has(w)) ? -100000 : 0;
    scored.push({ name, score: distance + roleMatch });
  }
  for (const p of people) if (p.markers.length) scored.push({ name: p.name, score: 4000 });
  scored.sort((a, b) => a.score - b.score);
  const out: string[] = [];
  for (const c of scored) {
    if (out.some((o) => o === c.name || o.endsWith(` ${c.name}`) || c.name.endsWith(` ${o}`))) continue;
    out.push(c.name);
    if (out.length >= 5) break;
  }
  return out;
}

/** A slot's order in the cable: paragraphs by index, the header before them. */
function slotOrder(slot: TextSlot): number {
  if (slot.field === 'paragraph' || slot.field === 'bullet' || slot.field === 'heading') return 10 + slot.index;
  if (slot.field === 'signature' || slot.field === 'footer') return 100000;
  return 0;
}
