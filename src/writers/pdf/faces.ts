/**
 * Fonts shared across PDF documents. Parsing a TTF and shaping words (fontkit GSUB/GPOS) is most
 * of the cost of a PDF, and pdfkit redoes both for every document. cablekit parses each shipped
 * font once per process and gives every document an EmbeddedFont over the same fontkit font and
 * the same word-layout cache (pdfkit scales a run's positions once, when it is first laid out, and
 * only reads them after). Each document still gets its own subset and widths, so the bytes of a
 * document never depend on what the process rendered before; what a subset copies of each glyph
 * (its outline bytes, composite parts, metrics) is read from the font once per process.
 */
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { fontData, type FontFamilyName, type FontStyle } from '../paged/fonts.js';

type Font = fontkit.Font;
type Doc = PDFKit.PDFDocument;

/** What cablekit uses of a fontkit glyph run once pdfkit has scaled it (see pdfkit's layoutRun). */
interface Run {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }>;
  advanceWidth: number;
  script?: string;
  language?: string | null;
  direction?: string;
}

/** The parts of pdfkit's (unexported) EmbeddedFont that cablekit touches. */
interface EmbeddedFont {
  name: string;
  scale: number;
  layoutCached(text: string): Run;
  layoutRun(text: string): Run;
  embed: () => void;
  unicode: Array<number[] | undefined>;
  subset: TtfSubset;
}

/** fontkit's TTFSubset, as far as cablekit replaces how it copies a glyph. */
interface TtfSubset {
  glyphs: number[];
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Array<{ advance: number; bearing: number }> };
  offset: number;
}

/** What a subset copies of one glyph: its `glyf` bytes, where its parts' ids sit in them, its metrics. */
interface SubsetGlyph {
  bytes: Uint8Array;
  components: Array<{ glyphID: number; pos: number }> | null;
  metrics: { advance: number; bearing: number };
}
type EmbeddedFontClass = new (doc: Doc, font: Font, id: string) => EmbeddedFont;

/**
 * Word layouts kept per face before the cache starts afresh (a long batch of real cables would
 * otherwise keep every distinct word it ever met). Bounded by size, not by documents: starting
 * afresh costs a new round of shaping, so it should happen only when memory asks for it.
 */
let layoutCacheLimit = 60_000;

/** Changes the bound (tests; embedders short of memory). Returns the previous one. */
export function setLayoutCacheLimit(entries: number): number {
  const previous = layoutCacheLimit;
  layoutCacheLimit = Math.max(1, Math.floor(entries));
  return previous;
}

interface LayoutCache {
  runs: Record<string, Run>;
  entries: number;
}
const newLayoutCache = (): LayoutCache => ({ runs: Object.create(null) as Record<string, Run>, entries: 0 });

interface SharedFace {
  family: FontFamilyName;
  style: FontStyle;
  font: Font;
  /** Glyph id → the smallest code point the font maps to it (see canonicalUnicode). */
  canonical: Map<number, number>;
  /** Replaced, never emptied, when full: every document reads the current one at each call. */
  cache: LayoutCache;
  /** `script|glyph id` → may a space follow this glyph without changing how either is shaped? */
  spaceNeutral: Map<string, boolean>;
  /** The space glyph (fontkit's own cached object, as shaping returns it). */
  space: Run['glyphs'][number];
  /** Glyph id → what a subset copies of it, read once (null when the font is not a plain TrueType one). */
  subsetGlyphs: Map<number, SubsetGlyph> | null;
}

const fontkitFonts = new Map<string, Font>();

/** The process's parsed copy of a shipped font. */
export function fontkitFont(family: FontFamilyName, style: FontStyle): Font {
  const key = `${family}/${style}`;
  let font = fontkitFonts.get(key);
  if (!font) {
    font = fontkit.create(fontData(family, style));
    fontkitFonts.set(key, font);
  }
  return font;
}

const sharedFaces = new Map<string, SharedFace>();
let embeddedFontClass: EmbeddedFontClass | null = null;

/** pdfkit does not export EmbeddedFont: take its constructor from a font of a throwaway document. */
function getEmbeddedFontClass(): EmbeddedFontClass {
  if (!embeddedFontClass) {
    const probe = new PDFDocument({ autoFirstPage: false, font: null } as unknown as PDFKit.PDFDocumentOptions);
    probe.registerFont('probe', fontData('Source Serif 4', 'regular'));
    probe.font('probe');
    embeddedFontClass = (probe as unknown as { _font: { constructor: EmbeddedFontClass } })._font.constructor;
  }
  return embeddedFontClass;
}

