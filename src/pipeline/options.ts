/** What a conversion is asked to do (`convertCable`'s options, result and test seams), apart from both conversions so neither imports the other. */
import type { Cable } from '../model/cable.js';
import type { OutputFormat, Writer, WriterOptions, WriterOutput } from '../writers/registry.js';
import type { RedactionSettings } from '../redact/set.js';
import type { AuditCable } from '../redact/audit/audit.js';
import type { OutputReading } from '../redact/verify/verify.js';

/**
 * The writer's options and the redaction settings: typed values (categories, a level), parsed
 * where they come in — the CLI, the server, a library caller with `parseRedactCategories` and
 * `parseLevel` — and only checked here.
 */
export interface ConvertOptions extends WriterOptions, RedactionSettings {
  format: OutputFormat;
}

export interface ConvertResult extends WriterOutput {
  cable: Cable;
  warnings: string[];
  /** Present when the cable was redacted or filtered: the audit entry (hashes, never values). */
  audit?: AuditCable;
}

/** Test seams: a writer used instead of the registered one (e.g. a deliberately leaky double). */
export interface ConvertHooks {
  writer?: Writer;
  /** Called with the output as the verifier read it back (PDF text layer, DOCX parts, …). */
  onRead?: (reading: OutputReading) => void;
}
