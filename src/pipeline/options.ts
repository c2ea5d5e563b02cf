/** What a conversion is asked to do (`convertCable`'s options, result and test seams), apart from both conversions so neither imports the other. */
import type { Cable, Level } from '../model/cable.js';
import type { OutputFormat, Writer, WriterOptions, WriterOutput } from '../writers/registry.js';
import type { RedactionPlan } from '../redact/apply/plan.js';
import type { AuditCable } from '../redact/audit/audit.js';
import type { OutputReading } from '../redact/verify/verify.js';
import type { ResidualAllowance } from '../redact/verify/residual.js';

export interface ConvertOptions extends WriterOptions {
  format: OutputFormat;
  /** Categories to redact: `contacts`, `email`, `phone`, `fax`, `url`, `names`, … (see parseRedactCategories). */
  redact?: string[];
  /** Withhold paragraphs (and a subject) marked above this level: `U`, `SBU`, `C`, `S`, `TS` or a Level. */
  maxLevel?: Level | string;
  /** Terms to redact (case-insensitive, whole words); the CLI reads them from `--redact-terms FILE`. */
  redactTerms?: string[];
  /** Regular expressions to redact (`--redact-pattern`). */
  redactPatterns?: string[];
  /** Path of the audit log to write (JSON); `{id}` in it is replaced by the cable id. */
  audit?: string;
  /**
   * A reviewed redaction plan (`cablekit plan`, src/redact/apply/plan.ts): its decisions for this cable
   * are applied exactly, instead of `redact`, `maxLevel`, `redactTerms` and `redactPatterns`.
   */
  plan?: RedactionPlan;
  /**
   * Residual-scan (second look) hits let through by name, each with a reason (`--allow-residual
   * SHA256=REASON`): recorded in the audit log with the hit's place and sha256. Any other hit
   * fails the conversion.
   */
  allowResidual?: ResidualAllowance[];
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

/** Does this conversion redact or filter anything? */
export function wantsRedaction(options: ConvertOptions): boolean {
  return Boolean(options.plan || options.redact?.length || options.maxLevel || options.redactTerms?.length || options.redactPatterns?.length);
}
