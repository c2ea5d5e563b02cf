/**
 * better-sqlite3, loaded only when a search index is used: it is an optional dependency (a native
 * module compiled at install time), so the rest of cablekit installs and works without it, and
 * the index commands then say in one line what is missing.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { CableError } from '../errors.js';

export type Database = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

let loaded: DatabaseConstructor | null = null;
let failure: string | null = null;

const MISSING =
  'the search index needs the optional package better-sqlite3 (SQLite with full-text search), which is not installed or did not build: ' +
  'run `npm install` again where it can be built (it needs Python 3, make and a C++ compiler when no prebuilt binary can be fetched)';

/** The better-sqlite3 constructor, or a `CableError` saying what is missing. */
export function sqlite(): DatabaseConstructor {
  if (loaded) return loaded;
  if (failure) throw new CableError(failure);
  try {
    // CABLEKIT_SQLITE_MODULE: another module name, for the test that the rest works without it.
    const name = process.env.CABLEKIT_SQLITE_MODULE || 'better-sqlite3';
    const Database = createRequire(import.meta.url)(name) as DatabaseConstructor;
    // The package can be there without its compiled binding (a failed build): open one to know.
    new Database(':memory:').close();
    loaded = Database;
    return Database;
  } catch (err) {
    failure = process.env.CABLEKIT_DEBUG ? `${MISSING} (${(err as Error).message.split('\n')[0]})` : MISSING;
    throw new CableError(failure);
  }
}

/** Is the search index usable here (better-sqlite3 installed and built)? */
export function searchIndexAvailable(): boolean {
  try {
    sqlite();
    return true;
  } catch {
    return false;
  }
}
