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

export function isReleaseHtml(text: string): boolean {
  if ((text.includes('<pre') || text.includes('<PRE')) && /<pre[\s>]/i.test(text) && /<(?:html|body|table|div)[\s>]/i.test(text)) return true;
  // Any HTML document: it starts as one (a cable's own text never does).
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+html\b|<html[\s>])/i.test(text.slice(0, 4000));
}

/** The text of an HTML page as a browser shows it: block ends and `<br>` are line ends. */
function pageText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const BREAK = '\u0001';
  return decodeHTML(
    body
      .replace(/<(script|style|head|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      // a `<br>` and the source's own line end after it are one break; other source line ends are spaces
      .replace(/<br\s*\/?>[ \t]*(?:\r?\n)?/gi, BREAK)
      .replace(/<\/(?:p|div|h[1-6]|li|tr|table|blockquote|section|article)\s*>[ \t]*(?:\r?\n)?|<(?:p|div|h[1-6]|li|tr|table|blockquote|section|article|hr)\b[^>]*>/gi, BREAK)
      .replace(/\r?\n/g, ' ')
      .replace(/<[^>]*>/g, '')
      .replaceAll(BREAK, '\n'),
  )
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n');
}

export function readReleaseHtml(html: string): ReleasePage {
  const blocks: string[] = [];
  for (const m of html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/gi)) {
    blocks.push(decodeHTML(m[1]!.replace(/<\/?[A-Za-z][^<>]*>/g, '')));
  }
  let withoutPre = false;
  if (!blocks.length) {
    const text = pageText(html);
    const start = CABLE_START.exec(text);
    if (start) {
      blocks.push(text.slice(start.index).trim());
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
