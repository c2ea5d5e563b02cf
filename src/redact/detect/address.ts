/**
 * Postal addresses (category `address`): where a person or an office can be written to or found.
 *
 * - a P.O. box, wherever it stands: `P.O. Box 1234, Kuwait City`, `Postfach 12 34`, `Apartado 1050`;
 * - a street with a number (`#16 Gorbanov Street`, `2201 C Street NW`, `12, rue de la Paix`,
 *   `Avenida Paulista 1000`, `Clayallee 170`) when more of an address comes with it: a label or a cue
 *   before it (`Address:`, `located at`, `c/o`), a room or suite before it, or the place after it —
 *   `, Kyauktada Township, Rangoon`, `, Washington, DC 20520`, `, 14195 Berlin`;
 * - a room or suite (`Room 6805`, `Suite 400`) joined to such an address, after a label, or in a
 *   contact's parenthesis or sentence (a phone number or an e-mail address beside it);
 * - a city with a state and ZIP code (`Washington, DC 20520`);
 * - whatever follows an `Address:` label, up to the next label or the end of the sentence.
 *
 * Look-alikes that stay: a street named in prose without more of an address (`whoever enters
 * 10 Downing Street as Prime Minister`, `cafes along 28 May Street`, `Tiananmen Square`), floors and
 * blocks (`the 23rd floor`, `Block 18`), a room in prose (`the meeting in Room 2`). A famous street
 * with its city after it (`10 Downing Street, London`) is an address: the rule is the form, not
 * the fame.
 */
import type { Detector, Span } from '../types.js';

const STREET_TYPE =
  '(?:Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.|Drive|Dr\\.|Way|Place|Pl\\.|Square|Sq\\.|Highway|Hwy\\.?|Parkway|Pkwy\\.?|Terrace|Court|Ct\\.|Circle|Plaza|Crescent|Embankment|Quay)';
/** A house number: `16`, `#16`, `No. 24/26`, `No. (408)`, `12A`, `170-172`. */
const HOUSE = String.raw`(?:(?<![\w.])(?:No\.\s?|#\s?)?\(?\d{1,5}[A-Za-z]?\)?(?:\s?[\/-]\s?\d{1,5}[A-Za-z]?)?)`;
/** A street name's words: capitalized, initials, ordinals, and the small words of place names. */
const NAME_WORD = String.raw`(?:[A-Z][\w'’.-]*|\d{1,3}(?:st|nd|rd|th)|de|la|le|du|des|del|al|el|van|von)`;
const STREETS: RegExp[] = [
  // 16 Gorbanov Street, 2201 C Street NW, No. 24/26 Sule Pagoda Road
  new RegExp(String.raw`${HOUSE},?\s+(?:${NAME_WORD}\s+){0,4}?${STREET_TYPE}(?:\s+(?:NW|NE|SW|SE|N\.W\.|N\.E\.|S\.W\.|S\.E\.))?(?![\w])`, 'g'),
  // 12, rue de la Paix; 3 avenue Gabriel
  new RegExp(String.raw`${HOUSE},?\s+(?:rue|avenue|boulevard|place|chemin|quai|allée|via|viale|calle)\s+(?:(?:${NAME_WORD}|d')\s*){1,5}(?<=[\w'’.])`, 'g'),
  // Avenida Paulista 1000, Calle 93 No. 11-40, Jalan Medan Merdeka Selatan 5
  new RegExp(String.raw`\b(?:Rue|Avenida|Av\.|Calle|Carrera|Via|Viale|Piazza|Rua|Jalan|Jl\.|Ulitsa|ul\.|Strada)\s+(?:[A-Z][\w'’.-]*\s+){0,4}?(?:No\.?\s?)?\d{1,5}[A-Za-z]?(?:\s?(?:No\.?\s?)?\d{1,3}-\d{1,3})?(?![\w])`, 'g'),
  // Clayallee 170, Pariser Platz 2, Neustädtische Kirchstraße 4-5
  /\b(?:[A-ZÄÖÜ][a-zäöüß]+\s)?[A-ZÄÖÜ][a-zäöüß]*(?:straße|strasse|allee|platz|weg|gasse|damm|ufer|Straße|Strasse|Allee|Platz)\s+\d{1,4}[a-z]?(?:-\d{1,4})?(?![\w])/g,
];
const PO_BOX =
  /\b(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|POB|Postfach|Apartado(?:\s+Postal)?|Casilla(?:\s+de\s+Correo)?|B\.\s?P\.)\s*(?:No\.?\s?)?#?\s*\d{1,6}(?:\s\d{2,4})?(?![\w])/gi;
