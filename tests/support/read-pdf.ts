/** Reads a PDF back with poppler and qpdf (installed at /usr/bin) for writer tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(data: Buffer, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-pdf-'));
  const path = join(dir, 'doc.pdf');
  writeFileSync(path, data);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of each page, in reading order (pdftotext, pages split on form feed). */
export function pdfPages(data: Buffer): string[] {
  const text = withFile(data, (p) => execFileSync('pdftotext', ['-enc', 'UTF-8', p, '-'], { encoding: 'utf8' }));
  const pages = text.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

export function pdfText(data: Buffer): string {
  return pdfPages(data).join('\n');
}

export function pdfInfo(data: Buffer): Record<string, string> {
  const out = withFile(data, (p) => execFileSync('pdfinfo', ['-isodates', p], { encoding: 'utf8' }));
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(data: Buffer): PdfFont[] {
  const out = withFile(data, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: read emb/sub from the end.
      const n = cols.length;
      return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
    });
}

/** The file with streams decompressed (qpdf --qdf), for looking at the structure tree and XMP. */
export function pdfQdf(data: Buffer): string {
  return withFile(data, (p) => {
    const out = join(p + '.qdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', p, out]);
    return execFileSync('cat', [out], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  });
}

/** The structure tree with its text, as poppler reads it (`pdfinfo -struct-text`). */
export function pdfStructText(data: Buffer): string {
  return withFile(data, (p) => execFileSync('pdfinfo', ['-struct-text', p], { encoding: 'utf8' }));
}

/** A link annotation: the page it is on, its destination (a name or an explicit page), and the page (1-based) it goes to. */
export interface PdfLink {
  page: number;
  dest: string;
  target: number | null;
  rect: number[];
}

type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/** Every link annotation of a PDF with the page it leads to, read back with `qpdf --json` (named destinations resolved). */
export function pdfLinks(data: Buffer): PdfLink[] {
  const json = withFile(data, (p) => execFileSync('qpdf', ['--json', p], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }));
  const doc = JSON.parse(json) as { qpdf: [unknown, Record<string, { value?: QpdfValue }>]; pages: { object: string }[] };
  const objects = doc.qpdf[1];
  const deref = (v: QpdfValue | undefined): QpdfValue | undefined => {
    if (typeof v === 'string' && / \d+ R$/.test(v)) return objects[`obj:${v}`]?.value;
    return v;
  };
  const dict = (v: QpdfValue | undefined) => deref(v) as Record<string, QpdfValue> | undefined;
  const pageOf = new Map(doc.pages.map((p, i) => [p.object, i + 1]));
  // Named destinations: the catalog's /Names /Dests name tree.
  const named = new Map<string, QpdfValue>();
  const trailer = dict(objects['trailer']?.value as QpdfValue);
  const catalog = dict(trailer?.['/Root']);
  const walk = (node: Record<string, QpdfValue> | undefined) => {
    if (!node) return;
    const names = deref(node['/Names']) as QpdfValue[] | undefined;
    if (names) for (let i = 0; i < names.length; i += 2) named.set(String(names[i]).replace(/^u:/, ''), deref(names[i + 1])!);
    for (const kid of (deref(node['/Kids']) as QpdfValue[] | undefined) ?? []) walk(dict(kid));
  };
  walk(dict(dict(catalog?.['/Names'])?.['/Dests']));
  const targetOf = (dest: QpdfValue | undefined): number | null => {
    const d = deref(dest);
    if (Array.isArray(d)) return pageOf.get(String(d[0])) ?? null;
    if (d && typeof d === 'object' && '/D' in d) return targetOf(d['/D']);
    return null;
  };
  const out: PdfLink[] = [];
  doc.pages.forEach((p, i) => {
    const page = dict(p.object);
    for (const a of (deref(page?.['/Annots']) as QpdfValue[] | undefined) ?? []) {
      const annot = dict(a);
      if (annot?.['/Subtype'] !== '/Link') continue;
      const action = dict(annot['/A']);
      const raw = action?.['/D'] ?? annot['/Dest'];
      const name = typeof raw === 'string' && raw.startsWith('u:') ? raw.slice(2) : null;
      out.push({
        page: i + 1,
        dest: name ?? JSON.stringify(deref(raw)),
        target: name !== null ? targetOf(named.get(name)) : targetOf(raw),
        rect: (deref(annot['/Rect']) as number[]) ?? [],
      });
    }
  });
  return out;
}
