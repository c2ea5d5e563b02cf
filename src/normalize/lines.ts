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
  if (text.includes('\r')) log.repair('line-ends', 1, 'CRLF', 'LF');
  const raw = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const lines: Line[] = new Array(raw.length);
  /** Each line without its trailing spaces (computed once: the usual input needs nothing else). */
  const ends: string[] = new Array(raw.length);
  let nonBlank = 0;
  let backslashed = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    lines[i] = { text: t, no: i + 1, marker: false };
    const end = (ends[i] = t.trimEnd());
    if (end !== '') {
      nonBlank++;
      if (end.endsWith('\\')) backslashed++;
    }
  }
  if (nonBlank > 3 && backslashed > nonBlank / 2) {
    for (let i = 0; i < lines.length; i++) ends[i] = (lines[i]!.text = lines[i]!.text.replace(/\s*\\\s*$/, '')).trimEnd();
    log.repair('line-end-backslash', 1, `${backslashed} lines ended in \\`, '');
  }

  let trailing = 0;
  let firstTrailing = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = ends[i]!;
    if (t !== l.text) {
      if (!trailing) firstTrailing = l.no;
      trailing++;
      l.text = t;
    }
    cleanMarkup(l, log);
  }
  if (trailing) log.repair('trailing-space', firstTrailing, `${trailing} lines ended in spaces`, '');
  return lines;
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
