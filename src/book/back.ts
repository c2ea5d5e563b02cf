/**
 * The back matter of a book, format-neutral: the "Cited, not included" appendix and the index of
 * tags, as entries of a bold head and a list of items, some of them links to a chapter. The DOCX
 * and PDF assemblers only draw what this returns.
 */
import type { BookPlan } from './types.js';

/** A piece of an entry's text, linked to chapter `chapter` (0-based) when it is set. */
export interface BackItem {
  text: string;
  chapter?: number;
}

export interface BackEntry {
  /** `08STATE24735`, `PARM`. */
  head: string;
  /** Shown after the head, joined by the writer: `cited by `, `08OTTAWA372`, ` (ref A)`, `, `, … */
  items: BackItem[];
}

export interface BackSection {
  kind: 'cited' | 'tags';
  title: string;
  /** A line under the title, or null. */
  intro: string | null;
  entries: BackEntry[];
}

/** The appendix (when any chapter cites a cable by id) and the index of tags (when asked for). */
export function backMatter(plan: BookPlan): BackSection[] {
  const out: BackSection[] = [];
  const anyCited = plan.cables.some((c) => c.references.some((r) => r.id));
  if (anyCited) {
    const entries: BackEntry[] = plan.cited.map((c) => {
      const items: BackItem[] = [{ text: 'cited by ' }];
      c.by.forEach((b, i) => {
        if (i > 0) items.push({ text: ', ' });
        items.push({ text: plan.cables[b.chapter]!.id, chapter: b.chapter });
        if (b.label) items.push({ text: ` (ref ${b.label})` });
      });
      return { head: c.id, items };
    });
    const n = entries.length;
    out.push({
      kind: 'cited',
      title: plan.backTitles.cited,
      intro: n
        ? `${n} cable${n === 1 ? '' : 's'} cited by the chapters of this book but not in it, each with the chapters that cite it.`
        : 'Every cable the chapters cite is in this book.',
      entries,
    });
  }
  if (plan.tags) {
    out.push({
      kind: 'tags',
      title: plan.backTitles.tags,
      intro: null,
      entries: plan.tags.map((t) => ({
        head: t.tag,
        items: t.chapters.flatMap((chapter, i): BackItem[] => [...(i ? [{ text: ', ' }] : []), { text: plan.cables[chapter]!.id, chapter }]),
      })),
    });
  }
  return out;
}
