/**
 * One cable through the whole pipeline: transforms (redaction, classification filter),
 * then a writer, then verification of the written bytes. CLI commands and batch workers call this.
 * Its options arrive typed (categories, a level) and are only checked here. The redaction path (detectors, phone metadata, templates' mark labels, the read-back check) is
 * in ./redacted.ts and loaded on first use: a conversion that redacts nothing — most of a batch
 * worker's life in `normalize` — never pays for loading it.
 */
import type { Cable } from '../model/cable.js';
import { getWriter } from '../writers/registry.js';
import '../writers/builtin.js';
import { checkRedactionRequest, wantsRedaction } from '../redact/request.js';
import type { ConvertHooks, ConvertOptions, ConvertResult } from './options.js';

export type { ConvertHooks, ConvertOptions, ConvertResult } from './options.js';
export { wantsRedaction } from '../redact/request.js';

export async function convertCable(cable: Cable, options: ConvertOptions, hooks: ConvertHooks = {}): Promise<ConvertResult> {
  checkRedactionRequest(options);
  if (wantsRedaction(options)) return (await import('./redacted.js')).convertRedacted(cable, options, hooks);
  const warnings: string[] = [];
  const writer = hooks.writer ?? getWriter(options.format);
  const out = await writer(cable, { ...options, redactionStyle: options.redactionStyle ?? 'box', warnings });
  return { ...out, cable, warnings };
}
