/**
 * Reads a release HTML page: the two `<pre>` blocks (routing header, body) and the
 * metadata table (reference id, created, released, classification, origin).
 */
import { decodeHTML } from 'entities';
import type { SourceMeta } from './meta.js';

export interface ReleasePage {
  text: string;
  meta: SourceMeta;
}

export function isReleaseHtml(text: string): boolean {
  return (text.includes('<pre') || text.includes('<PRE')) && /<pre[\s>]/i.test(text) && /<(?:html|body|table|div)[\s>]/i.test(text);
}

export function readReleaseHtml(html: string): ReleasePage {
  const blocks: string[] = [];
  for (const m of html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/gi)) {
    blocks.push(decodeHTML(m[1]!.replace(/<\/?[A-Za-z][^<>]*>/g, '')));
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
  return { text: blocks.join('\n\n') + '\n', meta };
}

function strip(s: string): string {
  return decodeHTML(s.replace(/<[^>]*>/g, '')).trim();
}
