/**
 * Line-level clean-up of the decoded text: line ends, trailing spaces, line-end backslashes,
 * and the markup residue of earlier conversions (`[1](#)`, `[PARM](#)`, `<http://…>`, `¶`).
 * Each change is logged with its line.
 */
import type { ChangeLog } from './log.js';

export interface Line {
  text: string;
  /** 1-based line number in the decoded input. */
  no: number;
  /** The line carried an explicit paragraph marker (`¶`, `[1](#)`) that was removed. */
  marker: boolean;
}

export function splitLines(text: string, log: ChangeLog): Line[] {
  const cr = text.includes('\r');
  if (cr) log.repair('line-ends', 1, 'CRLF', 'LF');
  const raw = cr ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const lines: Line[] = new Array(raw.length);
  let nonBlank = 0;
  let backslashed = 0;
  let trailing = 0;
  let firstTrailing = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    // trimEnd gives the string itself back when there is nothing to trim
    const end = t.trimEnd();
    if (end !== '') {
      nonBlank++;
      if (end.charCodeAt(end.length - 1) === 0x5c) backslashed++; // `\`
    }
    if (end !== t) {
      if (!trailing) firstTrailing = i + 1;
      trailing++;
    }
    lines[i] = { text: end, no: i + 1, marker: false };
  }
  if (nonBlank > 3 && backslashed > nonBlank / 2) {
    // Lines ending in `\`: the backslash goes first, then the spaces left before it are counted.
    trailing = 0;
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]!.replace(/\s*\\\s*$/, '');
      const end = t.trimEnd();
      if (end !== t) {
        if (!trailing) firstTrailing = i + 1;
        trailing++;
      }
      lines[i]!.text = end;
    }
    log.repair('line-end-backslash', 1, `${backslashed} lines ended in \\`, '');
  }
  for (const i of markupLines(text, raw, cr)) cleanMarkup(lines[i]!, log);
  if (trailing) log.repair('trailing-space', firstTrailing, `${trailing} lines ended in spaces`, '');
  return lines;
}

/** What cleanMarkup looks for; a line without any of these is left as it is. */
const MARKUP = ['](#', '<', '¶'];

/**
 * The indexes of the lines that hold markup residue, in order: found in the whole text (most
 * texts hold none, and most lines of those that do hold none either). With CR line ends the
 * offsets of the split are not known: every line.
 */
function markupLines(text: string, raw: string[], cr: boolean): number[] {
  if (!MARKUP.some((m) => text.includes(m))) return [];
  if (cr) return raw.map((_, i) => i);
  const at: number[] = [];
  for (const m of MARKUP) for (let k = text.indexOf(m); k >= 0; k = text.indexOf(m, k + 1)) at.push(k);
  at.sort((a, b) => a - b);
  const out: number[] = [];
  let line = 0;
  let lineEnd = raw[0]!.length;
  for (const k of at) {
    while (k > lineEnd) lineEnd += 1 + raw[++line]!.length;
    if (out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

const WIKI_LINK = /\[([^\]\n]{0,40})\]\(#[^)\s]*\)/g;

function cleanMarkup(line: Line, log: ChangeLog): void {
  let t = line.text;
  if (t.includes('](#')) {
    // `[1](#)1.` and `[1](#)B.`: a link to the paragraph, standing before the real marker.
    t = t.replace(/^(\s*)\[1\]\(#[^)\s]*\)\s*(?=\d{1,3}\s?\.|[A-Za-z][.)]\s)/, (m, sp: string) => {
      line.marker = true;
      const after = t.slice(m.length, m.length + 3);
      log.repair(/^\d/.test(after) ? 'paragraph-marker' : 'reference-marker', line.no, m.trim(), '');
      return sp;
    });
    t = t.replace(WIKI_LINK, (m, inner: string) => {
      log.repair('wiki-link', line.no, m, inner);
      return inner;
    });
  }
  if (t.includes('<') && (t.includes('<http') || t.includes('<www') || t.includes('<mailto'))) {
    t = t.replace(/<((?:https?:\/\/|www\.|mailto:)[^<>\s]+)>/g, (m, url: string) => {
      log.repair('autolink', line.no, m, url);
      return url;
    });
  }
  const pil = t.includes('¶') ? /^(\s*)¶\s*(?=\d{1,4}\s?\.|\(?[A-Za-z][.)]\s)/.exec(t) : null;
  if (pil) {
    line.marker = true;
    log.repair(/^\d/.test(t.slice(pil[0].length)) ? 'paragraph-marker' : 'reference-marker', line.no, '¶', '');
    t = pil[1] + t.slice(pil[0].length);
  }
  line.text = t;
}
