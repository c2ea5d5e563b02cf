/**
 * WordprocessingML written as text: escaping, runs, paragraphs, hyperlinks and bookmarks, and a
 * layout's runs (text, links to other chapters, redactions) as Word runs.
 *
 * Sections are written as text rather than docx objects: a 1,000-cable book has 1,000 sections
 * with 2,000 header and footer parts, and docx's object model spent most of the time there
 * (bench/book.mjs). The docx package still writes the package: styles, fonts, numbering,
 * settings, core properties, and a book's cover and TOC field.
 */
import { REDACTION_BOX, type RedactionStyle } from '../../model/redaction.js';
import type { Run } from '../paged/layout.js';
import { STYLE } from './styles.js';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Characters XML 1.0 does not allow (control characters a cable may carry) are dropped. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** A run of text; a line break kept in the text (lists, tables in a paragraph) becomes `<w:br/>`. */
export function runXml(text: string, rStyle?: string, extra = ''): string {
  const rPr = rStyle || extra ? `<w:rPr>${rStyle ? `<w:rStyle w:val="${rStyle}"/>` : ''}${extra}</w:rPr>` : '';
  const body = clean(text)
    .split('\n')
    .map((line) => `<w:t xml:space="preserve">${esc(line)}</w:t>`)
    .join('<w:br/>');
  return `<w:r>${rPr}${body}</w:r>`;
}

export function paragraphXml(style: string, runs: string, pPr = ''): string {
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${pPr}</w:pPr>${runs}</w:p>`;
}

/** An internal hyperlink to a bookmark around already written runs. */
export function hyperlinkXml(anchor: string, runs: string): string {
  return `<w:hyperlink w:anchor="${esc(anchor)}" w:history="1">${runs}</w:hyperlink>`;
}

/** Runs inside a bookmark. `id` must be unique in the document (a book numbers them by chapter). */
export function bookmarkXml(id: number, name: string, runs: string): string {
  return `<w:bookmarkStart w:id="${id}" w:name="${esc(name)}"/>${runs}<w:bookmarkEnd w:id="${id}"/>`;
}

/** Where a link to cable `id` goes: the bookmark of its chapter, or null when it is not in the book. */
export type LinkAnchor = (id: string) => string | null;

export function textRunsXml(runs: Run[], redactionStyle: RedactionStyle, anchor: LinkAnchor | null = null): string {
  let out = '';
  for (const r of runs) {
    if (r.kind !== 'text') {
      out += runXml(redactionStyle === 'box' ? REDACTION_BOX : r.label, STYLE.redaction);
      continue;
    }
    const target = r.link && anchor ? anchor(r.link) : null;
    out += target ? hyperlinkXml(target, runXml(r.text, STYLE.link)) : runXml(r.text);
  }
  return out;
}

/** The text a run list shows, as `textRunsXml` writes it. */
export function shownText(runs: Run[], redactionStyle: RedactionStyle): string {
  return runs.map((r) => (r.kind === 'text' ? r.text : redactionStyle === 'box' ? REDACTION_BOX : r.label)).join('');
}
