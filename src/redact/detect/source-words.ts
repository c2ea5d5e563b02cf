/**
 * The words of a cable for the protected-sources detector: each text slot with its words and the
 * names in it, worked out only when first asked for (most slots hold no name the detector looks
 * for), the name runs of the slots that hold a word, and where each word stands.
 */
import type { TextSlot } from '../apply/fields.js';
import { nameRuns, tokenize, type NameRun, type Token } from './person-names.js';

/** A slot with its words and names, each worked out when first asked for (most slots hold no name the detector looks for). */
export class SlotWords {
  private words?: Token[];
  private names?: NameRun[];
  private low?: string;
  constructor(readonly slot: TextSlot) {}
  get tokens(): Token[] {
    return (this.words ??= tokenize(this.slot.text));
  }
  get runs(): NameRun[] {
    return (this.names ??= nameRuns(this.slot.text, this.tokens));
  }
  /** Does the slot hold this word, in any case? (The cheap test before its words are worked out.) */
  holds(word: string): boolean {
    return (this.low ??= this.slot.text.toLowerCase()).includes(word.toLowerCase());
  }
}

const INDEX = new WeakMap<SlotWords[], Map<string, Array<[SlotWords, number]>>>();

/** Where each word stands in the cable (its slot and token index): built once a cable, so a name's uses are found without a pass over every word. */
export function wordIndex(all: SlotWords[]): Map<string, Array<[SlotWords, number]>> {
  let index = INDEX.get(all);
  if (!index) {
    index = new Map();
    for (const sw of all) {
      sw.tokens.forEach((t, i) => {
        const list = index!.get(t.text);
        if (list) list.push([sw, i]);
        else index!.set(t.text, [[sw, i]]);
      });
    }
    INDEX.set(all, index);
  }
  return index;
}

/** The index of the last token that ends at or before `offset` (-1: none), by binary search. */
export function tokenBefore(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Every name run of the cable, with its slot; with `word`, only of the slots that hold it. */
export function allRuns(all: SlotWords[], word?: string): Array<NameRun & { slot: TextSlot }> {
  let cache = RUNS.get(all);
  if (!cache) RUNS.set(all, (cache = new Map()));
  const key = word ?? '\u0000';
  let runs = cache.get(key);
  if (!runs) {
    runs = all.filter((sw) => word === undefined || sw.holds(word)).flatMap((sw) => sw.runs.map((r) => ({ ...r, slot: sw.slot })));
    cache.set(key, runs);
  }
  return runs;
}

const RUNS = new WeakMap<SlotWords[], Map<string, Array<NameRun & { slot: TextSlot }>>>();
