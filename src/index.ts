/** cablekit's library API. The CLI is a thin layer over these exports. */
export * from './model/cable.js';
export { CableError, errorLine } from './errors.js';
export { parseCable, readCableFile, parseCableBytes } from './readers/cable/parse.js';
export type { ParseOptions, SourceMeta, ReadOptions } from './readers/cable/parse.js';
export { canonicalCableId, canonicalOffice, findCableMentions } from './readers/cable/cable-id.js';
export type { CanonicalIdOptions, CableMention } from './readers/cable/cable-id.js';
export { formatCable, formatText, formatTextWithPlaces, formatMarkdown } from './writers/format.js';
export type { PlacedText, TextPlace } from './writers/format.js';
export type { TextFormat } from './writers/format.js';
export { decodeCableBytes } from './readers/decode.js';
export { levelFromCode, levelRank, maxLevel, parsePortionMarking } from './readers/cable/classification.js';
export { bannerText } from './model/banner.js';
export { writeFileAtomic } from './io/atomic.js';
export { convertCable } from './pipeline/convert.js';
export type { ConvertOptions, ConvertResult } from './pipeline/convert.js';
export { OUTPUT_FORMATS, EXTENSIONS, getWriter, registerWriter } from './writers/registry.js';
export type { OutputFormat, WriterOptions, WriterOutput, Writer } from './writers/registry.js';
// Batch conversion, input discovery and the bulk CSV (src/batch, src/readers/input, src/readers/csv, src/select).
export { runBatch, parseShard, shardFromEnvironment, summaryLine, defaultJobs } from './batch/run.js';
export type { BatchOptions, BatchProgress, BatchSummary, Shard } from './batch/run.js';
export { mergeManifests } from './batch/merge.js';
export type { MergeOptions, MergeResult } from './batch/merge.js';
export { readJournal, journalFileName } from './batch/journal.js';
export type { JournalRun, JournalHead } from './batch/journal.js';
export { sanitizeStem, outputStem, OutputNamer } from './batch/names.js';
export { readManifest, manifestFileName } from './batch/manifest.js';
export type { Manifest, ManifestEntry, ManifestOk, ManifestFailure, ManifestSummary } from './batch/manifest.js';
export { discoverInputs, isCsvPath, CABLE_EXTENSIONS } from './readers/input/discover.js';
export type { InputSource } from './readers/input/discover.js';
export { expandGlob, globToRegExp } from './readers/input/glob.js';
export { readCsvRecords, csvRecordToCable, csvRecordText, csvDateToIso, isCsvRowError } from './readers/csv/read.js';
export type { CsvCableRecord, CsvRowError, ReadCsvOptions } from './readers/csv/read.js';
export { readCsvCables, readCsvSelected, recordMayMatch } from './select/csv.js';
export type { ReadCsvCablesOptions } from './select/csv.js';
export {
  parseFilter,
  matchesFilter,
  matchesCable,
  matchesContent,
  rowMayMatch,
  cableBodyText,
  describeFilter,
  hasContentFilter,
  cableFilterSubject,
  levelOf,
  idPattern,
  textPattern,
  isEmptyFilter,
} from './select/filter.js';
export type { CableFilter, FilterSubject } from './select/filter.js';
// Selection (src/select): the cables a filter picks, `select`'s output forms, `--ids` lists.
export { selectCables, formatSelected, selectedLine, csvRecordLine, SELECT_FORMATS, parseIdList, readIdList } from './select/index.js';
export type { SelectedCable, SelectOptions, SelectFormat, SelectedLine } from './select/index.js';
export * from './redact/index.js';
export { wantsRedaction } from './pipeline/convert.js';
export type { ConvertHooks } from './pipeline/convert.js';
// PDF rendering and the format-neutral layout shared by paged writers (src/writers).
export { renderPdf, renderPdfDocument } from './writers/pdf/writer.js';
export type { PdfOptions } from './writers/pdf/writer.js';
export { layoutCable, runsFor, runsText, displayDate, DEFAULT_METADATA_FIELDS, DEFAULT_LABELS } from './writers/paged/layout.js';
export type { LayoutDocument, LayoutTexts, LayoutOptions, Block, Run, MetadataRow, MetadataField, DocumentInfo } from './writers/paged/layout.js';
export { loadTemplate, resolveTemplateDir, BUILTIN_TEMPLATES, TEMPLATES_DIR } from './writers/paged/templates.js';
export type { Template, TemplateLook, PageContext } from './writers/paged/templates.js';
export { renderDocx, renderDocxOutput, stabilizeDocx } from './writers/docx/writer.js';
export {
  buildBook,
  writeBook,
  planBook,
  sortCables,
  groupCables,
  compareCableIds,
  dropDuplicates,
  highestClassification,
  loadBookTemplate,
  BOOK_ORDERS,
  BOOK_GROUPS,
} from './book/book.js';
export type { BookOptions, BookResult, WrittenBook, BookEntry, BookFormat, BookOrder, BookSort, BookGroupBy, BookPart, BookPlan } from './book/book.js';
export { readBookInputs, collectBookInputs } from './book/inputs.js';
export type { BookInput, BookInputs } from './book/inputs.js';
export { bookManifest, bookManifestPath } from './book/manifest.js';
export type { BookManifest, BookManifestEntry } from './book/manifest.js';
export { findChapterMentions } from './book/mentions.js';
export type { LinkSpan } from './writers/paged/layout.js';
export { makeBook, writeMadeBook } from './book/make.js';
export type { MakeBookOptions, MadeBook, MadeBookFile } from './book/make.js';
// The review of one cable (input beside clean text, repairs and warnings at their places): src/review.
export * from './review/review.js';
// The local search index (src/search): `cablekit index`, and `--index` for select, book, render and serve.
export { buildIndex, CableIndex, indexCables, parseQuery, compileQuery, QUERY_FIELDS, searchIndexAvailable, tagKey, FACET_LIMITS } from './search/index.js';
export type {
  BuildIndexOptions,
  IndexProgress,
  IndexSummary,
  IndexQuery,
  IndexHit,
  IndexOrder,
  Snippet,
  Facets,
  FacetCount,
  SearchPage,
  IndexInfo,
  QueryNode,
  CompiledQuery,
} from './search/index.js';