const ROOM = /\b(?:Room|Rm\.|Suite|Ste\.|Apt\.|Apartment)[ \t]+#?[A-Z]?-?\d{1,5}[A-Z]?(?![\w])/g;
const CITY_ZIP = /\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,\s+(?:D\.C\.|DC|[A-Z]{2})\s+\d{5}(?:-\d{4})?(?![\w-])/g;
/** `Address:`, `Mailing address:`, `Addr.:`, `address is`: what follows is the address. */
const LABEL = /\b(?:(?:mailing|postal|street|office|home|business|work)\s+)?(?:address(?:es)?|addr\.?)\s*(?::|\bis\b)\s*/gi;
/** `located at`, `lives at`, `c/o`: a street or box right after is an address. */
const CUE = /\b(?:(?:located|lives|living|resides|residing|based|situated|headquartered)\s+|offices?\s+(?:is\s+|are\s+)?)(?:at|on)\s+(?:the\s+)?|\bc\/o\s+/gi;
/** A contact's sentence: a phone number, an e-mail address or a contact label near a room. */
const CONTACT_NEAR = /@|\b\d{3}[-. ]\d{4}\b|\b(?:tel|phone|telephone|fax|e-?mail|contact|reached|poc)\b/i;

/** Small words inside place names (`Department of State`, `Trinidad and Tobago`). */
const CONNECTOR = /^(?:of|de|la|le|du|des|del|della|di|da|do|dos|al|el|and|the|&|y|upon|on|am|an|der)$/;
/** One token of a place: a capitalized word, initials, a code (`NW`, `DC`), a postal code, a floor or house part. */
const PLACE_TOKEN =
  /^(?:(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?|(?=[A-Z\d]*\d)(?=[A-Z\d]*[A-Z])[A-Z\d]{2,4}|\d{4,6}(?:-\d{4})?|\d{1,3}(?:st|nd|rd|th)|[A-Z]\/\d{1,3})$/;

/**
 * The places after an address part: `, Kyauktada Township, Rangoon`, `, Washington, DC 20520`,
 * `, PR China` — comma-joined runs of capitalized words and codes. A run stops at a word of the
 * sentence going on (`Rangoon Shipped from …` keeps `Rangoon`: `Shipped` starts the next phrase;
 * `China Shipment: …` keeps `China`: `Shipment` is the next label). Returns the end and how many
 * places were read.
 */
function readPlaces(text: string, from: number): { end: number; count: number } {
  let end = from;
  let count = 0;
  for (let k = 0; k < 6; k++) {
    const sep = /^,[ \t]*\n?[ \t]*/.exec(text.slice(end));
    if (!sep) break;
    const tokens: { end: number; word: string }[] = [];
    // a sentence going on (a lowercase word), a label's colon, or the end of a sentence or clause
    let stop = false;
    let label = false;
    let final = false;
    const re = /[ \t]*\n?[ \t]*(\S+)/y;
    re.lastIndex = end + sep[0].length;
    for (let m = re.exec(text); m && tokens.length < 6; m = re.exec(text)) {
      const raw = m[1]!;
      const at = m.index + m[0].length - raw.length;
      const trail = /[,;:.)\]]+$/.exec(raw)?.[0] ?? '';
      let word = raw.slice(0, raw.length - trail.length);
      let rest = trail;
      // an abbreviation keeps its dot (`D.C.`, `St.`); any other dot ends the sentence
      if (rest.startsWith('.') && /^(?:(?:[A-Z]\.)+[A-Z]?|[A-Z]|St|Ave|Rd|Blvd)$/.test(word)) {
        word += '.';
        rest = rest.slice(1);
      }
      if (!PLACE_TOKEN.test(word) && !(CONNECTOR.test(word) && tokens.length > 0)) {
        stop = true;
        break;
      }
      tokens.push({ end: at + word.length, word });
      if (rest.length > 0) {
        if (rest.includes(':')) label = true;
        else if (!rest.startsWith(',')) final = true;
        break;
      }
    }
    // the capitalized word right before the sentence goes on, or before a label's colon, starts a new phrase
    if ((stop || label) && tokens.length > 1 && /^[A-Z][a-z]/.test(tokens[tokens.length - 1]!.word)) tokens.pop();
    else if ((stop || label) && tokens.length === 1 && /^[A-Z][a-z]/.test(tokens[0]!.word) && !/^\d/.test(tokens[0]!.word)) tokens.pop();
    while (tokens.length > 0 && CONNECTOR.test(tokens[tokens.length - 1]!.word)) tokens.pop();
    if (tokens.length === 0) break;
    end = tokens[tokens.length - 1]!.end;
    count++;
    if (stop || label || final) break;
  }
  return { end, count };
}

