/**
 * How a redaction shows, in the redacted cable's text and in every output made from it: a box of
 * fixed length (so it never tells the length of what it hides), or a `[REDACTED …]` label.
 */

export type RedactionStyle = 'box' | 'label';

/** The glyph a box is written with. */
export const BOX_GLYPH = '█';

/** A box's length in glyphs, whatever it hides. */
export const BOX_LENGTH = 8;

/** A redaction in `box` style. */
export const REDACTION_BOX = BOX_GLYPH.repeat(BOX_LENGTH);