function sharedFace(family: FontFamilyName, style: FontStyle): SharedFace {
  const key = `${family}/${style}`;
  let face = sharedFaces.get(key);
  if (!face) {
    const font = fontkitFont(family, style);
    face = {
      family,
      style,
      font,
      canonical: canonicalCodePoints(font),
      cache: newLayoutCache(),
      spaceNeutral: new Map(),
      space: (font as unknown as { glyphsForString(s: string): Array<Run['glyphs'][number]> }).glyphsForString(' ')[0]!,
      subsetGlyphs: plainTrueType(font) ? new Map() : null,
    };
    sharedFaces.set(key, face);
  }
  return face;
}

/** Measured word widths, per family, style and size (they follow the layout cache's lifetime). */
const widthTables = new Map<string, Map<string, number>>();

/** The table of measured word widths for a face at a size: text → width in points. */
export function widthTable(family: FontFamilyName, style: FontStyle, size: number): Map<string, number> {
  const key = `${family}|${style}|${size}`;
  let table = widthTables.get(key);
  if (!table) widthTables.set(key, (table = new Map()));
  return table;
}

function resetFace(face: SharedFace): void {
  face.cache = newLayoutCache();
  for (const key of widthTables.keys()) if (key.startsWith(`${face.family}|${face.style}|`)) widthTables.delete(key);
}

/**
 * Registers `style` of `family` in a document as an EmbeddedFont over the process's shared face
 * (no-op when the document already has it).
 */
export function adoptSharedFont(doc: Doc, style: FontStyle, family: FontFamilyName): void {
  const internals = doc as unknown as { _fontCount: number; _fontFamilies: Record<string, unknown> };
  if (internals._fontFamilies[style]) return;
  const face = sharedFace(family, style);
  const EmbeddedFont = getEmbeddedFontClass();
  const font = new EmbeddedFont(doc, face.font, `F${++internals._fontCount}`);
  composedLayout(font, face);
  canonicalUnicode(font, face.canonical);
  if (face.subsetGlyphs) sharedSubsetGlyphs(font.subset, face.font, face.subsetGlyphs);
  internals._fontFamilies[style] = font;
  internals._fontFamilies[font.name] = font;
}

/**
 * pdfkit lays text out word by word, each word with the space after it (`regarding `), while
 * measuring gives the bare word (`regarding`): every word would be shaped twice. A word followed
 * by a space is instead composed from the bare word's run and the space glyph, whenever the
 * word's last glyph is "space-neutral" — shaping it before a space moves and changes nothing,
 * which is checked once per glyph with fontkit itself. Words ending in a glyph that kerns with
 * the space (T, V, W, Y… in Source Serif) are shaped in full as before, so the runs are exactly
 * those fontkit would give.
 */
function composedLayout(font: EmbeddedFont, face: SharedFace): void {
  const keep = (cache: LayoutCache, text: string, run: Run): Run => {
    cache.runs[text] = run;
    if (++cache.entries >= layoutCacheLimit) resetFace(face);
    return run;
  };
  font.layoutCached = (text: string): Run => {
    const cache = face.cache;
    const hit = cache.runs[text];
    if (hit) return hit;
    if (text.length > 1 && text.charCodeAt(text.length - 1) === 0x20 && text.indexOf(' ') === text.length - 1) {
      const bare = text.slice(0, -1);
      const stem = cache.runs[bare] ?? keep(cache, bare, font.layoutRun(bare));
      const composed = followedBySpace(stem, face, font.scale);
      if (composed) return keep(face.cache, text, composed);
    }
    return keep(cache, text, font.layoutRun(text));
  };
}

/** The run of `stem` followed by a space, when its last glyph is space-neutral; else null. */
function followedBySpace(stem: Run, face: SharedFace, scale: number): Run | null {
  const last = stem.glyphs[stem.glyphs.length - 1];
  if (!last || stem.direction !== 'ltr' || !stem.script) return null;
  const key = `${stem.script}|${last.id}`;
  let neutral = face.spaceNeutral.get(key);
  if (neutral === undefined) {
    neutral = isSpaceNeutral(face, last.id, stem.script);
    face.spaceNeutral.set(key, neutral);
  }
  if (!neutral) return null;
  const advance = face.space.advanceWidth * scale;
  const glyphs = stem.glyphs.slice();
  glyphs.push(face.space);
  const positions = stem.positions.slice();
  positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
  // fontkit's advanceWidth is the sum of the x advances, left to right: the same sum, one more term.
  return { glyphs, positions, advanceWidth: stem.advanceWidth + advance, script: stem.script, language: stem.language, direction: 'ltr' };
}

