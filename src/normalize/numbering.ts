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

export function resolveNumbering(cands: NumberCandidate[], log: ChangeLog): NumberDecision[] {
  const out: NumberDecision[] = [];
  let expected: number | null = null;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const w = Number(c.raw);
    const s = stripped(c.raw);
    if (expected === null) {
      if (w === 1) {
        out.push({ accept: true, number: 1 });
        expected = 2;
        continue;
      }
      const next = cands[i + 1];
      if (s === 1 && next && (next.raw === '2' || next.raw === '12')) {
        log.repair('stray-one', c.line, `${c.raw}.`, '1.');
        out.push({ accept: true, number: 1 });
        expected = 2;
        continue;
      }
      if (w > 60 && !c.explicit) {
        out.push({ accept: false, number: w });
        continue;
      }
      if (w !== 1) log.warn('paragraph-sequence', c.line, `numbering starts at ${w}, not 1: kept as written`);
      out.push({ accept: true, number: w });
      expected = w + 1;
      continue;
    }
    if (w === expected) {
      out.push({ accept: true, number: w });
      expected = w + 1;
      continue;
    }
    if (s !== null && s === expected) {
      log.repair('stray-one', c.line, `${c.raw}.`, `${s}.`);
      out.push({ accept: true, number: s });
      expected = s + 1;
      continue;
    }
    const gap = w - expected;
    if (gap > 0 && gap <= (c.explicit ? 10 : 3)) {
      log.warn('paragraph-sequence', c.line, `paragraph ${w} follows ${expected - 1}: numbers ${expected}–${w - 1} missing; kept as written`);
      out.push({ accept: true, number: w });
      expected = w + 1;
      continue;
    }
    if (c.explicit && w >= 1 && w < expected && w >= expected - 2) {
      log.warn('paragraph-sequence', c.line, `paragraph ${w} repeats after ${expected - 1}: kept as written`);
      out.push({ accept: true, number: w });
      expected = w + 1;
      continue;
    }
    if (c.explicit) log.warn('not-a-paragraph', c.line, `"${c.raw}." does not continue the paragraph sequence (${expected - 1}): kept as text`);
    out.push({ accept: false, number: w });
  }
  return out;
}
