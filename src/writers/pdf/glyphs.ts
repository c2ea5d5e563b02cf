/**
 * Words shaped once per process, and text drawn straight into a page's content stream.
 *
 * pdfkit's own text path (`doc.text`) re-splits every string at spaces, looks each word up again,
 * concatenates glyph arrays and writes one text object per call inside a save/transform/restore.
 * The PDF writer already knows where every word goes (it broke the lines), so it draws each line
 * as one text object here: per word the glyphs of its shaped run, with the run's kerning as TJ
 * adjustments, and a real space glyph between words (text extraction and the structure tree read
 * `regarding cluster`, not `regardingcluster`). The document's fonts are still pdfkit's
 * EmbeddedFonts: glyphs go into their subsets, widths and ToUnicode maps exactly as pdfkit's
 * `encode` puts them, so embedding is unchanged.
 *
 * Shaping (fontkit: cmap, GSUB ligatures, GPOS kerning) depends only on the word and the face, so
 * runs are kept per process in a compact form, in a two-generation cache: a word used again
 * survives the turn of a generation, the long tail of words met once does not.
 */
import type * as fontkit from 'fontkit';
import { fontkitFont } from './faces.js';
import { PairShaper } from './pair-shaping.js';
import type { FontFamilyName, FontStyle } from '../paged/fonts.js';

/** A word as fontkit shapes it, in thousandths of an em (PDF text space units). */
export interface ShapedWord {
  /** Glyph ids in the font (not in a document's subset). */
  gids: Uint16Array;
  /** Per glyph, the TJ adjustment after it (its advance less its shaped advance); null when all are 0. */
  adjust: Float64Array | null;
  /** Per glyph, x offset, y offset and shaped advance, when any glyph is offset (marks); else null. */
  offsets: Float64Array | null;
  /** Sum of the shaped advances. */
  width: number;
  /** Characters of the word the font has no glyph for (drawn as a blank box), or null. */
  missing: string[] | null;
}

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
type ShapingFont = fontkit.Font & {
  layout(text: string): { glyphs: Glyph[]; positions: Position[] };
  getGlyph(id: number): Glyph;
};

/** Entries per generation of the word cache (two generations are kept). */
let generationSize = 30_000;

/** Changes the cache's generation size (tests; embedders short of memory). Returns the previous one. */
export function setWordCacheSize(entries: number): number {
  const previous = generationSize;
  generationSize = Math.max(1, Math.floor(entries));
  for (const shaper of shapers.values()) shaper.clear();
  return previous;
}

/** The shaped words of one face (family and style) in this process. */
export class Shaper {
  readonly font: ShapingFont;
  /** Thousandths of an em per font unit. */
  readonly scale: number;
  readonly spaceGid: number;
  readonly spaceWidth: number;
  private young = new Map<string, ShapedWord>();
  private old = new Map<string, ShapedWord>();
  /** Words composed from pairs of glyphs where that gives fontkit's run exactly. */
  private readonly pairs: PairShaper;

  constructor(
    readonly family: FontFamilyName,
    readonly style: FontStyle,
  ) {
    this.font = fontkitFont(family, style) as ShapingFont;
    this.scale = 1000 / this.font.unitsPerEm;
    this.pairs = new PairShaper(this.font as unknown as ConstructorParameters<typeof PairShaper>[0]);
    const space = this.shapeNew(' ');
    this.spaceGid = space.gids[0]!;
    this.spaceWidth = space.width;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** The shaped run of `text` (a word: no spaces), from the cache or shaped now. */
  shape(text: string): ShapedWord {
    let word = this.young.get(text);
    if (word) return word;
    word = this.old.get(text) ?? this.shapeNew(text);
    this.young.set(text, word);
    if (this.young.size >= generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    return word;
  }

  private shapeNew(text: string): ShapedWord {
    const composed = this.pairs.shape(text);
    if (composed) return this.word(text, composed.glyphs, composed.xAdvances, null);
    const run = (this.font as unknown as { layout(text: string): { glyphs: Glyph[]; positions: Position[] } }).layout(text);
    return this.word(
      text,
      run.glyphs,
      run.positions.map((p) => p.xAdvance),
      run.positions.some((p) => p.xOffset || p.yOffset) ? run.positions : null,
    );
  }

  /** A shaped word from its glyphs and their shaped advances (font units), as pdfkit scales and encodes a run. */
  private word(text: string, glyphs: Array<{ id: number; advanceWidth: number }>, xAdvances: number[], positions: Position[] | null): ShapedWord {
    const n = glyphs.length;
    const scale = this.scale;
    const gids = new Uint16Array(n);
    let adjust: Float64Array | null = null;
    let width = 0;
    for (let i = 0; i < n; i++) {
      const glyph = glyphs[i]!;
      gids[i] = glyph.id;
      // As pdfkit's layoutRun scales a run (each value times the scale) and encode reads it.
      const xAdvance = xAdvances[i]! * scale;
      const advanceWidth = glyph.advanceWidth * scale;
      width += xAdvance;
      if (xAdvance - advanceWidth !== 0) (adjust ??= new Float64Array(n))[i] = -(xAdvance - advanceWidth);
    }
    let offsets: Float64Array | null = null;
    if (positions) {
      offsets = new Float64Array(3 * n);
      for (let i = 0; i < n; i++) {
        const pos = positions[i]!;
        offsets[3 * i] = pos.xOffset * scale;
        offsets[3 * i + 1] = pos.yOffset * scale;
        offsets[3 * i + 2] = pos.xAdvance * scale;
      }
    }
    let missing: string[] | null = null;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp !== 0x20 && cp !== 0x0a && !this.font.hasGlyphForCodePoint(cp)) (missing ??= []).push(ch);
    }
    return { gids, adjust, offsets, width, missing };
  }
}

