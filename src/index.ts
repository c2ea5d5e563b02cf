/** cablekit's library API. The CLI is a thin layer over these exports. */
export * from './model/cable.js';
export { CableError } from './errors.js';
export { parseCable } from './parse/index.js';
export type { ParseOptions, SourceMeta } from './parse/index.js';
export { writeFileAtomic } from './io/atomic.js';
export { convertCable } from './pipeline/convert.js';
export type { ConvertOptions, ConvertResult } from './pipeline/convert.js';
export { OUTPUT_FORMATS, EXTENSIONS, getWriter, registerWriter } from './render/registry.js';
export type { OutputFormat, WriterOptions, WriterOutput, Writer } from './render/registry.js';
