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
  marker?: boolean;
}

export function splitLines(text: string, log: ChangeLog): Line[] {
  if (text.includes('\r')) log.repair('line-ends', 1, 'CRLF', 'LF');
  const raw = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const lines: Line[] = raw.map((t, i) => ({ text: t, no: i + 1 }));

  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const backslashed = nonBlank.filter((l) => l.text.trimEnd().endsWith('\\')).length;
  if (nonBlank.length > 3 && backslashed > nonBlank.length / 2) {
    for (const l of lines) l.text = l.text.replace(/\s*\\\s*$/, '');
    log.repair('line-end-backslash', 1, `${backslashed} lines ended in \\`, '');
  }

  let trailing = 0;
  let firstTrailing = 0;
  for (const l of lines) {
    const t = l.text.trimEnd();
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
  if (t.includes('<http') || t.includes('<www') || t.includes('<mailto')) {
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