const shapers = new Map<string, Shaper>();

/** The process's shaper for a face. */
export function shaperFor(family: FontFamilyName, style: FontStyle): Shaper {
  const key = `${family}/${style}`;
  let s = shapers.get(key);
  if (!s) shapers.set(key, (s = new Shaper(family, style)));
  return s;
}

/** The parts of pdfkit's EmbeddedFont a document face writes into. */
export interface DocumentFont {
  id: string;
  ascender: number;
  descender: number;
  widths: number[];
  unicode: Array<number[] | undefined>;
  subset: { includeGlyph(gid: number): number };
  ref(): unknown;
}

/**
 * Each byte as it stands in a PDF literal string: itself, or escaped — `(`, `)` and `\\` always,
 * CR and LF because a reader takes a raw end of line in a string as a plain LF.
 */
const LITERAL = Array.from({ length: 256 }, (_, b) =>
  b === 0x28 ? '\\(' : b === 0x29 ? '\\)' : b === 0x5c ? '\\\\' : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b),
);

/** A face in one document: its pdfkit font, and each glyph's code in the document's subset (two bytes, as a literal string's text). */
export class DocumentFace {
  private readonly hex: string[] = [];

  constructor(
    readonly font: DocumentFont,
    readonly shaper: Shaper,
  ) {}

  /** The glyph's code in the subset (two bytes, escaped for a literal string), including it on first use as pdfkit's encode does. */
  glyph(gid: number): string {
    let h = this.hex[gid];
    if (h === undefined) {
      const font = this.font;
      const sid = font.subset.includeGlyph(gid);
      h = LITERAL[sid >> 8]! + LITERAL[sid & 0xff]!;
      const glyph = this.shaper.font.getGlyph(gid);
      if (font.widths[sid] == null) font.widths[sid] = glyph.advanceWidth * this.shaper.scale;
      if (font.unicode[sid] == null) font.unicode[sid] = glyph.codePoints;
      this.hex[gid] = h;
    }
    return h;
  }
}

const documentFaces = new WeakMap<DocumentFont, DocumentFace>();

/** The face of a document's font (one per font, shared by every writer drawing into the document). */
export function documentFace(font: DocumentFont, shaper: Shaper): DocumentFace {
  let face = documentFaces.get(font);
  if (!face) documentFaces.set(font, (face = new DocumentFace(font, shaper)));
  return face;
}

