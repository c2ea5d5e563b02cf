/** Opens a DOCX back for tests: its parts as text, and the paragraphs of a part with their styles and text. */
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParagraph {
  style: string | null;
  text: string;
}

export interface DocxFile {
  parts: Record<string, Uint8Array>;
  xml(path: string): string;
  names: string[];
}

export function openDocx(data: Uint8Array): DocxFile {
  const parts = unzipSync(data);
  return {
    parts,
    names: Object.keys(parts),
    xml(path: string): string {
      const part = parts[path];
      if (!part) throw new Error(`no part ${path}`);
      return strFromU8(part);
    },
  };
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The paragraphs of a WordprocessingML part (document, header, footer), in order, with field results. */
export function paragraphs(xml: string): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  for (const m of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = m[1] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? null;
    let text = '';
    for (const t of inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      text += t[1] !== undefined ? unescape(t[1]) : t[0] === '<w:tab/>' ? '\t' : '\n';
    }
    out.push({ style, text });
  }
  return out;
}

/** Text of a part with paragraphs joined by newlines. */
export function partText(xml: string): string {
  return paragraphs(xml)
    .map((p) => p.text)
    .join('\n');
}
