/**
 * Word shaping by pairs: the run fontkit would give a word, composed from its characters' glyphs
 * and the kerning of each adjacent pair, for the words where that is provably the same thing.
 *
 * fontkit shapes a word by running every lookup of the default features (ccmp, liga, kern, mark…)
 * over every glyph: about 20 µs a word, most of a PDF's time while words are new to the process.
 * In a Latin text font, what those lookups do to a plain word is: pair kerning (each pair's
 * values added to the two glyphs, whatever else is in the word) and ligatures (fi, ffl).
 * Everything else — contextual rules, single substitutions, mark attachment — acts only on
 * glyphs a plain word does not have. This module reads the font's own lookups to find:
 *
 *   - the simple glyphs: reached by a printable Latin-1 or punctuation character, not a mark, and
 *     not one a lookup of the default features could act on other than by pair kerning or
 *     ligature (a contextual rule that could fire on simple glyphs has its input glyphs taken out;
 *     a single substitution's, cursive or single positioning's glyphs are taken out);
 *   - the ligature starts: pairs (first, second component) of every ligature.
 *
 * A word of simple glyphs with no ligature start in it is composed; each new pair's kerning is
 * taken from fontkit itself (shaping the two characters alone, in both scripts a word of such
 * characters can get: `latn`, or the default when it has no letter), and a pair whose shaping
 * changes glyphs, moves them off the baseline or differs between the scripts is not composed.
 * Any other word (and any font whose lookups this does not know) goes to fontkit as before.
 * tests/pdf-pair-shaping.test.ts compares both on every word of the samples and real cables.
 */
import type * as fontkit from 'fontkit';

interface Glyph {
  id: number;
  advanceWidth: number;
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number }>;
}
interface LookupTable {
  lookupType: number;
  subTables: Array<Record<string, unknown>>;
}
interface LayoutTable {
  scriptList: Array<{ tag: string; script: { defaultLangSys: { featureIndexes: number[] } | null } }>;
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: { get(i: number): LookupTable };
}
type PairFont = fontkit.Font & {
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: unknown };
  kern?: unknown;
  _variationProcessor?: unknown;
  layout(text: string, features?: undefined, script?: string): { glyphs: Glyph[]; positions: Position[] };
  glyphForCodePoint(cp: number): Glyph;
};

/** The features fontkit's default shaper applies to a horizontal left-to-right Latin run. */
const DEFAULT_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern']);
/** The scripts fontkit gives a word of these characters: `latn` with a letter, `zzzz` (the font's default) without. */
const SCRIPTS = ['latn', 'zzzz'];

/** The characters a simple glyph may stand for: printable ASCII, Latin-1 (no soft hyphen), common punctuation (no fraction slash). */
function candidate(cp: number): boolean {
  return (
    (cp >= 0x21 && cp <= 0x7e) ||
    (cp >= 0xa1 && cp <= 0xff && cp !== 0xad) ||
    (cp >= 0x2010 && cp <= 0x2027) ||
    (cp >= 0x2030 && cp <= 0x203a) ||
    cp === 0x20ac
  );
}

function coverageGlyphs(c: Coverage | undefined): number[] {
  if (!c) return [];
  if (c.version === 1) return c.glyphs ?? [];
  const out: number[] = [];
  for (const r of c.rangeRecords ?? []) for (let g = r.start; g <= r.end; g++) out.push(g);
  return out;
}

/** A lookup's subtables with extension subtables (GSUB 7, GPOS 9) opened: [type, subtable]. */
function subtables(lookup: LookupTable, extensionType: number): Array<[number, Record<string, unknown>]> {
  return lookup.subTables.map((st) =>
    lookup.lookupType === extensionType ? [st.lookupType as number, st.extension as Record<string, unknown>] : [lookup.lookupType, st],
  );
}

