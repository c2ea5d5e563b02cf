/**
 * Images for paged writers, made by sharp: a user's logo (PNG, JPEG, WebP, SVG) normalized to
 * PNG, and a diagonal watermark stamp drawn from an SVG whose letters are outlines of the shipped
 * font (so the stamp does not depend on the fonts installed on the machine).
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import * as fontkit from 'fontkit';
import { fontData, type FontFamilyName } from './fonts.js';
import { fileError } from './templates.js';



export interface PreparedImage {
  png: Buffer;
  width: number;
  height: number;
}

const LOGO_FORMATS = new Set(['png', 'jpeg', 'webp', 'svg']);
const logoCache = new Map<string, Promise<PreparedImage>>();

/** Reads a logo file and returns it as PNG (at most 600 px on its long side). Bad file → CableError. */
export function prepareLogo(file: string): Promise<PreparedImage> {
  let cached = logoCache.get(file);
  if (!cached) {
    cached = loadLogo(file);
    logoCache.set(file, cached);
    cached.catch(() => logoCache.delete(file));
  }
  return cached;
}

async function loadLogo(file: string): Promise<PreparedImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fileError(file, code === 'ENOENT' ? 'logo file not found' : `cannot read logo (${code ?? 'error'})`);
  }
  try {
    const image = sharp(bytes, { failOn: 'error' });
    const meta = await image.metadata();
    if (!meta.format || !LOGO_FORMATS.has(meta.format)) {
      throw new Error(`unsupported image format ${meta.format ?? 'unknown'}`);
    }
    // Flattened onto white: pdfkit embeds an alpha channel asynchronously, which would make the
    // order of objects in the file (and so its bytes) vary from run to run.
    const { data, info } = await image
      .resize({ width: 600, height: 600, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0]!.replace(/^Input buffer /, '');
    throw fileError(file, `not a usable logo image (PNG, JPEG, WebP or SVG): ${msg}`);
  }
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SVG of a diagonal stamp: `text` as outlines of `family` bold, rotated -35°, light grey. */
export function watermarkSvg(text: string, family: FontFamilyName, width: number, height: number): string {
  const font = fontkit.create(fontData(family, 'bold'));
  const run = font.layout(text);
  let x = 0;
  const paths: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i]!;
    const d = glyph.path.toSVG();
    if (d) paths.push(`<path transform="translate(${x + pos.xOffset} ${pos.yOffset})" d="${d}"/>`);
    x += pos.xAdvance;
  });
  const textWidth = Math.max(x, 1);
  const capHeight = font.capHeight || font.unitsPerEm * 0.7;
  const diagonal = Math.hypot(width, height);
  const scale = Math.min((diagonal * 0.7) / textWidth, (height * 0.3) / capHeight);
  const angle = (-Math.atan2(height, width) * 180) / Math.PI;
  // Glyph outlines are y-up; flip them, centre the line on the page, then rotate.
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(text)}</title>`,
    `<g transform="translate(${width / 2} ${height / 2}) rotate(${angle.toFixed(3)}) scale(${scale.toFixed(6)} ${(-scale).toFixed(6)}) translate(${-textWidth / 2} ${-capHeight / 2})" fill="#e4e4e4">`,
    ...paths,
    '</g></svg>',
  ].join('');
}

const watermarkCache = new Map<string, Promise<PreparedImage>>();

/**
 * An opaque PNG stamp covering a page of `width`×`height` points (light grey letters on white, no
 * alpha: see loadLogo), rendered at 1.5 px per point by sharp. Writers draw it first on each page.
 */
export function prepareWatermark(text: string, family: FontFamilyName, width: number, height: number): Promise<PreparedImage> {
  const key = JSON.stringify([text, family, width, height]);
  let cached = watermarkCache.get(key);
  if (!cached) {
    const svg = watermarkSvg(text, family, Math.round(width * 1.5), Math.round(height * 1.5));
    cached = sharp(Buffer.from(svg))
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({ png: data, width: info.width, height: info.height }));
    watermarkCache.set(key, cached);
    cached.catch(() => watermarkCache.delete(key));
  }
  return cached;
}
