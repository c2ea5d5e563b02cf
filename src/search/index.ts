/** The local search index (`cablekit index`, `--index`): build, query, read back. */
export { buildIndex } from './build.js';
export type { BuildIndexOptions, IndexProgress, IndexSummary } from './build.js';
export { CableIndex, FACET_LIMITS, indexCables } from './search.js';
export type { IndexQuery, IndexHit, IndexOrder, Snippet, Facets, FacetCount, SearchPage, IndexInfo } from './search.js';
export { parseQuery, compileQuery, QUERY_FIELDS } from './query.js';
export type { QueryNode, CompiledQuery } from './query.js';
export { searchIndexAvailable } from './sqlite.js';
export { tagKey } from './row.js';
