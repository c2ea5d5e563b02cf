/**
 * Letting second-look hits through by name (`--allow-residual SHA256=REASON`,
 * `--allow-residual-file FILE`): parsing what a person wrote. Apart from the scan itself
 * (residual.ts), so the command line reads these options without loading the scan's phone library.
 */
import { CableError } from '../../errors.js';

/** How many hex digits of a hit's sha256 a refusal shows, and the fewest `--allow-residual` accepts. */
export const SHORT_ID = 12;

/** A hit a person let through by name (`--allow-residual SHA256=REASON`): a sha256 or its first 12+ hex digits, and why. */
export interface ResidualAllowance {
  sha256: string;
  reason: string;
}

const HEX = /^[0-9a-f]+$/;

/**
 * `SHA256=REASON` (the command line) or `SHA256 REASON` (a line of an allowance file) → an
 * allowance. Throws a one-line CableError naming what to give instead (a bare reason that would
 * let every hit through is refused).
 */
export function parseAllowance(value: string, where = '--allow-residual'): ResidualAllowance {
  const m = /^\s*([0-9a-fA-F]+)\s*(?:=|\s)\s*(\S.*?)\s*$/.exec(value);
  const hash = m?.[1]?.toLowerCase() ?? '';
  if (!m || hash.length < SHORT_ID || hash.length > 64 || !HEX.test(hash)) {
    throw new CableError(
      `${where} names the hits to let through, each with a reason: --allow-residual SHA256=REASON (the refusal lists each hit's sha256; 12 or more hex digits), or decide them in a plan (cablekit plan)`,
    );
  }
  return { sha256: hash, reason: m[2]! };
}

/** An allowance file: one `SHA256 REASON` a line; `#` starts a comment line. */
export function parseAllowanceFile(text: string, file: string): ResidualAllowance[] {
  const out: ResidualAllowance[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    try {
      out.push(parseAllowance(line, `line ${i + 1}`));
    } catch (err) {
      throw new CableError((err as Error).message, file);
    }
  });
  return out;
}

