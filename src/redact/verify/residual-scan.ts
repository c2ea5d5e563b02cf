/**
 * The residual scan of one text: anything still shaped like a contact detail once redaction is
 * done. It shares no code with the detectors (src/redact/detect/email.ts, url.ts, phone.ts, address.ts,
 * domain.ts, normalized-text.ts) and is looser than they are, but it is precise about what real
 * cables are full of: years and year ranges, numeric and page ranges, decimals and table figures,
 * ISBN/ISSN, report, publication, law and file numbers, DTGs, routing and telegram numbers are not
 * phone numbers; and a contact label beside a redaction mark (`E-mail: ████`, `mailto: ████`, a
 * bar whose text layer reads `[EMAIL REDACTED]`, whatever a template makes a mark say) is not a
 * leak. What it finds is a hit a person decides (src/redact/verify/residual.ts places and names them).
 * The one library it shares with the detectors is libphonenumber-js, asked only whether a number
 * with no separator after a call cue (`dial 00442074999000`, `+442074999000`) is a valid one.
 */

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type ResidualCategory = 'email' | 'url' | 'phone' | 'fax' | 'address';
export const RESIDUAL_CATEGORIES: ResidualCategory[] = ['email', 'url', 'phone', 'fax', 'address'];

export interface ResidualHit {
  category: ResidualCategory;
  /** Offsets in the scanned text. */
  start: number;
  end: number;
}

export interface ScanOptions {
  /**
   * The texts a redaction mark may read back as in this output besides the built-in ones (`█…`,
   * `[REDACTED PHONE]`, `[PHONE REDACTED]`, a publisher's `XXXXXX`): the labels a template gives
   * bars (`markPattern`).
   */
  marks?: RegExp | null;
}

// ---------- redaction marks ----------

/**
 * Built-in marks: box runs, label forms either way round (a line break may stand for the space:
 * pdftotext wraps a bar's text layer), and a publisher's run of five or more X.
 */
const MARK = /█+|\[\s*(?:REDACTED(?:\s+[A-Z]+)?|[A-Z]+\s+REDACTED)\s*\]|(?<![A-Za-z])[Xx]{5,}(?![A-Za-z])/g;
const HAS_MARK = /█|REDACTED|[Xx]{5}/;

const markCache = new Map<string, RegExp | null>();

/**
 * The marks a template's labels make (`[removed: phone]`, `(contact withheld)`), as one pattern
 * for `ScanOptions.marks`: each label whole, any run of white space in it matching any other.
 */
export function markPattern(labels: readonly string[]): RegExp | null {
  const key = labels.join('\u0000');
  let re = markCache.get(key);
  if (re !== undefined) return re;
  const parts = [...new Set(labels.map((l) => l.trim()).filter((l) => l.length >= 3))]
    .sort((a, b) => b.length - a.length)
    .map((l) => {
      const body = l
        .split(/\s+/)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s+');
      // whole labels only: a label that is a word (`removed`) does not eat the middle of another word
      return `${/^\w/.test(l) ? '(?<!\\w)' : ''}${body}${/\w$/.test(l) ? '(?!\\w)' : ''}`;
    });
  re = parts.length ? new RegExp(parts.join('|'), 'gi') : null;
  markCache.set(key, re);
  return re;
}

/** Every mark becomes a run of `█` as long as it was: offsets stay, and no pattern below reads `█`. */
function maskMarks(text: string, extra: RegExp | null | undefined): string {
  let t = text;
  if (extra) {
    extra.lastIndex = 0;
    if (extra.test(t)) t = t.replace(extra, (m) => m.replace(/[^\n]/g, '█'));
  }
  if (HAS_MARK.test(t)) t = t.replace(MARK, (m) => m.replace(/[^\n]/g, '█'));
  return t;
}

// ---------- e-mail-shaped ----------

