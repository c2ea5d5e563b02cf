/**
 * Repairs inside paragraph text: telegraph character substitutions (`Canada,s` → `Canada's`,
 * `&…8` → curly quotes) and transmission garbles (a run repeated after a stray `Q`).
 */
import type { ChangeLog } from './log.js';

const APOSTROPHE_COMMA = /,(s|t|re|ve|ll|d|m)\b(?![,.]?\d)/g;

/** Is there a comma with a letter after it that may start a suffix (`s t r v l d m`)? Most commas have a space after them. */
function mayHoldApostropheComma(text: string): boolean {
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) {
    switch (text.charCodeAt(at + 1)) {
      case 0x73: // s
      case 0x74: // t
      case 0x72: // r
      case 0x76: // v
      case 0x6c: // l
      case 0x64: // d
      case 0x6d: // m
        return true;
    }
  }
  return false;
}

export function repairApostrophes(text: string, line: number, log: ChangeLog): string {
  if (!mayHoldApostropheComma(text)) return text;
  return text.replace(APOSTROPHE_COMMA, (m: string, suffix: string, at: number) => {
    if (at === 0 || !/[A-Za-z]/.test(text[at - 1]!)) return m;
    let from = at;
    while (from > 0 && from > at - 30 && /[A-Za-z]/.test(text[from - 1]!)) from--;
    const word = text.slice(from, at);
    if (from > 0 && /\w/.test(text[from - 1]!)) return m;
    if (suffix === 't' && !/n$/i.test(word)) return m;
    if (suffix !== 's' && suffix !== 't' && !/^(?:we|you|they|i|he|she|it|who|that|there|what)$/i.test(word)) return m;
    log.repair('apostrophe-comma', line, `${word}${m}`, `${word}'${suffix}`);
    return `'${suffix}`;
  });
}

/** `&we're working on it.8` → `“we're working on it.”` */
export function repairQuotes(text: string, line: number, log: ChangeLog): string {
  if (!text.includes('&') || !text.includes('8')) return text;
  return text.replace(/&(?=[A-Za-z(“"'])([^&\n]{1,600}?[^\s\d&])8(?=[\s.,;:)!?]|$)/g, (m, inner: string) => {
    const after = `“${inner}”`;
    log.repair('telegraph-quotes', line, m, after);
    return after;
  });
}

/**
 * `…plenary are Qpolicy, Turcotte responded, "my remarks to the plenary are what matter."`:
 * after a stray `Q` the text repeats a run that stands just before it. When the repeat is
 * long enough to be certain, the second copy and the `Q` are removed; otherwise a warning.
 */
export function repairGarbles(text: string, line: number, log: ChangeLog): string {
  if (!text.includes('Q')) return text;
  let out = text;
  const re = /(^|\s)Q(?=[a-z"“(])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(out))) {
    const q = m.index + m[1]!.length;
    const before = out.slice(0, q);
    const after = out.slice(q + 1);
    let best = 0;
    for (let len = Math.min(300, before.length, after.length); len >= 3; len--) {
      if (before.endsWith(after.slice(0, len))) {
        best = len;
        break;
      }
    }
    if (best >= 20) {
      const repeat = after.slice(0, best);
      log.repair('garbled-repeat', line, `Q${repeat}`, '');
      out = before + after.slice(best);
      re.lastIndex = q;
    } else if (best >= 3) {
      log.warn('garble', line, `stray "Q" before "${after.slice(0, 30)}…" repeats ${best} characters: possible transmission garble, kept`);
    }
  }
  return out;
}
