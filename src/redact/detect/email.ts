/**
 * Email addresses: plain (`earl.turcotte@international.gc.ca`), glued to punctuation on either
 * side (`-name@state.sgov.gov)`, `mailto:`, `<…>`), and obfuscated whole (`NAME(AT)STATE.GOV`,
 * `JOHN.SMITH AT STATE.GOV`, `smithj [at] state [dot] gov`, `john dot smith at state dot gov`).
 */
import { ANY_HOST, HOST, SPOKEN_HOST } from './domain.js';
import type { Detector, Span } from '../types.js';

const LOCAL = `[a-z0-9](?:[a-z0-9._%+'-]*[a-z0-9_])?`;
/** A hyphen before the address is punctuation (`1430 -name@…`), so it may precede it. */
const PLAIN = new RegExp(`(?<![a-z0-9._%+])${LOCAL}@${ANY_HOST}`, 'giu');
/** A number glued to the address by a hyphen (`1430-name@…`): the number is not part of it. */
const GLUED_NUMBER = /^(?:\d+[-.])+(?=[a-z])/i;
/** `(AT)`, `[at]`, `{at}` — separators nobody writes by accident; dots may be `[dot]` too. */
const BRACKET_AT = new RegExp(
  `(?<![a-z0-9._%+-])${LOCAL}\\s*[(\\[{]\\s*at\\s*[)\\]}]\\s*(?:[a-z0-9-]+(?:\\.|\\s*[(\\[{]\\s*dot\\s*[)\\]}]\\s*|\\sdot\\s))+[a-z]{2,6}(?![a-z0-9-])`,
  'giu',
);
/** `@` with a space on either side: also written for "alias" (`Verma @ Farooq`, `Yusuf @ Moh. Salim`), so the host must be certain. */
const SPACED_AT = new RegExp(`(?<![a-z0-9._%+-])${LOCAL}(?:\\s@\\s?|@\\s)(?:${HOST})`, 'giu');
/** `jdoe at state dot gov`, `JOHN DOT SMITH AT STATE DOT GOV`: a spoken `dot` in the host makes it an address. */
const SPOKEN = new RegExp(`(?<![a-z0-9._%+-])(${LOCAL}(?:\\s+dot\\s+${LOCAL})*)\\s+at\\s+(?:${SPOKEN_HOST})`, 'giu');
/** `JOHN.SMITH AT STATE.GOV`: plain ` at `, so the host must be certain and the local part not a word of prose. */
const LOCAL_BEFORE = new RegExp(`(?<![a-z0-9._%+-])(${LOCAL})$`, 'iu');
const HOST_AFTER = new RegExp(`(${HOST})(?![/.]?[a-z0-9/])`, 'giuy');
const PROSE_WORDS = new Set(
  'reached|available|found|posted|located|visit|visited|site|website|online|here|there|him|her|them|us|me|it|is|are|was|were|be|been|contact|contacted|email|e-mail|mail|emailed|sent|copy|copies|page|posting|and|or|the|a|an|of|to|written|read|also|only|directly|address|addresses|him/her|staff|desk|officer|office'.split(
    '|',
  ),
);

/**
 * After an e-mail label the value is an address whatever its form: inside angle brackets (`(E-mail:
 * <jdoe at mfa dot gov dot tr>)`), or with an `@` spaced on both sides (`E-mail: jdoe @ mfa.tr`).
 */
const LABEL = /\b(?:e-?mail|email\s+address|e-mail\s+address)\s*:\s*/gi;
const BRACKETED = /^<([^<>\n]{3,80})>/;
const SPACED_AFTER_LABEL = /^[a-z0-9._%+'-]{1,64}\s?@\s?[a-z0-9-]{1,63}(?:\s?\.\s?[a-z0-9-]{1,63}){1,6}(?<=[a-z]{2})(?![a-z0-9.-])/i;

/**
 * The release's own garble of a quoted `"at"` (its quotation marks became `8` and `&`):
 * `PikoulosBA8at8state.gov`, `chris.walker8at8nnsa.doe.gov`.
 */
const GARBLED_AT = new RegExp(`(?<![a-z0-9._%+-])${LOCAL}(?:8at8|&at8|&at&|"at"|“at”)${HOST}`, 'giu');

/** Cheap guards: the regular expressions above only run on texts that can hold what they look for. */
const HAS_BRACKET_AT = /[(\[{]\s*at\s*[)\]}]/i;
const HAS_SPOKEN_DOT = /\sdot\s/i;

export const detectEmails: Detector = (text) => {
  const spans: Span[] = [];
  const hasAt = text.includes('@');
  const garbled = /[8&"“]at[8&"”]/i.test(text);
  if (!hasAt && !garbled && !/\sat\s/i.test(text) && !HAS_BRACKET_AT.test(text) && !/mail\s*:/i.test(text)) return spans;
  if (garbled) for (const m of text.matchAll(GARBLED_AT)) spans.push({ category: 'email', start: m.index, end: m.index + m[0].length });
  if (/mail/i.test(text)) {
    for (const m of text.matchAll(LABEL)) {
      const at = m.index + m[0].length;
      const bracketed = BRACKETED.exec(text.slice(at, at + 90));
      if (bracketed && /@|\bat\b|\(at\)|\[at\]|\.[a-z]{2,}/i.test(bracketed[1]!)) {
        const inner = bracketed[1]!.trim();
        const start = at + 1 + bracketed[1]!.indexOf(inner);
        spans.push({ category: 'email', start, end: start + inner.length });
        continue;
      }
      const spaced = SPACED_AFTER_LABEL.exec(text.slice(at, at + 140));
      if (spaced) spans.push({ category: 'email', start: at, end: at + spaced[0].length });
    }
  }
  for (const m of hasAt ? text.matchAll(PLAIN) : []) {
    const glued = GLUED_NUMBER.exec(m[0]);
    const start = m.index + (glued ? glued[0].length : 0);
    spans.push({ category: 'email', start, end: m.index + m[0].length });
  }
  for (const m of HAS_SPOKEN_DOT.test(text) ? text.matchAll(SPOKEN) : []) {
    const local = m[1]!;
    if (PROSE_WORDS.has(local.toLowerCase())) continue;
    spans.push({ category: 'email', start: m.index, end: m.index + m[0].length });
  }
  if (HAS_BRACKET_AT.test(text)) for (const m of text.matchAll(BRACKET_AT)) spans.push({ category: 'email', start: m.index, end: m.index + m[0].length });
  if (hasAt) for (const m of text.matchAll(SPACED_AT)) spans.push({ category: 'email', start: m.index, end: m.index + m[0].length });
  // ` at `: start from each " at " (cheap) and read the words on both sides
  for (const at of text.matchAll(/\s+at\s+/gi)) {
    const before = LOCAL_BEFORE.exec(text.slice(Math.max(0, at.index - 80), at.index));
    HOST_AFTER.lastIndex = at.index + at[0].length;
    const host = HOST_AFTER.exec(text);
    if (!before || !host) continue;
    const local = before[1]!;
    if (PROSE_WORDS.has(local.toLowerCase())) continue;
    if (/^www\./i.test(host[1]!)) continue;
    // a single plain word is prose unless it looks like a user id (digits, dot, underscore) or is all caps
    if (!/[._\d]/.test(local) && !(local === local.toUpperCase() && host[1] === host[1]!.toUpperCase())) continue;
    const start = at.index - local.length;
    spans.push({ category: 'email', start, end: host.index + host[0].length });
  }
  return spans;
};