const GENERIC_TLD = '(?:gov|mil|com|org|net|edu|int|info|biz)';
/** `@`, `(at)`, `[at]`, `{at}` between a word and a dotted domain (`dot` may stand for the dots). */
const LABEL_PART = String.raw`\w+(?:-\s?\w+)*`;
const EMAIL_AT = new RegExp(
  String.raw`[\w.%+'\-]{0,64}\w\s?(?:@|[(\[{]\s?at\s?[)\]}]|[8&"“]at[8&"”])\s?${LABEL_PART}(?:(?:\.|\s?[(\[{]\s?dot\s?[)\]}]\s?|\sdot\s)${LABEL_PART})*(?:\.|\s?[(\[{]\s?dot\s?[)\]}]\s?|\sdot\s)[a-z]{2,6}\b`,
  'gi',
);
/** ` at ` spelled out: the domain must end in a generic top-level domain (`JOHN.SMITH AT STATE.GOV`, `jdoe at state dot gov`). */
const EMAIL_SPOKEN = new RegExp(String.raw`[\w.'\-]{0,64}\w\s+at\s+[\w\-]{1,63}(?:(?:\.|\sdot\s)[\w\-]{1,63}){0,8}(?:\.|\sdot\s)${GENERIC_TLD}\b`, 'gi');
const MAILTO = /\bmailto:\s?[^\s█]+/gi;

// ---------- URL-shaped ----------

const SCHEME = /\b[a-z][a-z0-9+.\-]{1,9}:\/\/\s?[^\s█]+/gi;
const WWW = /\bwww\d?\s?\.\s?[\w\-]+[^\s█]*/gi;
/** A bare host in a generic TLD (`state.gov`, `Google.com`), or a country domain behind a known second level (`gc.ca`). */
const HOST_GENERIC = new RegExp(String.raw`\b[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}\.${GENERIC_TLD}\b(?!\.\w)`, 'gi');
/** A host in the release's garbled quotation marks: `&jingl.cable.nu8`. */
const HOST_GARBLED = /(?<=&)[a-z0-9][\w-]{0,62}(?:\.[\w-]{1,63}){0,4}\.[a-z]{2,6}(?=8\b)/gi;
/** Any lowercase host in a two-letter country domain that is not a common word (`google.cn`, `oumma.fr`). */
const HOST_CC = /(?<![\w.@\/-])[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{1,63}){0,4}\.(?!(?:in|is|it|at|be|me|to|no|so|do|go|my|am|us|as|an|or|on|of|by|he|we|co|id|ie|eg)\b)[a-z]{2}\b(?![.\-]\w)/g;
const HOST_COUNTRY = /\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:gc|gov|gouv|gob|govt|go|co|com|ac|org|net|mil|mfa|nic)\.[a-z]{2}\b(?!\.\w)/gi;
/**
 * Any dotted host with a path: `b92.net/eng`, `satp.org/`, `mfa.gov.tr/news`. Hosts here and above
 * are bounded as DNS bounds them (labels of 63, a few levels), so a long dotted run is scanned once.
 */
