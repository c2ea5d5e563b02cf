/**
 * The manifest written beside a book (`book.pdf` → `book.pdf.manifest.json`): every input in
 * order with the chapter and page it became, or the one-line error that kept it out, then a
 * summary. Deterministic: the same inputs and options give the same file.
 */
import { basename } from 'node:path';
import type { BookInput } from './inputs.js';
import type { BookEntry } from './types.js';

export type BookManifestEntry =
  | { input: string; id: string; chapter: number; page: number }
  | { input: string; id: string; duplicate: true }
  /** Read, but not in the book (not selected). */
  | { input: string; id: string; excluded: true }
  | { input: string; error: string };

export interface BookManifest {
  format: 'cablekit-book-manifest';
  version: 1;
  /** The book's file name (beside the manifest). */
  book: string;
  pages: number;
  sha256: string;
  options: Record<string, unknown>;
  inputs: BookManifestEntry[];
  warnings: string[];
  summary: { inputs: number; chapters: number; failed: number; duplicates: number };
}

/** `book.pdf` → `book.pdf.manifest.json`, in the same folder. */
export function bookManifestPath(bookPath: string): string {
  return `${bookPath}.manifest.json`;
}

export function bookManifest(args: {
  bookPath: string;
  pages: number;
  sha256: string;
  options: Record<string, unknown>;
  inputs: BookInput[];
  entries: BookEntry[];
  warnings: string[];
}): BookManifest {
  const chapters = new Map<string, { chapter: number; page: number }>();
  args.entries.forEach((e, i) => chapters.set(e.id, { chapter: i + 1, page: e.page }));
  const placed = new Set<string>();
  const inputs: BookManifestEntry[] = args.inputs.map((item) => {
    if (!('cable' in item)) return { input: item.input, error: item.error };
    const id = item.cable.id;
    const at = chapters.get(id);
    if (placed.has(id)) return { input: item.input, id, duplicate: true };
    if (!at) return { input: item.input, id, excluded: true };
    placed.add(id);
    return { input: item.input, id, ...at };
  });
  const failed = inputs.filter((e) => 'error' in e).length;
  const duplicates = inputs.filter((e) => 'duplicate' in e).length;
  const options = Object.fromEntries(Object.entries(args.options).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return {
    format: 'cablekit-book-manifest',
    version: 1,
    book: basename(args.bookPath),
    pages: args.pages,
    sha256: args.sha256,
    options,
    inputs,
    warnings: args.warnings,
    summary: { inputs: inputs.length, chapters: args.entries.length, failed, duplicates },
  };
}