/** The lookups of the default features, for the scripts a word of candidate characters gets. */
function defaultLookups(table: LayoutTable | undefined): LookupTable[] {
  if (!table) return [];
  const indexes = new Set<number>();
  for (const tag of ['latn', 'DFLT']) {
    const langSys = table.scriptList.find((s) => s.tag === tag)?.script.defaultLangSys;
    for (const fi of langSys?.featureIndexes ?? []) {
      const record = table.featureList[fi]!;
      if (DEFAULT_FEATURES.has(record.tag)) for (const li of record.feature.lookupListIndexes) indexes.add(li);
    }
  }
  return [...indexes].sort((a, b) => a - b).map((i) => table.lookupList.get(i));
}

interface Analysis {
  /** Glyphs a lookup could act on other than by pair kerning or ligature. */
  excluded: Set<number>;
  /** `first * 65536 + second` for the first two components of every ligature. */
  ligatureStarts: Set<number>;
}

/** Reads the font's default lookups; null when one of them is of a kind this does not compose. */
function analyse(font: PairFont, simple: Set<number>): Analysis | null {
  const excluded = new Set<number>();
  const ligatureStarts = new Set<number>();
  const exclude = (c: unknown) => {
    for (const g of coverageGlyphs(c as Coverage)) excluded.add(g);
  };
  /** A contextual rule (format 3) can fire on simple glyphs only if each of its places can be one. */
  const contextual = (st: Record<string, unknown>): void => {
    if (st.version === 3) {
      const places = [
        ...((st.backtrackCoverage as Coverage[] | undefined) ?? []),
        ...((st.inputCoverage as Coverage[] | undefined) ?? (st.coverages as Coverage[] | undefined) ?? []),
        ...((st.lookaheadCoverage as Coverage[] | undefined) ?? []),
      ];
      const input = ((st.inputCoverage as Coverage[] | undefined) ?? (st.coverages as Coverage[] | undefined) ?? [])[0];
      if (places.every((c) => coverageGlyphs(c).some((g) => simple.has(g)))) exclude(input);
    } else {
      exclude(st.coverage); // rules by glyph or class: their first glyph is in the coverage
    }
  };
  for (const lookup of defaultLookups(font.GSUB)) {
    for (const [type, st] of subtables(lookup, 7)) {
      if (type === 4) {
        const firsts = coverageGlyphs(st.coverage as Coverage);
        const sets = st.ligatureSets as { get(i: number): Array<{ components: number[] }> };
        firsts.forEach((first, i) => {
          for (const lig of sets.get(i) ?? []) if (lig.components.length) ligatureStarts.add(first * 65536 + lig.components[0]!);
        });
      } else if (type === 5 || type === 6) contextual(st);
      else if (type === 1 || type === 2 || type === 3 || type === 8) exclude(st.coverage);
      else return null;
    }
  }
  for (const lookup of defaultLookups(font.GPOS)) {
    for (const [type, st] of subtables(lookup, 9)) {
      if (type === 2) continue; // pair kerning: composed
      if (type === 7 || type === 8) contextual(st);
      else if (type === 1 || type === 3) exclude(st.coverage);
      else if (type === 4 || type === 5) exclude(st.markCoverage);
      else if (type === 6) exclude(st.mark1Coverage);
      else return null;
    }
  }
  return { excluded, ligatureStarts };
}

/** A composed run: glyph ids, and per glyph its advance in font units with kerning applied. */
export interface PairRun {
  glyphs: Glyph[];
  xAdvances: number[];
}

export class PairShaper {
  /** Code point → its simple glyph, or null. */
  private readonly glyphs = new Map<number, Glyph | null>();
  /** `cp1 * 0x110000 + cp2` → [kerning on the first glyph, on the second], or null (not composable). */
  private readonly pairs = new Map<number, [number, number] | null>();
  private readonly analysis: Analysis | null;

  constructor(private readonly font: PairFont) {
    this.analysis = PairShaper.analysable(font) ? analyse(font, this.simpleCandidates()) : null;
  }