/** `0.066667 0.066667 0.066667` for `#111111`, as pdfkit writes a colour. */
const colors = new Map<string, string>();
function rgb(color: string): string {
  let s = colors.get(color);
  if (!s) {
    const hex = parseInt(color.slice(1), 16);
    s = [hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((c) => num(c / 255)).join(' ');
    colors.set(color, s);
  }
  return s;
}

/** A number as pdfkit writes it (rounded to 6 decimals). */
export function num(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The parts of pdfkit's page the text operators touch. */
export interface PageLike {
  fonts: Record<string, unknown>;
  /** Absent on a page-like target (a book's furniture form): then nothing is assumed between lines. */
  content?: { uncompressedLength?: number };
}

/**
 * The operators of one line (or a few items) of text, written to the page in one piece. The page's
 * user space is pdfkit's (origin top left, y down); each text object's matrix flips the glyphs
 * upright at the baseline, which gives the same rendering matrix as pdfkit's own text.
 *
 * The font and fill colour a line sets stay in the page's graphics state after it; the next line
 * sets them again only if they differ or if anything else was written to the page in between
 * (marked content, a rule, pdfkit's own text), so lines of one paragraph say them once.
 */
export class TextOps {
  private ops = '';
  private inText = false;
  private face: DocumentFace | null = null;
  private size = 0;
  private color: string | null = null;
  /** The TJ array being built: finished parts, and the glyph codes since the last adjustment. */
  private tj = '';
  private hex = '';
  /** Pen position in user space (for glyphs with offsets, which need their own text matrix). */
  private penX = 0;
  private penY = 0;
  private page: PageLike | null = null;
  /** The length of the page's content after this wrote to it last. */
  private written = -1;

  /** Starts operators for `page` (pdfkit's page: its font resources get the fonts used). */
  begin(page: PageLike): void {
    const length = page.content?.uncompressedLength;
    if (page !== this.page || typeof length !== 'number' || length !== this.written) {
      // Another page, or something else was written since: the font and colour are not known.
      this.face = null;
      this.color = null;
    }
    this.ops = '';
    this.inText = false;
    this.page = page;
  }

  /** Moves to (x, baseline y) in `face` at `size`, in `color`: a new TJ starts there. */
  moveTo(face: DocumentFace, size: number, x: number, baseline: number, color: string): void {
    this.closeTj();
    if (!this.inText) {
      this.ops += 'BT\n';
      this.inText = true;
    }
    if (face !== this.face || size !== this.size) {
      const font = face.font;
      const fonts = this.page!.fonts;
      if (fonts[font.id] == null) fonts[font.id] = font.ref();
      this.ops += `/${font.id} ${num(size)} Tf\n`;
      this.face = face;
      this.size = size;
    }
    if (color !== this.color) {
      this.ops += `/DeviceRGB cs\n${rgb(color)} scn\n`;
      this.color = color;
    }
    this.ops += `1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n`;
    this.penX = x;
    this.penY = baseline;
  }

  /** The glyphs of a shaped word, at the pen. */
  word(word: ShapedWord): void {
    const face = this.face!;
    const gids = word.gids;
    if (word.offsets) return this.offsetWord(word);
    const adjust = word.adjust;
    for (let i = 0; i < gids.length; i++) {
      this.hex += face.glyph(gids[i]!);
      if (adjust && adjust[i] !== 0) {
        this.tj += `(${this.hex}) ${num(adjust[i]!)} `;
        this.hex = '';
      }
    }
    this.penX += (word.width * this.size) / 1000;
  }

  /** A space glyph, at the pen. */
  space(): void {
    const face = this.face!;
    this.hex += face.glyph(face.shaper.spaceGid);
    this.penX += (face.shaper.spaceWidth * this.size) / 1000;
  }

  /** A word with offset glyphs (combining marks): each offset glyph gets its own text matrix, as in pdfkit. */
  private offsetWord(word: ShapedWord): void {
    const face = this.face!;
    const { gids, offsets } = word;
    const scale = this.size / 1000;
    let hadOffset = false;
    for (let i = 0; i < gids.length; i++) {
      const dx = offsets![3 * i]!;
      const dy = offsets![3 * i + 1]!;
      const advance = offsets![3 * i + 2]!;
      const code = face.glyph(gids[i]!);
      if (dx || dy) {
        this.closeTj();
        this.ops += `1 0 0 -1 ${num(this.penX + dx * scale)} ${num(this.penY - dy * scale)} Tm\n[(${code})] TJ\n`;
        hadOffset = true;
      } else {
        if (hadOffset) {
          this.closeTj();
          this.ops += `1 0 0 -1 ${num(this.penX)} ${num(this.penY)} Tm\n`;
          hadOffset = false;
        }
        this.hex += code;
        const adj = word.adjust?.[i] ?? 0;
        if (adj !== 0) {
          this.tj += `(${this.hex}) ${num(adj)} `;
          this.hex = '';
        }
      }
      this.penX += advance * scale;
    }
    if (hadOffset) {
      this.closeTj();
      this.ops += `1 0 0 -1 ${num(this.penX)} ${num(this.penY)} Tm\n`;
    }
  }

  private closeTj(): void {
    if (this.hex) {
      this.tj += `(${this.hex})`;
      this.hex = '';
    }
    if (this.tj) {
      this.ops += `[${this.tj}] TJ\n`;
      this.tj = '';
    }
  }

  /** Ends the text object, if one is open. */
  endText(): void {
    this.closeTj();
    if (this.inText) {
      this.ops += 'ET\n';
      this.inText = false;
    }
  }

  /** A filled rectangle (a redaction bar), outside any text object. */
  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    this.endText();
    this.ops += `q\n/DeviceRGB cs\n${rgb(color)} scn\n${num(x)} ${num(y)} ${num(w)} ${num(h)} re\nf\nQ\n`;
  }

  /** Writes the operators to the page (ending any open text object). */
  flush(doc: { addContent(data: string): unknown }): void {
    this.endText();
    if (this.ops) doc.addContent(this.ops);
    this.ops = '';
    this.written = this.page?.content?.uncompressedLength ?? -1;
  }
}