/** A street, a box or a room starting at `at` (after optional white space): its end, or -1. */
function coreAt(text: string, at: number): number {
  const rest = text.slice(at, at + 120);
  const lead = /^\s*/.exec(rest)![0].length;
  for (const re of [...STREETS, PO_BOX, ROOM]) {
    const sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y');
    sticky.lastIndex = lead;
    const m = sticky.exec(rest);
    if (m) return at + lead + m[0].length;
  }
  return -1;
}

/** Where an address that starts at `start` with a part ending at `end` ends: through rooms, streets and places joined by commas. */
function extend(text: string, end: number): { end: number; places: number } {
  let places = 0;
  for (let k = 0; k < 6; k++) {
    const sep = /^,\s*/.exec(text.slice(end));
    // another part of the address (a street after a room, a box after a building)
    const next = sep ? coreAt(text, end + sep[0].length) : -1;
    if (next > 0) {
      end = next;
      continue;
    }
    const read = readPlaces(text, end);
    if (read.count === 0) break;
    places += read.count;
    // places may be followed by more parts: `…, Harry S Truman Building, 2201 C Street NW`
    const after = /^,\s*/.exec(text.slice(read.end));
    const more = after ? coreAt(text, read.end + after[0].length) : -1;
    end = more > 0 ? more : read.end;
    if (more < 0) break;
  }
  return { end, places };
}

/** Does a text hold any word an address needs? (the detector's cheap guard) */
const GUARD =
  /\d.{0,60}?\b(?:Street|St\.|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln\.|Drive|Dr\.|Way|Place|Pl\.|Square|Sq\.|Highway|Hwy|Parkway|Pkwy|Terrace|Court|Ct\.|Circle|Plaza|Crescent|Embankment|Quay|rue|avenue|boulevard|place|chemin|quai|via|viale|calle)\b|\b(?:Rue|Avenida|Av\.|Calle|Carrera|Via|Viale|Piazza|Rua|Jalan|Jl\.|Ulitsa|ul\.|Strada)\s|(?:straße|strasse|allee|platz|weg|gasse|damm|ufer|Platz|Allee)\s+\d|\bbox\b|postfach|apartado|casilla|B\.\s?P\.|\b(?:Room|Rm\.|Suite|Ste\.|Apt\.|Apartment)\s+#?[A-Z]?-?\d|,\s+(?:D\.C\.|DC|[A-Z]{2})\s+\d{5}|\baddr(?:ess)?\b/i;

export const detectAddresses: Detector = (text) => {
  const spans: Span[] = [];
  if (!GUARD.test(text)) return spans;
  const add = (start: number, end: number): void => {
    if (end > start) spans.push({ category: 'address', start, end });
  };
  // after a label: the value, up to the next label or the end of the sentence
  for (const m of text.matchAll(LABEL)) {
    const start = m.index + m[0].length;
    const core = coreAt(text, start);
    if (core > 0) {
      add(start, extend(text, core).end);
      continue;
    }
    // `Address: F/8 No. (408) Beijing Road, …`: a floor or a building before the street
    const within = /^[^\n:;]{0,40}?(?=(?:No\.\s?|#\s?)?\(?\d{1,5}[A-Za-z]?\)?(?:[\/-]\d{1,5})?,?\s+(?:[A-Z][\w'’.-]*\s+){0,4}?(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Drive|Way|Place|Square|Highway|Parkway|Terrace|Court|Circle|Plaza)\b)/.exec(
      text.slice(start),
    );
    const inner = within ? coreAt(text, start + within[0].length) : -1;
    if (inner > 0) add(start, extend(text, inner).end);
  }
  // `located at #16 Gorbanov Street`, `c/o …, P.O. Box 12`
  for (const m of text.matchAll(CUE)) {
    const start = m.index + m[0].length;
    const core = coreAt(text, start);
    if (core > 0) add(start + (/^\s*/.exec(text.slice(start))![0].length), extend(text, core).end);
  }
  for (const m of text.matchAll(PO_BOX)) add(m.index, extend(text, m.index + m[0].length).end);
  for (const m of text.matchAll(CITY_ZIP)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(ROOM)) {
    const { end, places } = extend(text, m.index + m[0].length);
    const joined = end > m.index + m[0].length;
    const clause = text.slice(Math.max(0, m.index - 60), Math.min(text.length, end + 60)).split(/(?<=[a-z]{3}[.;])\s/);
    const near = clause.find((c) => c.includes(m[0])) ?? '';
    if (joined || places > 0 || CONTACT_NEAR.test(near)) add(m.index, end);
  }
  for (const re of STREETS) {
    for (const m of text.matchAll(re)) {
      const start = m.index + (/^[\s,]*/.exec(m[0])![0].length);
      const { end, places } = extend(text, m.index + m[0].length);
      if (places > 0) add(start, end);
    }
  }
  return spans;
};
