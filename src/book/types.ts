/**
 * The types of a briefing book shared by its parts: the options, the plan the writers lay out,
 * the result. They stand below index.ts and the DOCX, PDF and back-matter writers, which all import
 * them from here (no module imports back up into index.ts).
 */
import type { Cable } from '../model/cable.js';
import type { RedactionStyle } from '../model/redaction.js';
import type { LinkSpan } from '../writers/paged/layout.js';
import type { BookTemplate, CoverContext } from './template.js';
import type { BookGroupBy, BookOrder } from './order.js';
import type { CitedCable, TagEntry } from './xref.js';

export type BookFormat = 'docx' | 'pdf';
export interface BookOptions {
  format: BookFormat;
  /** Cover title. Default `Briefing book`. */
  title?: string;
  /** A line under the title on the cover. */
  subtitle?: string;
  /** Chapter order: as given (the default), by date (then id, undated last), or by id. */
  order?: BookOrder;
  /** @deprecated The old name of `order`; used when `order` is not given. */
  sort?: BookOrder;
  /** Parts: one per origin, first tag or month, each with a title page and a contents entry. */
  groupBy?: BookGroupBy;
  /** Back matter: `tags` adds an index of tags (each tag with the chapters that carry it). */
  index?: 'tags' | null;
  /** How the cables were selected (filters, one a line), listed on the cover. */
  selection?: string[];
  /** Book template name (`briefing`) or folder. */
  template?: string;
  redactionStyle?: RedactionStyle;
  /** Warnings (duplicates, …) are pushed here as well as returned. */
  warnings?: string[];
}

export interface BookEntry {
  id: string;
  /** Chapter title, also the table-of-contents entry. */
  title: string;
  /** Estimated (DOCX) or actual (PDF) page the chapter starts on. */
  page: number;
}

export interface BookResult {
  data: Buffer;
  /** Pages in the book (DOCX: estimated). */
  pages: number;
  entries: BookEntry[];
  warnings: string[];
}

/** A group of chapters under a part title (`--group-by`). */
export interface BookPart {
  /** The part's title (`Part 1 — OTTAWA`), from the template's part.hbs. */
  title: string;
  /** The group it stands for (`OTTAWA`, `PARM`, `March 2008`). */
  name: string;
  /** First chapter (0-based) and number of chapters. */
  first: number;
  count: number;
  /** The highest classification of its chapters, as a banner. */
  banner: string;
}

export interface BookPlan {
  template: BookTemplate;
  title: string;
  subtitle: string;
  cables: Cable[];
  cover: CoverContext;
  /** The cover's banner: the highest level in the book with every dissemination control in it. */
  banner: string;
  /** created/modified of the book: its newest cable's date. */
  date: Date;
  /** Chapter titles, one per cable. */
  chapters: string[];
  /** Parts, in order (empty unless grouped). */
  parts: BookPart[];
  /** Each cable id's chapter (0-based). */
  chapterOf: Map<string, number>;
  /** Cables the chapters cite that are not in the book (the "Cited, not included" appendix). */
  cited: CitedCable[];
  /** The index of tags, when asked for. */
  tags: TagEntry[] | null;
  /** Titles of the back matter (appendix, index), from the template. */
  backTitles: { cited: string; tags: string };
  /** Chapter `i`'s mentions of other chapters, for `layoutCable(…, { links })`. */
  links(chapter: number): (text: string, where: 'body' | 'references') => LinkSpan[];
  warnings: string[];
}
