/** Public parse API (stub: being written). */
import type { Cable, InputShape } from '../model/cable.js';

export interface SourceMeta {
  id?: string;
  date?: string;
  origin?: string;
  classification?: string;
}

export interface ParseOptions {
  /** File name for messages. */
  file?: string;
  /** Force an input shape instead of detecting it. */
  shape?: InputShape;
  /** Metadata from a release page table or a CSV row. */
  meta?: SourceMeta;
}

export function parseCable(raw: string, options: ParseOptions = {}): Cable {
  void raw;
  void options;
  throw new Error('not implemented yet');
}
