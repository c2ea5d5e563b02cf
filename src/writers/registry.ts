/**
 * The writers, by output format. A writer only reads a `Cable` (already transformed:
 * redacted, filtered) and returns the bytes of one output file.
 */
import type { Cable } from '../model/cable.js';
import type { RedactionStyle } from '../model/redaction.js';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'pdf' | 'docx';
export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'markdown', 'json', 'pdf', 'docx'];

/** Options every writer receives; a writer ignores what does not apply to it. */
export interface WriterOptions {
  /** Template name (`cable`, `teletype`, `handout`, …) or a path to a template folder. */
  template?: string;
  /** Image file placed on page 1 (PDF/DOCX). */
  logo?: string;
  /** Text stamped diagonally on every page, e.g. DRAFT. */
  watermark?: string;
  /** Produce PDF/A. */
  pdfa?: boolean;
  /** `box` or `label` for how redactions are shown. */
  redactionStyle?: RedactionStyle;
  /** Collected warnings (missing glyphs, …) are pushed here. */
  warnings?: string[];
}

export interface WriterOutput {
  data: Buffer;
  /** Page count where the format has pages (PDF; DOCX estimate). */
  pages?: number;
}

export type Writer = (cable: Cable, options: WriterOptions) => Promise<WriterOutput>;

export const EXTENSIONS: Record<OutputFormat, string> = {
  text: 'txt',
  markdown: 'md',
  json: 'json',
  pdf: 'pdf',
  docx: 'docx',
};

const writers = new Map<OutputFormat, Writer>();

export function registerWriter(format: OutputFormat, writer: Writer): void {
  writers.set(format, writer);
}

export function getWriter(format: OutputFormat): Writer {
  const writer = writers.get(format);
  if (!writer) throw new Error(`no writer for format ${format}`);
  return writer;
}
