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
