/**
 * Telephone and fax numbers in the forms cables use: `(613) 995-9282`, `202-663-0104`,
 * `613.995.9282`, `202 647 1430`, `202/647-1430`, `+1 613 995 9282`, `011-58-212-907-8330`,
 * `58-212-907-8403`, extensions (`x.2575` after a number or a name, `ext 2575`), anything after
 * `Phone:` / `Tel.` / `Cell` / `IVG` / `DSN` / `Fax:`, and a 7-digit `647-9533` next to an email. libphonenumber-js
 * (region hinted from the cable's origin) finds the rest; every candidate then passes the
 * look-alike guard (dates, date-time groups, reference numbers, paragraph numbers).
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Detector, Span } from '../types.js';

const B = '(?<![\\w.\\-/+])'; // not inside a longer token
const E = '(?![\\w\\-/]|[.,]\\d)';
const SHAPES: RegExp[] = [
  new RegExp(`${B}(?:\\+?1[-. ])?\\(\\d{3}\\)[ \\u00a0]?\\d{3}[-. ]\\d{4}${E}`, 'g'), // (613) 995-9282
  new RegExp(`${B}(?:1[-. ])?\\d{3}([-.])\\d{3}\\1\\d{4}${E}`, 'g'), // 202-663-0104, 613.995.9282
  new RegExp(`(?<![\\w+])\\+\\d{1,3}(?:[-. \\u00a0]?\\(?\\d{1,5}\\)?){2,6}${E}`, 'g'), // +1 613 995 9282
  new RegExp(`${B}(?:00|011)[-. ]?[1-9]\\d{0,2}(?:[-. ]\\d{1,5}){2,5}${E}`, 'g'), // 011-58-212-907-8330, 00 1 202 647 1430
  new RegExp(`${B}\\d{2,3}-\\d{2,4}-\\d{3}-\\d{4}${E}`, 'g'), // 58-212-907-8403
  new RegExp(`${B}(?<!\\d )\\d{3} \\d{3} \\d{4}(?! \\d)${E}`, 'g'), // 202 647 1430
  new RegExp(`${B}\\(?\\d{3}\\)?/\\d{3}-\\d{4}${E}`, 'g'), // 202/647-1430
];
/** `(216) 71-107-000`, `(33) 1 43 12 22 22`: a country code in parentheses, then groups; 9 to 15 digits. */
const PAREN_COUNTRY = new RegExp(`${B}\\(\\d{2,3}\\)[ \\u00a0]?\\d{1,4}(?:[-. \\u00a0]\\d{2,4}){2,4}${E}`, 'g');
const SEVEN = new RegExp(`${B}\\d{3}-\\d{4}${E}`, 'g');
const LABEL =
  /\b(phone|telephone|tel|ph|cell(?:phone)?|mobile|mob|fax|facsimile|telefax|direct line|hotline|ivg|dsn)\b(?:\s*(?:number|no\.?|#))?\s*(?:is\s*)?[:.]?\s*/gi;
/** The number after a label: digits and separators; a dot only between digits (`9000. 5.` ends a sentence). */
const AFTER_LABEL = /^\+?\(?\d(?:[\d()\-/ \u00a0]|\.(?=\d)){5,}\d/;
const EXTENSION = /^(?:\s*,)?\s*(?:x|ext\.?|extension)\s*\.?\s*\d{1,6}\b/i;
const STANDALONE_EXTENSION = /(?<![\w])(?:x\.?|ext\.?)\s?\d{3,5}\b/gi;
/** `ext. 2575`, `extension 2575`: spelled out, an extension whatever is near. */
const SPELLED_EXTENSION = /(?<![\w])(?:ext|extn|extension)\.?\s?\d{3,5}(?!\d)/gi;
/** `Smith x.2575`, `SMITH, X2575`, `Jones (x 2575)`: after a name, the x is an extension. */
const NAME_EXTENSION = /(?<=\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:,\s?|\s\(|\s))[xX](?:\.\s?|\s)?\d{3,5}(?![\d\w])/g;
const EMAIL_NEAR = /[\w.%+-]+@[\w-]+\.[\w.-]+|\(at\)|\b\w+ at \w+(?: dot \w+)+/i;
/** `90 312 455 5555 ext. 4321`: digit groups that an extension follows are a number. */
const GROUPS_BEFORE_EXTENSION = new RegExp(`${B}\\d{1,4}(?:[ .-]\\d{1,4}){1,4}[ .-]\\d{3,4}(?=\\s*,?\\s*(?:ext\\.?|x\\.|extension)\\s*\\d)`, 'gi');
/** `… 011-90-312-455-5555 or 90 312 455 5555`: a second number in a list after a phone. */
const LISTED_AFTER = /^\s*(?:,|;|\/|or|and)\s*(\+?\(?\d(?:[\d()\-/ \u00a0]|\.(?=\d)){7,}\d)/i;
/** `Tel: 202-647-1430, 647-5035 or 5036`: after a label every number of the list is one, short local groups too. */
const LISTED_LOCAL = /^\s{0,2}(?:,|;|\/|&|\bor\b|\band\b)\s{0,2}(\+?\(?\d(?:[\d()\- \u00a0]|\.(?=\d))*\d\)?)(?![\d\w])/i;
/** A contact's sentence before a local number: `point of contact is Chris Herrington ISN/CPI, 647-5035`. */
const CONTACT_BEFORE = /\b(?:points? of contact|POCs?|contact(?:ed)?(?!\s+groups?\b)|reached)\b[^.;!?]{0,100}$/i;
/**
 * A call verb right before the number, nothing between but whom and how: `call 555-1234`, `reach
 * him at 647-1430`, `dial 2026471430`, `ring the duty officer on …`, `call Jan Smith at …`. (`the
 * call for 250-1000 more troops` has a word between.)
 */
const CALL_VERB = /\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|reach(?:ed|es|ing)?|ring(?:s|ing)?|rang|phoned|telephoned|contact(?:ed|ing|s)?)\b/gi;
const CALL_WHOM =
  /^(?:\s+(?:[Hh]im|[Hh]er|[Tt]hem|[Mm]e|[Uu]s|[Yy]ou|(?:the|our|his|her|their)\s+(?:\w+\s+)?(?:officer|desk|office|line|center|centre|operator|embassy|consulate|mission)|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))?(?:\s+(?:at|on))?(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*$/;
/** What a count or a range goes on with (`call for 125-1550 troops`, `reach 1200-1450 people`), which a phone number does not. */
const COUNT_AFTER = /^\s*(?:%|percent\b|(?!(?:or|and|to|for|from|ext|extension|x|if|in|at|on|until|before|after|between|during|anytime|any|with|by|today|tomorrow|tonight|now|daily|weekdays|weekends|mornings|afternoons|evenings|nights|when|about|regarding|re)\b)[a-z])/;
/** Two local numbers of one exchange in a list: `647-1430 or 647-1431` (alone, each could be a range). */
const LOCAL_PAIR = /(?<![\w.,\/+\-])(\d{3})([-. ])(\d{4})\s{0,2}(?:,|;|\/|\bor\b|\band\b)\s{0,2}\1\2(\d{4})(?![\w\-])/g;
/** Digit groups as a number is written: `555-1234`, `555 1234`, `1 202 647 1430`, `(202) 647-1430`. */
const CALLED_GROUPS = /(?<![\w.,\/+\-])(?:\+\s?)?\(?\d{1,4}\)?(?:[-. ]\(?\d{1,4}\)?){1,5}(?![\w\-]|[.,]\d)/g;
/** A number without separators: `2026471430`, `12026471430`, `+442074999000`, `00442074999000`. */
const BARE = /(?<![\w.,\/+\-])(?:\+|00|011)?\d{8,15}(?![\w]|[.,]\d)/g;

function callVerbBefore(before: string): boolean {
  for (const m of before.matchAll(CALL_VERB)) if (CALL_WHOM.test(before.slice(m.index + m[0].length))) return true;
  return false;
}
/** An office symbol right before (`ISN/CPI, 647-5035`, `(NEA/FO, 647-9533)`). */
const OFFICE_BEFORE = /\b[A-Z]{2,6}\/[A-Z]{2,6}(?:\/[A-Z]{2,6})?,\s*$/;

/**
 * Does libphonenumber-js accept the number: as written for `region`, or — without a region — its
 * digits read with a leading `+` (`(216) 71-107-000` → +216 71 107 000)?
 */
function validNumber(value: string, region?: CountryCode): boolean {
  try {
    const number = region ? parsePhoneNumberFromString(value, region) : parsePhoneNumberFromString(`+${value.replace(/\D/g, '')}`);
    return number?.isValid() ?? false;
  } catch {
    return false;
  }
}

function digits(s: string): number {
  return s.replace(/\D/g, '').length;
}

/** Is the text before `start` a phone or fax label (within the same clause)? */
function labelBefore(text: string, start: number): 'phone' | 'fax' | null {
  const before = text.slice(Math.max(0, start - 32), start);
  let last: string | null = null;
  for (const m of before.matchAll(LABEL)) last = m[1]!.toLowerCase();
  if (last === null) return null;
  return last === 'fax' || last === 'facsimile' ? 'fax' : 'phone';
}

/** Not a phone: dates, DTGs, reference numbers (`STATE 125628`), year ranges, paragraph numbers. */
function looksLikeSomethingElse(text: string, start: number, end: number): boolean {
  const value = text.slice(start, end);
  if (/\//.test(value) && !/^\(?\d{3}\)?\/\d{3}-\d{4}$/.test(value)) return true;
  if (/^\d{4}-\d{4}$/.test(value)) return true; // 2000-2001
  if (/^(?:19|20)\d\d\s?[-–\/]\s?(?:19|20)?\d\d$/.test(value)) return true; // 1989 - 1992, 1997-98
  const spaced = /^\d{3} \d{3} \d{4}$/.test(value) || /^(?:00|011)[ .-]\d/.test(value);
  if (/^[\d ]+$/.test(value) && !spaced) return true; // bare digit runs are references
  if (/[A-Z]{3,} $/.test(text.slice(Math.max(0, start - 12), start)) && /^[\d ]+$/.test(value) && !spaced) return true;
  if (/^\d{1,2}[/.]/.test(text.slice(end, end + 3)) || /\d[/]$/.test(text.slice(Math.max(0, start - 3), start))) return true;
  if (/^\s?Z\b/.test(text.slice(end, end + 2))) return true; // date-time group
  return false;
}

function classify(text: string, start: number): 'phone' | 'fax' {
  return labelBefore(text, start) ?? 'phone';
}

function withExtension(text: string, end: number): number {
  const m = EXTENSION.exec(text.slice(end));
  return m ? end + m[0].length : end;
}

/** Runs of 7+ digits with little between them: the only places a phone number can be. */
const DIGIT_RUN = /[+(]?\d(?:[^\d\n]{0,3}\d){6,}/g;
const MARGIN = 8;

/** libphonenumber-js on the digit runs only (it is the slow part on a long cable), in text offsets. */
function findInDigitRuns(text: string, region: CountryCode): { startsAt: number; endsAt: number; number: { isValid(): boolean } }[] {
  const windows: [number, number][] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = Math.max(0, m.index - MARGIN);
    const end = Math.min(text.length, m.index + m[0].length + MARGIN);
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  const out: { startsAt: number; endsAt: number; number: { isValid(): boolean } }[] = [];
  for (const [start, end] of windows) {
    for (const found of findPhoneNumbersInText(text.slice(start, end), { defaultCountry: region })) {
      out.push({ startsAt: found.startsAt + start, endsAt: found.endsAt + start, number: found.number });
    }
  }
  return out;
}

export const detectPhones: Detector = (text, context) => {
  const spans: Span[] = [];
  // every form below holds three digits in a row (`x 4541`, `202-…`, `+1 613 …`) or short groups (`(33) 1 43 12 22 22`)
  if (!/\d{3}|\d[-. ()\u00a0]{1,2}\d\d?[-. \u00a0]\d\d/.test(text)) return spans;
  /** Spans that came after a label: the numbers listed after them are numbers too. */
  const labelledSpans: Span[] = [];
  const add = (start: number, end: number, labelled: boolean): void => {
    // `(202-663-0104)`: an opening parenthesis without its closing one is punctuation
    if (text[start] === '(' && !text.slice(start, end).includes(')')) start++;
    const value = text.slice(start, end);
    if (text[end - 1] === ')' && value.split('(').length < value.split(')').length) end--;
    if (!labelled && looksLikeSomethingElse(text, start, end)) return;
    end = withExtension(text, end);
    const span: Span = { category: classify(text, start), start, end };
    spans.push(span);
    if (labelled) labelledSpans.push(span);
  };
  for (const re of SHAPES) for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length, false);
  // a country code in parentheses only when the digits make a valid international number (`(193) 120 45 30` is a vote)
  for (const m of text.matchAll(PAREN_COUNTRY)) {
    const n = digits(m[0]);
    if (n >= 9 && n <= 15 && validNumber(m[0])) add(m.index, m.index + m[0].length, false);
  }
  // `Phone: …` / `Fax: …` / `telephone number …`: whatever number follows the label
  for (const m of text.matchAll(LABEL)) {
    const at = m.index + m[0].length;
    const n = AFTER_LABEL.exec(text.slice(at));
    // a list joined by slashes (`+963 11 333 1342 / 333 2814`, `…-5555/5556`): the first number here, the others below
    const first = n && digits(n[0]) > 16 ? /^[^/]*\d/.exec(n[0]) : n;
    if (first && digits(first[0]) >= 7 && digits(first[0]) <= 16) {
      const value = first[0].replace(/[\s.\-]+$/, '');
      add(at, at + value.length, true);
    }
  }
  for (const m of text.matchAll(GROUPS_BEFORE_EXTENSION)) if (digits(m[0]) >= 9) add(m.index, m.index + m[0].length, true);
  // a 7-digit local number needs a reason: a label, an email, an office symbol or a contact's sentence close by
  for (const m of text.matchAll(SEVEN)) {
    const near = text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 60);
    const before = text.slice(Math.max(0, m.index - 140), m.index);
    const extended = withExtension(text, m.index + m[0].length) > m.index + m[0].length;
    if (EMAIL_NEAR.test(near) || labelBefore(text, m.index) || extended || OFFICE_BEFORE.test(before) || CONTACT_BEFORE.test(before)) {
      add(m.index, m.index + m[0].length, false);
    }
  }
  // digit groups right after a call verb (`call 555-1234`, `ring 555 1234`, `call 1 202 647 1430`): a local number of three
  // digits and four that is no round range and no count (`reach 1200-1450 people`), or a number libphonenumber accepts
  if (/\b(?:call|dial|reach|ring|rang|phoned|telephoned|contact)/i.test(text)) {
    for (const m of text.matchAll(CALLED_GROUPS)) {
      if (!callVerbBefore(text.slice(Math.max(0, m.index - 48), m.index))) continue;
      let value = m[0];
      let at = m.index;
      // a parenthesis opened or closed around the number is punctuation: `(202-663-0104)`
      if (value.startsWith('(') && !/^\(\d{1,4}\)/.test(value)) {
        value = value.slice(1);
        at++;
      }
      if (value.endsWith(')') && value.split('(').length < value.split(')').length) value = value.slice(0, -1);
      const local = /^(\d{3})[-. ](\d{4})$/.exec(value);
      const after = text.slice(at + value.length, at + value.length + 16);
      if (local) {
        if ((Number(local[1]) % 10 === 0 && Number(local[2]) % 10 === 0) || COUNT_AFTER.test(after)) continue;
      } else if (digits(value) < 10 || !(validNumber(value, (context.region ?? 'US') as CountryCode) || validNumber(value))) continue;
      if (/^(?:19|20)\d\d\s?[-–\/]\s?(?:19|20)?\d\d$/.test(value)) continue;
      spans.push({ category: classify(text, at), start: at, end: withExtension(text, at + value.length) });
    }
  }
  // two local numbers of one exchange in a list (`647-1430 or 647-1431`), not two round ranges
  for (const m of text.matchAll(LOCAL_PAIR)) {
    if (Number(m[3]) % 100 === 0 && Number(m[4]) % 100 === 0) continue;
    const end = m.index + m[0].length;
    spans.push({ category: classify(text, m.index), start: m.index, end: m.index + 8 }, { category: classify(text, m.index), start: end - 8, end });
  }
  // a number without separators after a call verb or a label: a valid NANP number (`call 2026471430`) or a valid international one (`dial 00442074999000`)
  for (const m of text.matchAll(BARE)) {
    const value = m[0];
    const bare = value.replace(/^(?:\+|00|011)/, '');
    const international = bare !== value;
    if (value.startsWith('+')) continue; // libphonenumber finds these below
    const before = text.slice(Math.max(0, m.index - 48), m.index);
    if (!callVerbBefore(before) && !labelBefore(text, m.index)) continue;
    const nanp = bare.length === 11 && bare.startsWith('1') ? bare.slice(1) : bare;
    const valid = international ? validNumber(bare) : /^[2-9]\d{2}[2-9]\d{6}$/.test(nanp) && validNumber(nanp, 'US');
    if (valid) spans.push({ category: classify(text, m.index), start: m.index, end: m.index + value.length });
  }
  // `(WellsWS@state.gov, x 4284)`: an extension alone, next to an email
  for (const m of text.matchAll(STANDALONE_EXTENSION)) {
    const near = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 10);
    if (EMAIL_NEAR.test(near) || labelBefore(text, m.index)) spans.push({ category: 'phone', start: m.index, end: m.index + m[0].length });
  }
  // `ext. 2575` anywhere, `Smith x.2575` after a name
  if (/(?:x|ext|extension)\.?\s?\d{3}/i.test(text)) {
    for (const re of [SPELLED_EXTENSION, NAME_EXTENSION]) {
      for (const m of text.matchAll(re)) spans.push({ category: 'phone', start: m.index, end: m.index + m[0].length });
    }
  }
  // libphonenumber-js for the forms the shapes above miss; it must agree the number is valid
  const region = (context.region ?? 'US') as CountryCode;
  for (const found of findInDigitRuns(text, region)) {
    const value = text.slice(found.startsAt, found.endsAt);
    if (!found.number.isValid()) continue;
    // without `+` or parentheses, the last group must be a 4-digit subscriber part
    if (!/[+(]/.test(value) && !/(?:^|[-. ])\d{4}$/.test(value.replace(/\s*(?:x|ext\.?)\s*\d+$/i, ''))) continue;
    if (!/[-. ()+]/.test(value)) continue;
    // libphonenumber reads `, 2009` after a number as an extension: a comma is the list's, not the number's
    if (value.includes(',')) continue;
    add(found.startsAt, found.endsAt, false);
  }
  // a number listed right after a phone (`… or 90 312 455 5555`) is one too (not a date-time group)
  for (const found of [...spans]) {
    const m = LISTED_AFTER.exec(text.slice(found.end, found.end + 40));
    if (!m) continue;
    const value = m[1]!.replace(/[\s.\-]+$/, '');
    const at = found.end + m[0].length - m[1]!.length;
    const n = digits(value);
    const years = /^(?:(?:19|20)\d\d[\s,-]*)+$/.test(value);
    if (n < 9 || n > 15 || years || value.includes('/') || /^\s?Z\b/.test(text.slice(at + value.length, at + value.length + 2))) continue;
    // and a number libphonenumber accepts, for the cable's region or with its country code (`100 000 000 people` is not)
    if (validNumber(value, (context.region ?? 'US') as CountryCode) || validNumber(value)) add(at, at + value.length, true);
  }
  // after a label, every number of the list (`Tel: 202-647-1430, 647-5035 or 5036`, `+963 11 333 1342 / 333 2814`)
  for (const first of labelledSpans) {
    let end = first.end;
    for (let k = 0; k < 8; k++) {
      const m = LISTED_LOCAL.exec(text.slice(end, end + 60));
      if (!m) break;
      let value = m[1]!;
      if (value.endsWith(')') && value.split('(').length < value.split(')').length) value = value.slice(0, -1);
      const at = end + m[0].length - m[1]!.length;
      const n = digits(value);
      const after = text.slice(at + value.length, at + value.length + 12);
      // not a year, a date-time group, an amount or a count (`, 2009`, `or 15 people`)
      if (n < 3 || n > 15 || /^(?:19|20)\d\d$/.test(value) || /^\s?Z\b/.test(after) || /^\s?(?!or\b|and\b)(?:[a-z]|%)/i.test(after)) break;
      spans.push({ category: first.category, start: at, end: at + value.length });
      end = at + value.length;
    }
  }
  return spans;
};
