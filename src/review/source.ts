/**
 * The input text a cable's line numbers count in: the decoded file, or for a release HTML page
 * the text of its `<pre>` blocks (what the parser read). A reviewer shows it beside the clean cable.
 */
import type { Cable } from '../model/cable.js';
import { decodeCableBytes } from '../readers/decode.js';
import { parseCableBytes } from '../readers/cable/parse.js';
import { isReleaseHtml, readReleaseHtml } from '../readers/cable/html.js';
import { csvRecordText, csvRecordToCable, type CsvCableRecord } from '../readers/csv/read.js';

export interface CableSource {
  cable: Cable;
  /** The text `cable.repairs[].line` and `cable.warnings[].line` count lines in (1-based). */
  source: string;
}

/** Decodes and parses a cable file's bytes, keeping the text it was read from. Throws `CableError`. */
export function readCableSource(bytes: Uint8Array, file: string): CableSource {
  const cable = parseCableBytes(bytes, file);
  const { text } = decodeCableBytes(bytes, file);
  return { cable, source: isReleaseHtml(text) ? readReleaseHtml(text).text : text };
}

/** One row of the bulk CSV, parsed, with the text the parser read (header, blank line, body). */
export function csvRecordSource(record: CsvCableRecord): CableSource {
  return { cable: csvRecordToCable(record), source: csvRecordText(record) };
}
