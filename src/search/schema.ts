/**
 * The search index's tables. One row per cable in `cables`: its fields, where it came from and
 * what `--filter` reads — small rows, so that a filter or the facets read few pages. Its texts in
 * `docs`, as two deflated blobs: its body as `text~` searches it, and its clean text with the
 * Cable model after it (deflated together, the model's texts cost little beside the clean text). A contentless FTS5 full-text index over its id, subject, tags, origin and body
 * (the text is not stored twice; snippets are made from the body blob). Its tags one a row for
 * exact `tag=` filters, and the inputs that could not be read.
 */
import type { Database } from './sqlite.js';

/** Written into `meta.format`; a database without it is not a cablekit index. */
export const INDEX_FORMAT = 'cablekit-index';
/** Bumped when the tables change; an index of another version is refused with a line saying to build it again. */
export const INDEX_VERSION = 1;

/** bm25 weights of the FTS columns, in order: id, subject, tagkeys, origin, body. */
export const RANK_WEIGHTS = [2, 4, 2, 1, 1];

export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE inputs (
  n INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  size INTEGER
);
CREATE TABLE cables (
  n INTEGER PRIMARY KEY,
  input TEXT NOT NULL,
  source INTEGER NOT NULL,
  row INTEGER,
  offset INTEGER,
  length INTEGER,
  id TEXT NOT NULL,
  source_id TEXT,
  date TEXT,
  origin TEXT,
  level TEXT NOT NULL,
  caveats TEXT NOT NULL,
  tags TEXT NOT NULL,
  subject TEXT,
  refs TEXT NOT NULL,
  f_id TEXT NOT NULL,
  f_origin TEXT,
  f_date TEXT,
  f_class TEXT,
  f_level INTEGER
);
CREATE TABLE docs (n INTEGER PRIMARY KEY, body BLOB NOT NULL, doc BLOB NOT NULL);
CREATE TABLE cable_tags (tag TEXT NOT NULL, cable INTEGER NOT NULL, PRIMARY KEY (tag, cable)) WITHOUT ROWID;
CREATE TABLE problems (n INTEGER PRIMARY KEY, input TEXT NOT NULL, error TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(
  id, subject, tagkeys, origin, body,
  content='',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25(${RANK_WEIGHTS.join(', ')})');
`;

/** Made once every row is in: faster to build at the end than to keep up while inserting. */
export const INDEXES = `
CREATE INDEX cables_id ON cables (id);
CREATE INDEX cables_f_date ON cables (f_date);
ANALYZE;
`;

export function createSchema(db: Database): void {
  db.exec(SCHEMA);
}
