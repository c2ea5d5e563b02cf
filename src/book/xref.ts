/**
 * A book's cross-references: which chapter each cable id is, the links from a chapter's
 * references and body to other chapters, the cables cited but not included (the "Cited, not
 * included" appendix) and the index of tags.
 */
import type { Cable } from '../model/cable.js';
import type { LinkSpan } from '../writers/paged/layout.js';
import { findChapterMentions, referenceLabels, referenceRowLinks } from './mentions.js';
import { compareBytes, compareCableIds } from './order.js';

/** A cable cited by the book's chapters but not in the book. */
export interface CitedCable {
  id: string;
  /** The citing chapters (0-based, in book order) with the REF label they cite it under. */
  by: { chapter: number; label: string }[];
}

/** A tag and the chapters (0-based, in book order) that carry it. */
export interface TagEntry {
  tag: string;
  chapters: number[];
}

/** Chapter index of each cable id in the book (the first chapter when an id repeats). */
export function chapterIndex(cables: Cable[]): Map<string, number> {
  const map = new Map<string, number>();
  cables.forEach((c, i) => {
    if (!map.has(c.id)) map.set(c.id, i);
  });
  return map;
}

/** Every referenced cable id that is not a chapter, with the chapters that cite it; sorted by id. */
export function citedNotIncluded(cables: Cable[], chapters: Map<string, number>): CitedCable[] {
  const cited = new Map<string, CitedCable>();
  cables.forEach((cable, chapter) => {
    const labels = referenceLabels(cable.references);
    cable.references.forEach((ref, i) => {
      if (!ref.id || chapters.has(ref.id)) return;
      let entry = cited.get(ref.id);
      if (!entry) cited.set(ref.id, (entry = { id: ref.id, by: [] }));
      if (!entry.by.some((b) => b.chapter === chapter)) entry.by.push({ chapter, label: labels[i]! });
    });
  });
  return [...cited.values()].sort((a, b) => compareCableIds(a.id, b.id));
}

/** Each tag of the book with the chapters that carry it; tags sorted, chapters in book order. */
export function tagIndex(cables: Cable[]): TagEntry[] {
  const tags = new Map<string, number[]>();
  cables.forEach((cable, chapter) => {
    for (const tag of cable.tags) {
      const list = tags.get(tag);
      if (!list) tags.set(tag, [chapter]);
      else if (list.at(-1) !== chapter) list.push(chapter);
    }
  });
  return [...tags.entries()].sort((a, b) => compareBytes(a[0], b[0])).map(([tag, chapters]) => ({ tag, chapters }));
}

/** The serial numbers of the chapters' ids (`372` of `08OTTAWA372`): a text without one names no chapter by number. */
export function chapterSerials(chapters: Map<string, number>): Set<string> {
  const serials = new Set<string>();
  for (const id of chapters.keys()) {
    const m = /(\d+)$/.exec(id);
    if (m) serials.add(String(Number(m[1])));
  }
  return serials;
}

/** The layout's `links` for one chapter: its mentions of other chapters, in its body and references. */
export function chapterLinks(
  cable: Cable,
  chapters: Map<string, number>,
  serials: Set<string> = chapterSerials(chapters),
): (text: string, where: 'body' | 'references') => LinkSpan[] {
  const isTarget = (id: string) => chapters.has(id);
  // Nothing to link when no reference and no mention can name another chapter of this book.
  return (text, where) => {
    if (chapters.size < 2) return [];
    if (where === 'references') return referenceRowLinks(cable.references, isTarget, cable.id).links;
    return findChapterMentions(text, cable, isTarget, serials);
  };
}