/** Does shaping glyph `id` before a space (in `script`) leave both exactly as shaped alone? */
function isSpaceNeutral(face: SharedFace, id: number, script: string): boolean {
  const font = face.font as unknown as {
    getGlyph(id: number): Run['glyphs'][number];
    layout(glyphs: unknown[], features: undefined, script: string): Run;
  };
  const glyph = font.getGlyph(id);
  const space = face.space;
  const alone = font.layout([glyph], undefined, script);
  const pair = font.layout([glyph, space], undefined, script);
  const same = (a: Run['positions'][number], b: Run['positions'][number]) =>
    a.xAdvance === b.xAdvance && a.yAdvance === b.yAdvance && a.xOffset === b.xOffset && a.yOffset === b.yOffset;
  return (
    alone.glyphs.length === 1 &&
    pair.glyphs.length === 2 &&
    alone.glyphs[0]!.id === id &&
    pair.glyphs[0]!.id === id &&
    pair.glyphs[1]!.id === space.id &&
    same(alone.positions[0]!, pair.positions[0]!) &&
    pair.positions[1]!.xAdvance === space.advanceWidth &&
    pair.positions[1]!.yAdvance === 0 &&
    pair.positions[1]!.xOffset === 0 &&
    pair.positions[1]!.yOffset === 0
  );
}

/** For every glyph id the cmap reaches, the smallest printable code point that reaches it (space before no-break space). */
function canonicalCodePoints(font: Font): Map<number, number> {
  const map = new Map<number, number>();
  const set = (font as unknown as { characterSet: number[] }).characterSet;
  // Printable ASCII first, then general punctuation (‘ ’ “ ” – —), then Latin-1, then the rest;
  // control characters last: fonts map tab and CR to the space glyph, ‘ shares a glyph with ʻ.
  const rank = (cp: number) =>
    cp >= 0x20 && cp < 0x7f ? 0 : cp >= 0x2000 && cp < 0x2070 ? 1 : cp >= 0xa0 && cp < 0x100 ? 2 : cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 4 : 3;
  for (const cp of [...set].sort((a, b) => rank(a) - rank(b) || a - b)) {
    // The cmap itself, not glyphForCodePoint: that would cache glyph objects with these code points.
    const gid = (font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor.lookup(cp);
    if (!gid) continue;
    if (!map.has(gid)) map.set(gid, cp);
  }
  return map;
}

/**
 * The ToUnicode map must not depend on what the process rendered before. fontkit caches glyph
 * objects per font with the code points of the first text that produced them, and pdfkit maps a
 * glyph to those code points; with the font shared across documents, a glyph reached by two code
 * points (space and no-break space) would be mapped by history. Before the font is embedded,
 * every single-code-point glyph is mapped to its canonical code point instead.
 */
function canonicalUnicode(font: EmbeddedFont, canonical: Map<number, number>): void {
  const embed = font.embed.bind(font);
  font.embed = () => {
    font.unicode.forEach((codePoints, gid) => {
      if (codePoints && codePoints.length > 1) return; // a ligature keeps the letters it stands for
      const cp = canonical.get(font.subset.glyphs[gid]!);
      if (cp !== undefined) font.unicode[gid] = [cp];
    });
    embed();
  };
}

/** A TrueType font without variations: the kind whose subset copies glyph bytes as they are. */
function plainTrueType(font: Font): boolean {
  const f = font as unknown as { _variationProcessor?: unknown; directory: { tables: Record<string, unknown> }; loca?: unknown };
  return !f._variationProcessor && !!f.directory.tables.glyf && !!f.loca;
}

/**
 * fontkit's TTFSubset decodes every glyph it copies (to find a composite's parts) and reads its
 * bytes and metrics anew for each document. The same glyph gives the same bytes every time: they
 * are read once per process and copied from there, composite parts renumbered per subset as
 * fontkit does (on a copy), so the subset is byte for byte the one fontkit makes.
 */
function sharedSubsetGlyphs(subset: TtfSubset, font: Font, cache: Map<number, SubsetGlyph>): void {
  subset._addGlyph = function (this: TtfSubset, gid: number): number {
    let glyph = cache.get(gid);
    if (!glyph) cache.set(gid, (glyph = readSubsetGlyph(font, gid)));
    let bytes = glyph.bytes;
    if (glyph.components) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of glyph.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push(glyph.metrics);
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}

/** What fontkit's TTFSubset._addGlyph reads of a glyph. */
function readSubsetGlyph(font: Font, gid: number): SubsetGlyph {
  const f = font as unknown as {
    getGlyph(id: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null; _getMetrics(): { leftBearing: number } };
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  };
  const glyph = f.getGlyph(gid);
  const glyf = glyph._decode();
  const start = f.loca.offsets[gid]!;
  const end = f.loca.offsets[gid + 1]!;
  const stream = f._getTableStream('glyf');
  stream.pos += start;
  const bytes = stream.readBuffer(end - start);
  const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null;
  return { bytes, components, metrics: { advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing } };
}
