/**
 * Reads a release HTML page: the two `<pre>` blocks (routing header, body) and the
 * metadata table (reference id, created, released, classification, origin). A page that holds
 * the cable without `<pre>` (saved from another site or a browser: `<br>` lines, `<p>`/`<div>`
 * blocks) is read as the text a browser shows, line breaks kept.
 */
import { decodeHTML } from 'entities';
import type { SourceMeta } from './meta.js';

export interface ReleasePage {
  text: string;
  meta: SourceMeta;
  /** The page had no `<pre>` blocks: its text was read as a browser shows it, from the cable's first line. */
  withoutPre?: boolean;
}

/** The first line of a cable in a page's text: a routing line, a date-time group or a classification line with its office and serial. */
const CABLE_START = /^[ \t]*(?:VZCZC\w*|This record is a partial extract\b|(?:[OPRZ]{1,2}\s+)*\d{6}Z\s+[A-Za-z]{3}\s+\d{2}\b|(?:C O N F I D E N T I A L|S E C R E T|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\b.*\b[A-Z]{3,}\s+\d{1,7}[ \t]*$)/m;

/** An HTML comment that cannot run past its own end (a lazy `[\s\S]*?` here backtracks exponentially over a run of them). */
const COMMENT = '<!--(?:[^-]|-(?!->))*-->';
const DOCUMENT_START = new RegExp(`^\\s*(?:<\\?xml[^<>]*>\\s*)?(?:${COMMENT}\\s*)*(?:<!DOCTYPE\\s+html\\b|<html[\\s>])`, 'i');
/** A tag (not a bare `<` in the text: `turnout was < 40 percent`). */
const TAG = /<\/?[A-Za-z][^<>]*>|<![^<>]*>|<\?[^<>]*>/g;

export function isReleaseHtml(text: string): boolean {
  if ((text.includes('<pre') || text.includes('<PRE')) && /<pre[\s>]/i.test(text) && /<(?:html|body|table|div)[\s>]/i.test(text)) return true;
  // Any HTML document: it starts as one (a cable's own text never does).
  return DOCUMENT_START.test(text.slice(0, 4000));
}

/** A page's body without scripts, styles and comments. */
function pageBody(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body.replace(/<(script|style|head|noscript)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, '').replace(new RegExp(COMMENT, 'g'), '');
}

/**
 * The text of an HTML page as a browser shows it: block ends and `<br>` are line ends, the source's
 * own line ends spaces (`flowed`) — or, for a page that shows the cable pre-formatted (a textarea,
 * `white-space: pre` from a style sheet), the source's line ends kept.
 */
function pageText(body: string, flowed: boolean): string {
  const BREAK = '\u0001';
  let t = body
    // a `<br>` and the source's own line end after it are one break
    .replace(/<br\s*\/?>[ \t]*(?:\r?\n)?/gi, BREAK)
    .replace(/<\/(?:p|div|h[1-6]|li|tr|table|blockquote|section|article|textarea)\s*>[ \t]*(?:\r?\n)?|<(?:p|div|h[1-6]|li|tr|table|blockquote|section|article|hr|textarea)\b[^<>]*>/gi, BREAK);
  if (flowed) t = t.replace(/\r?\n/g, ' ');
  return decodeHTML(t.replace(TAG, '').replaceAll(BREAK, '\n'))
    .replace(/\u00a0/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The cable in a page's text: from its first line to the end, if it has one. */
function fromCableStart(text: string): string | null {
  const start = CABLE_START.exec(text);
  return start ? text.slice(start.index).trim() : null;
}

export function readReleaseHtml(html: string): ReleasePage {
  const blocks: string[] = [];
  for (const m of html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/gi)) {
    blocks.push(decodeHTML(m[1]!.replace(/<\/?[A-Za-z][^<>]*>/g, '')));
  }
  let withoutPre = false;
  if (!blocks.length) {
    const body = pageBody(html);
    // Flowed text is right for `<br>` lines and `<p>` blocks; a cable shown pre-formatted comes out
    // of it as a few long lines, and keeps its lines only with the source's line ends.
    const lines = (t: string | null): number => (t ? t.split('\n').filter((l) => l.trim()).length : 0);
    const flowed = fromCableStart(pageText(body, true));
    let text = flowed;
    if (lines(flowed) < 8) {
      const kept = fromCableStart(pageText(body, false));
      if (!flowed || lines(flowed) < lines(kept)) text = kept ?? flowed;
    }
    if (text) {
      blocks.push(text);
      withoutPre = true;
    }
  }
  const meta: SourceMeta = {};
  const table = /<table class=['"]cable['"]>([\s\S]*?)<\/table>/i.exec(html);
  if (table) {
    const heads = [...table[1]!.matchAll(/<th>([\s\S]*?)<\/th>/gi)].map((m) => strip(m[1]!));
    const cells = [...table[1]!.matchAll(/<td>([\s\S]*?)<\/td>/gi)].map((m) => strip(m[1]!));
    heads.forEach((h, i) => {
      const v = cells[i];
      if (!v) return;
      if (/reference id/i.test(h)) meta.id = v;
      else if (/created/i.test(h)) meta.date = v;
      else if (/classification/i.test(h)) meta.classification = v;
      else if (/origin/i.test(h)) meta.origin = v;
    });
  }
  return { text: blocks.join('\n\n') + '\n', meta, ...(withoutPre ? { withoutPre } : {}) };
}

function strip(s: string): string {
  return decodeHTML(s.replace(/<[^>]*>/g, '')).trim();
}