const HOST_PATH = /\b[a-z0-9][\w-]{0,62}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,6}\/[\w\-./?=&%#~:+]*/gi;

// ---------- phone-shaped ----------

/** Runs of digit groups joined by separators (a line break counts after a hyphen; a gap of two spaces separates columns). */
const DIGIT_RUN = /(?<![\w.,\/+])(?:\+\s?)?\(?\d+\)?(?:(?:[ \t]?[.\-–\/()]{1,3}[ \t]?|[ \t]|-\r?\n)\(?\d+\)?)+(?![\w])/g;
const LABEL =
  /\b(tel|tel\/fax|phone|telephone|ph|fax|facsimile|telefax|cell|cellphone|cell phone|mobile|mob|ivg|dsn|e-?mail)\b\.?\s{0,3}(?:number|no\.?|#)?\s{0,3}(:)?\s{0,3}/gi;
/** One number of a list after a label: digits, separators, a dot only between digits (`9000. 5.` ends a sentence). */
const LIST_ITEM = String.raw`(?:\+\s?)?\(?\d(?:[\d \t()\-–]|\.(?=\d))*\d\)?|█+`;
const LIST_SEPARATOR = String.raw`\s{0,3}(?:[,;\/&]|\bor\b|\band\b)\s{0,3}`;
const LABEL_LIST = new RegExp(String.raw`^(?:${LIST_ITEM})(?:${LIST_SEPARATOR}(?:${LIST_ITEM}))*`);
const LIST_PART = new RegExp(LIST_ITEM, 'g');
/** After an e-mail label: the value, inside any brackets or quotes (`(E-mail: <jdoe@…>)`). */
const LABEL_VALUE_ANY = /^[<("'\[{]*([^\s█<>()"'\[\]{}]+)/;
const EXTENSION = /(?<![A-Za-z0-9])(?:ext|extn|extension|x)\.?\s?\d{3,5}(?!\d)/gi;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * Words that make the number after them a reference, not a phone: `ISBN 978-…`, `Public Law
 * 109-289`, `Publication No. 123-1998`, `pp. 1203-1245`, `CTAD Report TR-09-034`, `File 2008-1234-56`.
 */
const REFERENCE_BEFORE = new RegExp(
  String.raw`\b(?:(?:ISBN(?:-1[03])?|ISSN|Law|P\.\s?L\.|Resolutions?|UNSCR|Reports?|Publications?|Pub\.|Docket|Decree|Articles?|Art\.|Chapters?|Pages?|pp?\.|Vol(?:ume)?\.?|Invoices?|CVE|Patents?|Regulations?|Bills?|Acts?)\s*(?:No\.?|Number|Nos\.?|#)?` +
    // weaker words name a reference only with a number sign after them: `Case No. 2008-1234`, `File # 12-345-6789`
    String.raw`|(?:Case|Files?|Serial|Ref(?:erence)?|Sections?|Sec\.|Accounts?|Orders?|Telegrams?|Msgs?|Messages?|Cables?|Registration|Licen[cs]es?|Permits?|Lots?|Items?|Codes?|Tariffs?|Documents?|Doc\.|Tracking|Batch|Flights?|Contracts?)\s*(?:No\.?|Number|Nos\.?|#))\s*[:.]?\s*$`,
  'i',
);

/**
 * A contact cue near a number: it makes a range-like or year-like pair of groups a phone number
 * after all (`Tel 647-1430`, `… jdoe@state.gov, 647-1430`, `x 4541`).
 */
const CONTACT_CUE = /@|\b(?:tel|telephone|phone|ph|fax|facsimile|cell|mobile|ivg|dsn|ext|extension|poc|contact(?!\s+groups?\b)|reached)\b|\bx\.?\s?\d{3,5}\b/i;

/**
 * A call cue right before a number (the number follows the cue, nothing else between but whom
 * and how): `call 555-1234`, `reach him at 647-1430`, `dial 2026471430`, `contact Jan Smith on …`,
 * `ring the duty officer at …`. Not `called for 250-1000 troops`: a word the cue does not take
 * stands between.
 */
const CALL_CUE = /\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|reach(?:ed|es|ing)?|ring(?:s|ing)?|rang|phone[ds]?|telephone[ds]?|contact(?:ed|ing|s)?|cell(?:phone)?|mobile|hotline|switchboard)\b/gi;
/** What may stand between a call cue and the number: whom (a pronoun, a name, the duty officer) and how (`at`, `on`, `number`). */
const CALL_CUE_REST =
  /^(?:\s+(?:him|her|them|me|us|you|[Hh]im|[Hh]er|[Tt]hem|[Mm]e|[Uu]s|[Yy]ou|(?:the|our|his|her|their)\s+(?:\w+\s+)?(?:officer|desk|office|line|center|centre|operator|embassy|consulate|mission)|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))?(?:\s+(?:at|on))?(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*$/;

function callCueBefore(before: string): boolean {
  if (!/\b(?:call|dial|reach|ring|rang|phone|telephone|contact|cell|mobile|hotline|switchboard)/i.test(before)) return false;
  CALL_CUE.lastIndex = 0;
  for (const m of before.matchAll(CALL_CUE)) if (CALL_CUE_REST.test(before.slice(m.index! + m[0].length))) return true;
  return false;
}

/** What a count, a sum or a range goes on with (`reach 125-1550 people`, `1200-1450 tons`), which a phone number does not. */
const NOUN_AFTER = /^\s*(?:%|percent\b|(?!(?:or|and|to|for|from|ext|extension|x|if|in|at|on|until|before|after|between|during|anytime|any|with|by|today|tomorrow|tonight|now|daily|weekdays|weekends|mornings|afternoons|evenings|nights|during|when|about|regarding|re)\b)[a-z])/;

/**
 * Telephone numbers with no separator the digit runs below could see: a bare NANP number
 * (`2026471430`, `12026471430`), or an international one (`+442074999000`, `00442074999000`).
 */
const BARE_NUMBER = /(?<![\w.,\/+\-])(?:\+|00|011)?\d{7,15}(?![\w]|[.,]\d)/g;
/** Two local numbers of one exchange in a list, read alone as ranges: `647-1430 or 647-1431`. */
const LOCAL_PAIR = /(?<![\w.,\/+\-])(\d{3})[-. ](\d{4})\s{0,2}(?:,|;|\/|\bor\b|\band\b)\s{0,2}\1[-. ](\d{4})(?![\w\-])/g;

/** NXX NXX XXXX, with a 1 before it or not. */
function isNanp(digits: string): boolean {
  const d = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(d) && !/^(\d)\1+$/.test(d);
}

/** Does libphonenumber-js accept `+digits` as a valid international number? */
function validInternational(digits: string): boolean {
  try {
    return parsePhoneNumberFromString(`+${digits}`)?.isValid() ?? false;
  } catch {
    return false;
  }
}

function isYear(n: string): boolean {
  const v = Number(n);
  return n.length === 4 && v >= 1900 && v <= 2039;
}

/** ISBN-13 (978/979) or ISBN-10 (four groups, a one-character check group) with a valid check digit. */
function isIsbn(run: string): boolean {
  const digits = run.replace(/[^\dXx]/g, '');
  if (digits.length === 13 && /^97[89]/.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 ? 3 : 1);
    return sum % 10 === 0;
  }
  if (digits.length === 10 && /^\d{1,5}-\d{1,7}-\d{1,7}-[\dXx]$/.test(run.trim())) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (/[Xx]/.test(digits[i]!) ? 10 : Number(digits[i])) * (10 - i);
    return sum % 11 === 0;
  }
  return false;
}

/**
 * Is a run of digit groups phone-shaped? 7 to 15 digits in 2+ groups; without a leading `+` no
 * group is longer than 4 digits (reference numbers, DTGs, serials); not a date, a year or a year
 * range, a decimal, a thousands grouping, a slash-separated reference (`201/2006`), an ISBN, a
 * number a reference word names (`Public Law 109-289`), or glued to a word (`CVE-2009-0927`).
 * Two groups alone must look like a local number, not a range (`1000-1500`, `7721-7722`) nor a
 * year and a figure (`2008 6380`), unless a contact cue stands near.
 */
function phoneShaped(run: string, before: string, near: string, after: string): boolean {
  const groups = run.match(/\d+/g) ?? [];
  const digits = digitCount(run);
  if (groups.length < 2 || digits < 7 || digits > 15) return false;
  const plus = run.trimStart().startsWith('+');
  if (!plus && groups.some((g) => g.length > 4)) return false;
  const bare = run.replace(/^[\s(]+|[\s)]+$/g, '');
  // dates and times: 2008-03-14, 03/14/2018, 14.03.2008
  if (/^\d{4}-\d{2}-\d{2}\b/.test(bare)) return false;
  if (/^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2,4}$/.test(bare)) return false;
  // years: 1994-1996, (1989 - 1992), 2001/02, a run of years
  if (!plus && groups.every((g, i) => isYear(g) || (i > 0 && g.length === 2 && isYear(groups[i - 1]!)))) return false;
  // a year in parentheses ends resolution numbers and citations: UNSCR 1521 (2003)
  if (/\(\s?(?:19|20)\d\d\s?\)$/.test(run)) return false;
  // slashes separate references and dates, except in 202/647-1430
  if (run.includes('/') && !/\d{3}\/\d{3}-\d{4}/.test(run)) return false;
  // thousands: 1.440.000, 1 000 000
  if (/^\d{1,3}(?:([ .,])\d{3})(?:\1\d{3})*$/.test(bare)) return false;
  // decimals: 112.0049 tons, 166(4.9-6.1%), a table's 12 (3.8) 37 (19.7)
  if (/^\d+\.\d+$/.test(bare) || /\d\.\d{1,2}(?![\d.])/.test(run)) return false;
  // identifiers: an intelligence report number (IIR 6 890 0139 08), a number glued to a word (CVE-2009-0927, TR-09-034)
  if (/\bIIR\s*$/i.test(before) || /[A-Za-z]-$/.test(before)) return false;
  if (!plus && (REFERENCE_BEFORE.test(before) || isIsbn(bare))) return false;
  if (groups.length === 2 && !plus && !/[()]/.test(bare) && !CONTACT_CUE.test(near) && !localAfterCallCue(bare, before, after)) {
    // what a count or a range goes on with: `reach 125-1500 villages`, `1200-1450 tons`
    if (NOUN_AFTER.test(after)) return false;
    const [a, b] = groups.map(Number) as [number, number];
    const sep = bare.slice(groups[0]!.length, bare.length - groups[1]!.length);
    // a range: ascending, and close or round (980-1150, 500-1000, 0298-0299, pp. 1203-1245)
    if (/^\s?[-–]\s?$/.test(sep) && b > a && (b <= 3 * a || (a % 10 === 0 && b % 10 === 0))) return false;
    // a year and a figure, as in a table row (2008 6380)
    if (/^\s+$/.test(sep) && isYear(groups[0]!)) return false;
  }
  return true;
}

/**
 * A local number right after a call cue (`call 555-1234`, `reach him at 647-1430`): three digits and
 * four, not a round range (`250-1000`), not followed by what a count goes on with (`reach 125-1550 people`).
 */
function localAfterCallCue(bare: string, before: string, after: string): boolean {
  const m = /^(\d{3})[-. ](\d{4})$/.exec(bare);
  if (!m) return false;
  if (Number(m[1]) % 10 === 0 && Number(m[2]) % 10 === 0) return false;
  return !NOUN_AFTER.test(after) && callCueBefore(before);
}

// ---------- address-shaped ----------

const STREET_TYPE =
  '(?:Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.|Drive|Dr\\.|Way|Place|Pl\\.|Square|Sq\\.|Highway|Hwy\\.?|Parkway|Pkwy\\.?|Terrace|Court|Ct\\.|Circle|Plaza|Crescent|Embankment|Quay)';
/** `#16 Gorbanov Street`, `No. 24/26 Sule Pagoda Road`, `2201 C Street NW`, `12, rue de la Paix`. */
const STREET_NUMBER_FIRST = new RegExp(
  String.raw`(?:\bNo\.\s?|#)?(?<![\w.])\(?\d{1,5}[A-Za-z]?\)?(?:[\/-]\d{1,5}[A-Za-z]?)?,?\s+(?:(?:[A-Z][\w'’.-]*|de|la|du|des|del|al|el)\s+){0,4}?${STREET_TYPE}(?![\w])` +
    String.raw`|(?:\bNo\.\s?|#)?\b\d{1,5}[A-Za-z]?,?\s+(?:rue|avenue|boulevard|place|chemin|via|calle)\s+(?:[\w'’.-]+\s+){0,3}?[A-Z][\w'’.-]*`,
  'g',
);
/** `Avenida Paulista 1000`, `Calle 93`, `Clayallee 170`, `Pariser Platz 2`. */
const STREET_NAME_FIRST =
  /\b(?:(?:Rue|Avenida|Av\.|Calle|Carrera|Via|Viale|Piazza|Rua|Jalan|Jl\.|Ulitsa|ul\.|Strada)\s+(?:[A-Z][\w'’.-]*\s+){0,4}?(?:No\.?\s?)?\d{1,5}[A-Za-z]?|(?:[A-Z][a-zäöüß]+\s)?[A-Z][a-zäöüß]*(?:straße|strasse|allee|platz|weg|gasse|damm|Straße|Strasse|Allee|Platz)\s+\d{1,4}[a-z]?)(?![\w])/g;
/** What makes a street with a number an address: a label before it, or a place after it. */
const ADDRESS_CUE_BEFORE = /\b(?:address(?:es)?|addr\.?|located|lives|living|resides?|residing|based|situated|offices?|c\/o)\b[^.\n]{0,12}$/i;
const PLACE_AFTER = /^(?:\s+(?:NW|NE|SW|SE|N\.W\.|N\.E\.|S\.W\.|S\.E\.))?(?:,\s*|\s+in\s+)(?:[A-Z][\w'’.-]*|\d{4,6}\b)/;
const PO_BOX =
  /\b(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|POB|Postfach|Apartado(?:\s+Postal)?|Casilla(?:\s+de\s+Correo)?|B\.\s?P\.)\s*(?:No\.?\s?)?#?\s*\d{1,7}\b/gi;
/** A room on its line, or its number on the next line when that is not a paragraph number (`The Elephant in the Room` / `11. (S)`). */
const ROOM = /\b(?:Room|Rm\.|Suite|Ste\.|Apt\.?|Apartment)(?:[ \t]+|[ \t]*\n\s*(?!\d{1,3}\.\s))#?\d{1,5}[A-Z]?\b/g;
/** A city, a state and a ZIP code: `Washington, DC 20520`, `Arlington, VA 22209-2325`. */
const CITY_ZIP = /\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,\s+(?:D\.C\.|DC|[A-Z]{2})\s+\d{5}(?:-\d{4})?\b/g;

function pushAll(out: ResidualHit[], re: RegExp, text: string, category: ResidualCategory, accept?: (m: RegExpMatchArray) => boolean): void {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (accept && !accept(m)) continue;
    const value = m[0].replace(/[\s.,;:!?'"’”)\]>*█]+$/, '');
    if (value.trim().length === 0) continue;
    out.push({ category, start: m.index!, end: m.index! + value.length });
  }
}

/** Cheap guards: a text with none of these characters or words cannot hold a hit. */
const MAYBE = /[@:]|\d.?\d|www|\bat\b|\.(?:gov|mil|com|org|net|edu|int|info|biz)\b|\.[a-z]{2}\/|[a-z0-9]\.[a-z]{2}\b|\bbox\b|\bpostfach\b|\bapartado\b|\bcasilla\b/i;
const HAS_BRACKET_AT = /[(\[{]\s?at\s?[)\]}]/i;
const HAS_GENERIC_TLD = /\.(?:gov|mil|com|org|net|edu|int|info|biz)\b/i;
const HAS_DOTTED_PAIR = /\w\.[a-z]{2}/i;
const HAS_EXTENSION = /(?:x|ext|extn|extension)\.?\s?\d{3}/i;
const HAS_ADDRESS_WORD =
  /\d.{0,60}\b(?:Street|St\.|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln\.|Drive|Dr\.|Way|Place|Pl\.|Square|Sq\.|Highway|Hwy|Parkway|Pkwy|Terrace|Court|Ct\.|Circle|Plaza|Crescent|Embankment|Quay|rue|avenue|boulevard|place|chemin|via|calle)\b|\b(?:Rue|Avenida|Av\.|Calle|Carrera|Via|Viale|Piazza|Rua|Jalan|Jl\.|Ulitsa|ul\.|Strada)\s|(?:straße|strasse|allee|platz|weg|gasse|damm|Platz|Allee)\s+\d|\bbox\b|postfach|apartado|casilla|B\.\s?P\.|\b(?:Room|Rm\.|Suite|Ste\.|Apt|Apartment)\s+#?\d|,\s+(?:D\.C\.|DC|[A-Z]{2})\s+\d{5}/i;

/** Every residual hit in `text` (merged, in order) of the given categories. */
export function scanResidual(text: string, categories: ReadonlySet<string> = new Set(RESIDUAL_CATEGORIES), options: ScanOptions = {}): ResidualHit[] {
  if (!MAYBE.test(text)) return [];
  const t = maskMarks(text, options.marks);
  const hits: ResidualHit[] = [];
  // each pattern runs only on a text holding the character or word it cannot do without
  if (categories.has('email')) {
    if (t.includes('@') || HAS_BRACKET_AT.test(t) || /[8&"“]at[8&"”]/i.test(t)) pushAll(hits, EMAIL_AT, t, 'email');
    if (/\sat\s/i.test(t) && (HAS_GENERIC_TLD.test(t) || /\sdot\s/i.test(t))) pushAll(hits, EMAIL_SPOKEN, t, 'email');
    if (/mailto:/i.test(t)) pushAll(hits, MAILTO, t, 'email');
  }
  if (categories.has('url')) {
    if (t.includes('://')) pushAll(hits, SCHEME, t, 'url');
    if (/www/i.test(t)) pushAll(hits, WWW, t, 'url');
    if (HAS_GENERIC_TLD.test(t)) pushAll(hits, HOST_GENERIC, t, 'url', (m) => t[m.index! - 1] !== '@');
    if (HAS_DOTTED_PAIR.test(t)) {
      pushAll(hits, HOST_COUNTRY, t, 'url', (m) => t[m.index! - 1] !== '@');
      pushAll(hits, HOST_PATH, t, 'url', (m) => t[m.index! - 1] !== '@');
      pushAll(hits, HOST_CC, t, 'url', (m) => t[m.index! - 1] !== '@');
      if (t.includes('&')) pushAll(hits, HOST_GARBLED, t, 'url');
    }
  }
  if (categories.has('phone') || categories.has('fax') || categories.has('email')) scanLabelsAndNumbers(t, categories, hits);
  if (categories.has('address') && HAS_ADDRESS_WORD.test(t)) scanAddresses(t, hits);
  return mergeHits(hits);
}

function scanLabelsAndNumbers(t: string, categories: ReadonlySet<string>, hits: ResidualHit[]): void {
  const phone: ResidualHit[] = [];
  const phones = categories.has('phone') || categories.has('fax');
  if (phones) {
    DIGIT_RUN.lastIndex = 0;
    for (const m of t.matchAll(DIGIT_RUN)) {
      let run = m[0].replace(/[\s.\-–\/(]+$/, '');
      let at = m.index!;
      // a parenthesis opened or closed around the number is punctuation: `(647-1430)`, `(202-647-1430 -`
      const count = (c: string) => run.split(c).length - 1;
      if (run.endsWith(')') && count(')') > count('(')) run = run.slice(0, -1);
      if (run.startsWith('(') && count('(') > count(')')) {
        run = run.slice(1);
        at++;
      }
      const before = t.slice(Math.max(0, at - 40), at);
      const near = t.slice(Math.max(0, at - 80), Math.min(t.length, at + run.length + 40));
      const after = t.slice(at + run.length, at + run.length + 24);
      if (phoneShaped(run, before, near, after)) phone.push({ category: 'phone', start: at, end: at + run.length });
    }
    // two local numbers of one exchange in a list are numbers, not ranges (`647-1430 or 647-1431`)
    if (/\d{3}[-. ]\d{4}\s{0,2}(?:[,;\/]|or|and)/.test(t)) {
      LOCAL_PAIR.lastIndex = 0;
      for (const m of t.matchAll(LOCAL_PAIR)) {
        if (Number(m[2]) % 100 === 0 && Number(m[3]) % 100 === 0) continue;
        const end = m.index! + m[0].length;
        phone.push({ category: 'phone', start: m.index!, end: m.index! + 8 }, { category: 'phone', start: end - 8, end });
      }
    }
    // a number with no separator, after a call cue or a label (`call 2026471430`, `dial 00442074999000`); with `+`, whatever is before it
    if (/\d{7}/.test(t)) {
      BARE_NUMBER.lastIndex = 0;
      for (const m of t.matchAll(BARE_NUMBER)) {
        const value = m[0];
        const digits = value.replace(/^(?:\+|00|011)/, '');
        const international = value !== digits;
        if (digits.length < (international ? 8 : 10)) continue;
        const before = t.slice(Math.max(0, m.index! - 40), m.index!);
        const cue = callCueBefore(before) || /\b(?:tel|telephone|phone|ph|fax|facsimile|cell|mobile|ivg|dsn)\b[^.;!?\n\d]{0,20}$/i.test(before);
        const valid = international ? validInternational(digits) : isNanp(digits);
        if (valid && (cue || value.startsWith('+'))) phone.push({ category: 'phone', start: m.index!, end: m.index! + value.length });
      }
    }
    if (HAS_EXTENSION.test(t)) pushAll(phone, EXTENSION, t, 'phone');
  }
  LABEL.lastIndex = 0;
  for (const m of t.matchAll(LABEL)) {
    const at = m.index! + m[0].length;
    const label = m[1]!.toLowerCase();
    const isMail = label === 'email' || label === 'e-mail';
    if (isMail) {
      // `E-mail: ████`, `(E-mail: <████>)`: a label beside a mark is no leak; anything else after `E-mail:` is
      const value = m[2] ? LABEL_VALUE_ANY.exec(t.slice(at, at + 80)) : null;
      const token = value?.[1]!.replace(/[.,;:!?]+$/, '') ?? '';
      if (value && token && categories.has('email')) {
        const start = at + value[0].length - value[1]!.length;
        hits.push({ category: 'email', start, end: start + token.length });
      }
      continue;
    }
    if (!phones) continue;
    // every number of a list after the label, short local groups too (`Tel: 202-647-1430, 647-5035 or 5036`)
    const list = LABEL_LIST.exec(t.slice(at, at + 160));
    if (!list) continue;
    const category: ResidualCategory = label === 'fax' || label === 'facsimile' || label === 'telefax' ? 'fax' : 'phone';
    let first = true;
    for (const part of list[0].matchAll(LIST_PART)) {
      const item = part[0];
      const n = digitCount(item);
      if (n >= (first ? 5 : 3) && !(n === 4 && isYear(item.trim()))) phone.push({ category, start: at + part.index!, end: at + part.index! + item.length });
      first = false;
    }
  }
  // a number after a fax label is a fax number
  for (const h of phone) {
    if (h.category === 'phone' && /\b(?:fax|facsimile|telefax)\b[^\d\n]{0,12}$/i.test(t.slice(Math.max(0, h.start - 24), h.start))) h.category = 'fax';
  }
  hits.push(...phone.filter((h) => categories.has(h.category) || (h.category === 'fax' && categories.has('phone'))));
}

function scanAddresses(t: string, hits: ResidualHit[]): void {
  pushAll(hits, PO_BOX, t, 'address');
  pushAll(hits, ROOM, t, 'address');
  pushAll(hits, CITY_ZIP, t, 'address');
  for (const re of [STREET_NUMBER_FIRST, STREET_NAME_FIRST]) {
    re.lastIndex = 0;
    for (const m of t.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      const before = t.slice(Math.max(0, start - 40), start);
      if (ADDRESS_CUE_BEFORE.test(before) || PLACE_AFTER.test(t.slice(end, end + 40))) hits.push({ category: 'address', start, end });
    }
  }
}

/** Overlapping hits of one category become one; hits of different categories stay apart. */
function mergeHits(hits: ResidualHit[]): ResidualHit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ResidualHit[] = [];
  const last = new Map<string, ResidualHit>();
  for (const h of sorted) {
    const prev = last.get(h.category);
    if (prev && h.start < prev.end) {
      prev.end = Math.max(prev.end, h.end);
      continue;
    }
    const copy = { ...h };
    out.push(copy);
    last.set(h.category, copy);
  }
  return out;
}
