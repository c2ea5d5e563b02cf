/**
 * Paragraph numbers from their sequence. Transmission put a stray `1` before some numbers
 * (`¶11. ¶12. ¶13. ¶4.` are 1–4; `6. 17. 18. 19. 110.` are 6–10). A number is rewritten only
 * when the sequence makes it certain; otherwise it is kept and a warning says why. A line
 * `2004. They …` that fits no sequence is not a paragraph start at all.
 */
import type { ChangeLog } from './log.js';

export interface NumberCandidate {
  /** The digits as written. */
  raw: string;
  /** An explicit paragraph marker (`¶`, `[1](#)`) stood before it. */
  explicit: boolean;
  /** A portion marking follows the number. */
  marked?: boolean;
  /** A publisher's redaction (`XXXXXXXXXXXX` alone on its line) stands right before it: whole paragraphs may be gone. */
  afterRedaction?: boolean;
  line: number;
}

export interface NumberDecision {
  accept: boolean;
  number: number;
}

function stripped(raw: string): number | null {
  if (raw.length < 2 || raw[0] !== '1' || raw[1] === '0') return null;
  return Number(raw.slice(1));
}

interface Node {
  score: number;
  prev: [number, number] | null;
}

/**
 * Finds the best chain through the candidates: each step adds one (a gap of up to three
 * missing numbers costs), a number read without its stray `1` costs a little more than the
 * number as written, and a candidate whose portion marking differs from the majority's
 * (an enumerated list inside a quoted letter) counts for little. Candidates off the chain
 * are ordinary text.
 */
export function resolveNumbering(cands: NumberCandidate[], log: ChangeLog): NumberDecision[] {
  const n = cands.length;
  const marked = cands.filter((c) => c.marked).length;
  const majorityMarked = marked >= 2;
  const options = cands.map((c) => {
    const opts: Array<{ value: number; strip: boolean }> = [{ value: Number(c.raw), strip: false }];
    const s = stripped(c.raw);
    if (s !== null) opts.push({ value: s, strip: true });
    return opts;
  });
  const weight = (i: number) => {
    const c = cands[i]!;
    return !!c.marked === majorityMarked || marked === 0 ? 1 : 0.1;
  };
  const nodes: Node[][] = options.map((opts) => opts.map(() => ({ score: -Infinity, prev: null })));
  let best: [number, number] | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = cands[i]!;
    for (let o = 0; o < options[i]!.length; o++) {
      const { value, strip } = options[i]![o]!;
      const own = weight(i) - (strip ? 0.01 : 0);
      let score = own + (value === 1 ? 0.5 : value <= 3 ? 0.2 : value > 60 ? -1 : 0);
      let prev: [number, number] | null = null;
      for (let j = 0; j < i; j++) {
        for (let p = 0; p < options[j]!.length; p++) {
          const node = nodes[j]![p]!;
          const gap = value - options[j]![p]!.value;
          // After a publisher's redaction any number of paragraphs may be missing, at a small fixed cost.
          const removed = c.afterRedaction && !strip && gap > 1 && gap <= 40;
          if (gap < 1 || (gap > 4 && !removed)) continue;
          const sc = node.score + own - (removed ? 0.3 : (gap - 1) * 0.6);
          if (sc > score) {
            score = sc;
            prev = [j, p];
          }
        }
      }
      nodes[i]![o] = { score, prev };
      if (score > bestScore) {
        bestScore = score;
        best = [i, o];
      }
    }
  }
  const chosen = new Map<number, number>();
  for (let at = best; at; at = nodes[at[0]]![at[1]]!.prev) chosen.set(at[0], at[1]);

  const out: NumberDecision[] = [];
  let last: number | null = null;
  for (let i = 0; i < n; i++) {
    const c = cands[i]!;
    const o = chosen.get(i);
    if (o === undefined) {
      if (c.explicit) log.warn('not-a-paragraph', c.line, `"${c.raw}." does not fit the paragraph sequence: kept as text`);
      out.push({ accept: false, number: Number(c.raw) });
      continue;
    }
    const { value, strip } = options[i]![o]!;
    if (strip) log.repair('stray-one', c.line, `${c.raw}.`, `${value}.`);
    if (last === null && value !== 1) log.warn('paragraph-sequence', c.line, `numbering starts at ${value}, not 1: kept as written`);
    if (last !== null && value > last + 1) {
      log.warn('paragraph-sequence', c.line, `paragraph ${value} follows ${last}: ${value - last - 1 === 1 ? `number ${last + 1} is` : `numbers ${last + 1}–${value - 1} are`} missing${c.afterRedaction ? ' (after a publisher\'s redaction)' : ''}; kept as written`);
    }
    last = value;
    out.push({ accept: true, number: value });
  }
  return out;
}
