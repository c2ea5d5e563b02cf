/**
 * The shared corpus beside the repository (`../shared/`: the seeds, `cables/`, `cables-more/`,
 * `cables-release/`, the peer's cases). Tests that need it run only where it is; without it they
 * show as one skipped test each, whose name says so — a fresh clone's suite passes on its own.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';

export const SHARED = '../shared/';
export const sharedExists = existsSync(SHARED);

/** The folders of real release pages, in the order the tests read them. */
export const SHARED_PAGE_DIRS = ['cables', 'cables-more', 'cables-release'] as const;

/** The one line a corpus test shows without the corpus. */
export function skipNote(what: string): string {
  return `${what}: skipped, the shared corpus (../shared/) is not beside the repository`;
}

/** `describe` that runs with the shared corpus; without it, one skipped test that says so. */
export function describeShared(name: string, fn: () => void): void {
  if (sharedExists) describe(name, fn);
  else it.skip(skipNote(name), () => {});
}

/** `it` that runs with the shared corpus; without it, skipped with a name that says so. */
export function itShared(name: string, fn: () => unknown, timeout?: number): void {
  if (sharedExists) it(name, fn as () => void, timeout);
  else it.skip(skipNote(name), () => {});
}

export interface SharedPage {
  /** The release's reference id (the file name). */
  id: string;
  dir: (typeof SHARED_PAGE_DIRS)[number];
  /** Path of the derived text, when there is one. */
  txt: string | null;
  /** Path of the release page, when there is one. */
  html: string | null;
}

/** Every real page of the shared corpus, by id (its `.txt` and `.html`), in folder then id order. */
export function sharedPages(dirs: readonly (typeof SHARED_PAGE_DIRS)[number][] = SHARED_PAGE_DIRS): SharedPage[] {
  const out: SharedPage[] = [];
  for (const dir of dirs) {
    const names = readdirSync(join(SHARED, dir)).sort();
    const ids = [...new Set(names.filter((n) => /\.(txt|html)$/.test(n)).map((n) => n.replace(/\.(txt|html)$/, '')))];
    for (const id of ids) {
      const has = (ext: string) => (names.includes(`${id}.${ext}`) ? join(SHARED, dir, `${id}.${ext}`) : null);
      out.push({ id, dir, txt: has('txt'), html: has('html') });
    }
  }
  return out;
}
