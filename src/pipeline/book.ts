/**
 * One briefing book through the whole pipeline: redaction of every cable, the book writer, then
 * verification of the finished bytes against every cable's removed values (fail closed: a leak
 * throws and no bytes are returned). `cablekit book` and the workbench call this.
 */
import type { Cable } from '../model/cable.js';
import { buildBook, type BookOptions, type BookResult } from '../book/index.js';
import { redactCables, type RedactionSettings } from '../redact/set.js';
import type { AuditCable } from '../redact/audit.js';

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
  await redaction.verify(result.data, book.format, file);
  return { ...result, audit: redaction.audit };
}