  /** A TrueType/OpenType font without variations, and with no kerning outside GPOS. */
  private static analysable(font: PairFont): boolean {
    return !font._variationProcessor && !(font.kern && !font.GPOS);
  }

  /** Glyphs of candidate characters that are not marks (before the lookups are read). */
  private simpleCandidates(): Set<number> {
    const set = new Set<number>();
    const cmap = (this.font as unknown as { characterSet: number[] }).characterSet;
    for (const cp of cmap) {
      if (!candidate(cp) || /\p{M}/u.test(String.fromCodePoint(cp))) continue;
      const gid = (this.font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor.lookup(cp);
      if (gid && !this.isMarkGlyph(gid)) set.add(gid);
    }
    return set;
  }

  private isMarkGlyph(gid: number): boolean {
    const classDef = this.font.GDEF?.glyphClassDef as { version: number; classRangeRecord?: Array<{ start: number; end: number; class: number }>; startGlyph?: number; classValueArray?: number[] } | undefined;
    if (!classDef) return false;
    if (classDef.version === 1) {
      const i = gid - (classDef.startGlyph ?? 0);
      return classDef.classValueArray?.[i] === 3;
    }
    return (classDef.classRangeRecord ?? []).some((r) => r.start <= gid && gid <= r.end && r.class === 3);
  }

  private glyph(cp: number): Glyph | null {
    let g = this.glyphs.get(cp);
    if (g !== undefined) return g;
    g = null;
    if (this.analysis && candidate(cp) && !/\p{M}/u.test(String.fromCodePoint(cp))) {
      // As fontkit's glyphsForString makes it (so its glyph cache holds the same object).
      const glyph = this.font.glyphForCodePoint(cp);
      if (glyph.id !== 0 && !this.isMarkGlyph(glyph.id) && !this.analysis.excluded.has(glyph.id)) g = glyph;
    }
    this.glyphs.set(cp, g);
    return g;
  }

  private pair(cp1: number, g1: Glyph, cp2: number, g2: Glyph): [number, number] | null {
    const key = cp1 * 0x110000 + cp2;
    let p = this.pairs.get(key);
    if (p !== undefined) return p;
    p = null;
    if (!this.analysis!.ligatureStarts.has(g1.id * 65536 + g2.id)) {
      const text = String.fromCodePoint(cp1, cp2);
      let found: [number, number] | null = null;
      let same = true;
      for (const script of SCRIPTS) {
        const run = this.font.layout(text, undefined, script);
        const ok =
          run.glyphs.length === 2 &&
          run.glyphs[0]!.id === g1.id &&
          run.glyphs[1]!.id === g2.id &&
          run.positions.every((q) => q.yAdvance === 0 && q.xOffset === 0 && q.yOffset === 0);
        const k: [number, number] | null = ok ? [run.positions[0]!.xAdvance - g1.advanceWidth, run.positions[1]!.xAdvance - g2.advanceWidth] : null;
        if (!k || (found && (found[0] !== k[0] || found[1] !== k[1]))) same = false;
        found = k;
      }
      if (same) p = found;
    }
    this.pairs.set(key, p);
    return p;
  }

  /** The word's run as fontkit would shape it, or null when it is not a word this composes. */
  shape(text: string): PairRun | null {
    if (!this.analysis) return null;
    const glyphs: Glyph[] = [];
    const xAdvances: number[] = [];
    let prevCp = -1;
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      const g = this.glyph(cp);
      if (!g) return null;
      const n = glyphs.length;
      glyphs.push(g);
      xAdvances.push(g.advanceWidth);
      if (n > 0) {
        const k = this.pair(prevCp, glyphs[n - 1]!, cp, g);
        if (!k) return null;
        xAdvances[n - 1] += k[0];
        xAdvances[n] += k[1];
      }
      prevCp = cp;
    }
    return glyphs.length ? { glyphs, xAdvances } : null;
  }
}
