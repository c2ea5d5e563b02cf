/**
 * One briefing book through the whole pipeline: redaction of every cable, the book writer, then
 * verification of the finished bytes against every cable's removed values (fail closed: a leak
 * throws and no bytes are returned). `cablekit book` and the workbench call this.
 */
import { readFile } from 'node:fs/promises';
import type { Cable } from '../model/cable.js';
import { buildBook, writeBook, type BookOptions, type BookResult, type WrittenBook } from './book.js';
import { redactCables, type RedactionSettings } from '../redact/set.js';
import type { AuditCable } from '../redact/audit/audit.js';
import { markLabels } from '../pipeline/marks.js';
import { markPattern } from '../redact/verify/residual.js';
import { loadBookTemplate } from './template.js';

export interface MakeBookOptions extends BookOptions {
  /** Redaction and level filtering, as for `convertCable` (`audit` writes the log after verification). */
  redaction?: RedactionSettings;
  /** File name for a refusal's one line (`book.pdf: redaction leak: …`). */
  file?: string | null;
}

export interface MadeBook extends BookResult {
  /** One audit entry per redacted cable (hashes, never values); empty when nothing was redacted. */
  audit: AuditCable[];
}

export async function makeBook(cables: Cable[], options: MakeBookOptions): Promise<MadeBook> {
  const { redaction: settings = {}, file = null, ...book } = options;
  const redaction = redactCables(cables, { ...settings, redactionStyle: settings.redactionStyle ?? book.redactionStyle });
  const result = await buildBook(redaction.cables, book);
  await redaction.verify(result.data, book.format, file, { marks: redaction.audit.length ? bookTemplateMarks(book.template) : null });
  return { ...result, audit: redaction.audit };
}

export interface MadeBookFile extends WrittenBook {
  /** One audit entry per redacted cable (hashes, never values); empty when nothing was redacted. */
  audit: AuditCable[];
}

/**
 * `makeBook` into a file (`out`), as `writeBook` writes it: a PDF book streamed to a temp file as it
 * is laid out, so memory stays flat. With redaction, the temp file is read back and verified before
 * it is renamed into place (fail closed: a leak throws and no file is written).
 */
export async function writeMadeBook(cables: Cable[], options: MakeBookOptions & { out: string }): Promise<MadeBookFile> {
  const { redaction: settings = {}, file = null, ...book } = options;
  const redaction = redactCables(cables, { ...settings, redactionStyle: settings.redactionStyle ?? book.redactionStyle });
  const result = await writeBook(redaction.cables, {
    ...book,
    verify: redaction.audit.length
      ? async (temp) => redaction.verify(await readFile(temp), book.format, file ?? book.out, { marks: bookTemplateMarks(book.template) })
      : undefined,
  });
  return { ...result, audit: redaction.audit };
}

/** The mark pattern of a book template's cable pages (what a redaction mark reads back as). */
function bookTemplateMarks(nameOrDir?: string): RegExp | null {
  return markPattern(markLabels(loadBookTemplate(nameOrDir).cable));
}
