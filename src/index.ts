/** cablekit's library API. The CLI is a thin layer over these exports. */
export * from './model/cable.js';
export { CableError } from './errors.js';
export { parseCable } from './parse/index.js';
export type { ParseOptions, SourceMeta } from './parse/index.js';
export { writeFileAtomic } from './io/atomic.js';
