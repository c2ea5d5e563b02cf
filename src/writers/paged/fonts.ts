/**
 * The fonts cablekit draws with: OFL TTFs shipped in `fonts/` (never pdfkit's standard-14 or
 * system fonts). Maps a family and style to a file, and reads files once.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `fonts/` at the package root: three levels up from both src/writers/paged and dist/writers/paged. */
export const FONTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fonts');

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const FONT_FAMILIES = {
  'Source Serif 4': {
    regular: 'SourceSerif4-Regular.ttf',
    bold: 'SourceSerif4-Bold.ttf',
    italic: 'SourceSerif4-Italic.ttf',
    boldItalic: 'SourceSerif4-BoldItalic.ttf',
  },
  // Courier Prime ships regular and bold here; italics fall back to upright (telegrams had none).
  'Courier Prime': {
    regular: 'CourierPrime-Regular.ttf',
    bold: 'CourierPrime-Bold.ttf',
    italic: 'CourierPrime-Regular.ttf',
    boldItalic: 'CourierPrime-Bold.ttf',
  },
} as const satisfies Record<string, Record<FontStyle, string>>;

export type FontFamilyName = keyof typeof FONT_FAMILIES;

export const FONT_STYLES: FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

export function fontPath(family: FontFamilyName, style: FontStyle): string {
  return join(FONTS_DIR, FONT_FAMILIES[family][style]);
}

const data = new Map<string, Buffer>();

/** The bytes of a font file, read once per process. */
export function fontData(family: FontFamilyName, style: FontStyle): Buffer {
  const path = fontPath(family, style);
  let bytes = data.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    data.set(path, bytes);
  }
  return bytes;
}

/** `U+2588 '█'` — how a missing character is named in a warning. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}
