/** The routing block: date-time group, precedence, FM / TO / INFO addressees. */
import type { Recipient } from '../../model/cable.js';
import { iso, MONTHS, readDateLine } from '../../model/calendar.js';

/** The date lines of release pages are read by the calendar in src/model (the text writer tells them with it too). */
export { readDateLine };

const PRECEDENCE: Record<string, string> = { O: 'IMMEDIATE', P: 'PRIORITY', R: 'ROUTINE', Z: 'FLASH' };

export interface DateTimeGroup {
  date: string;
  year: number;
  precedence: string | null;
}

/** `O 141423Z MAR 08`, `291359Z Nov 00`, `R 250930Z FEB 72`. */
export function readDateTimeGroup(line: string): DateTimeGroup | null {
  if (!line.includes('Z')) return null;
  const m = /^\s*(?:([OPRZ]{1,2})\s+(?:[OPRZ]{1,2}\s+)?)?(\d{2})(\d{2})(\d{2})Z\s+([A-Za-z]{3})\s+(\d{2}|\d{4})(?:\s+Z[A-Z]{2,3}\d?\b.*)?\s*$/.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[5]!.toUpperCase()) + 1;
  if (!month) return null;
  const year = expandYear(m[6]!);
  const date = iso(year, month, +m[2]!, +m[3]!, +m[4]!);
  if (!date) return null;
  return { date, year, precedence: m[1] ? (PRECEDENCE[m[1][0]!] ?? null) : null };
}

export function expandYear(y: string): number {
  if (y.length === 4) return +y;
  const n = +y;
  return n >= 50 ? 1900 + n : 2000 + n;
}

/** `RUEHC/SECSTATE WASHDC IMMEDIATE 7513` → route `RUEHC`, name `SECSTATE WASHDC`, precedence, serial. */
export function readRecipient(line: string): Recipient {
  let rest = line.trim();
  let route: string | null = null;
  const r = /^([A-Z0-9]{3,9})\/\s*/.exec(rest);
  if (r) {
    route = r[1]!;
    rest = rest.slice(r[0].length);
  }
  let serial: number | null = null;
  const s = /\s+(\d{1,6})\s*$/.exec(rest);
  if (s) {
    serial = Number(s[1]);
    rest = rest.slice(0, s.index);
  }
  let precedence: string | null = null;
  const p = /\s+((?:NIACT\s+)?(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH))\s*$/i.exec(rest);
  if (p) {
    precedence = p[1]!.toUpperCase().replace(/\s+/g, ' ');
    rest = rest.slice(0, p.index);
  }
  return { name: rest.trim(), route, precedence, serial };
}

/** The addressee's name alone: `RUEHC/SECSTATE WASHDC IMMEDIATE 7513` → `SECSTATE WASHDC`. */
export function addressee(line: string): string {
  return readRecipient(line).name;
}

export interface Routing {
  dtg: DateTimeGroup | null;
  /** The message serial on the `DE RUEHTV #2502/01 3221434` line. */
  serial: number | null;
  from: string | null;
  to: Recipient[];
  info: Recipient[];
}

/**
 * A page header the release left after a `TO` or `INFO` label (`TO PAGE 02 STATE 015113 182333Z`,
 * `INFO PAGE 02        STATE   050524  131535Z`): no addressee; what follows it on the line is.
 */
const PAGE_AFTER_LABEL = /^PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,8}\s+(?:\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}\s+)?\d{6}Z\s*/;

function afterPageHeader(text: string): string {
  return /^PAGE\s/.test(text) ? text.replace(PAGE_AFTER_LABEL, '').trim() : text;
}

/** Lines such as `PAGE 02 … 01 OF 03 182017Z`, office distribution lists and rules carry no addressee. */
function isNoise(line: string): boolean {
  return (
    /^\s*PAGE \d+\s/.test(line) ||
    /\b[A-Z]{1,5}-\d\d\b.*\b[A-Z]{1,5}-\d\d\b/.test(line) ||
    /^\s*\/\d+W\s*$/.test(line) ||
    /^\s*-{5,}/.test(line) ||
    /^\s*ACTION\s+[A-Z]+-\d\d/.test(line)
  );
}

export function readRouting(lines: string[]): Routing {
  const r: Routing = { dtg: null, serial: null, from: null, to: [], info: [] };
  let field: 'to' | 'info' | null = null;
  let excluding = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (readDateLine(line)) continue;
    const dtg = readDateTimeGroup(line);
    if (dtg) {
      // A second routing block after a complete one (a relay's wrapper, then the cable's own) replaces it.
      if (!r.dtg || r.to.length || r.info.length) Object.assign(r, { dtg, from: null, to: [], info: [] });
      field = null;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^DE\s+[A-Z]{4,7}\s+#(\d{1,6})(?:\/\d+)?\b/.exec(line))) {
      r.serial ??= Number(m[1]);
      field = null;
    } else if ((m = /^FM\s+(.+)$/.exec(line))) {
      if (r.to.length || r.info.length) Object.assign(r, { to: [], info: [] });
      r.from = m[1]!.trim();
      field = null;
    } else if ((m = /^TO\s+(.+)$/.exec(line))) {
      // A second TO label starts another block's addressees.
      if (r.to.length || r.info.length) Object.assign(r, { to: [], info: [] });
      field = 'to';
      excluding = false;
      const first = afterPageHeader(m[1]!);
      if (first) r.to.push(readRecipient(first));
    } else if ((m = /^INFO\s+(.+)$/.exec(line))) {
      if (isNoise(line)) {
        field = null;
        continue;
      }
      field = 'info';
      excluding = false;
      const first = afterPageHeader(m[1]!);
      if (first) r.info.push(readRecipient(first));
    } else if (field && /^XMT\b\s*\/?/.test(line)) {
      // `XMT/AMEMBASSY SOFIA`: posts the collective before is not sent to, until the next routed line.
      const list = r[field];
      const collective = list[list.length - 1];
      if (collective) (collective.excluded ??= []).push(line.replace(/^XMT\b\s*\/?\s*/, '').trim());
      excluding = true;
    } else if (field && excluding && !/^[A-Z0-9]{3,9}\//.test(line) && !isNoise(line)) {
      const list = r[field];
      list[list.length - 1]!.excluded!.push(line.trim());
    } else if (field && !isNoise(line) && /^[A-Z0-9]/.test(line) && !/^(?:ZNY|DE|BT|VZCZC)\b/.test(line)) {
      excluding = false;
      r[field].push(readRecipient(line));
    } else {
      field = isNoise(line) ? field : null;
    }
  }
  return r;
}

/** The office a cable id names, from the FM line: `AMEMBASSY TEL AVIV` → `TELAVIV`, `SECSTATE WASHDC` → `STATE`. */
export function officeFromSender(from: string): string | null {
  const t = from.toUpperCase().replace(/\s+/g, ' ').trim();
  if (/^SECSTATE\b/.test(t)) return 'STATE';
  const m = /^(?:AMEMBASSY|AMCONSUL|AMEMB|AMCONGEN|USMISSION|US MISSION|USLO|USINT|USOFFICE|AIT)\s+(.+)$/.exec(t);
  const office = (m ? m[1]! : t).replace(/[^A-Z]/g, '');
  return office || null;
}
