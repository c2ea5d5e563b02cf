/**
 * Briefing books: many cables as one document — a cover page, a table of contents with page
 * numbers, then one chapter per cable on a new page under its own classification banner.
 * `planBook` decides the order, drops duplicates and works out the cover; the DOCX and PDF
 * assemblers only draw the plan.
 */
import { LEVELS, type Cable, type Level } from '../model/cable.js';
import { bannerText, displayDate, creationDate } from '../render/layout.js';
import { loadBookTemplate, type BookTemplate, type CoverContext } from './template.js';

export type BookFormat = 'docx' | 'pdf';
export type BookSort = 'date' | 'id' | 'input';

export interface BookOptions {
  format: BookFormat;
  /** Cover title. Default `Briefing book`. */
  title?: string;
  /** Chapter order: by date (then id, undated last; the default), by id, or as given. */
  sort?: BookSort;
  /** Book template name (`briefing`) or folder. */
  template?: string;
  redactionStyle?: 'box' | 'label';
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

export interface BookPlan {
  template: BookTemplate;
  title: string;
  cables: Cable[];
  cover: CoverContext;
  /** The cover's banner: the highest level in the book with every dissemination control in it. */
  banner: string;
  /** created/modified of the book: its newest cable's date. */
  date: Date;
  /** Chapter titles, one per cable. */
  chapters: string[];
  warnings: string[];
}

const rank = (level: Level) => LEVELS.indexOf(level);

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dates compare as written (ISO), undated cables last, ties by id. */
function byDate(a: Cable, b: Cable): number {
  if (a.date && b.date && a.date !== b.date) return compareBytes(a.date, b.date);
  if (!a.date !== !b.date) return a.date ? -1 : 1;
  return compareBytes(a.id, b.id);
}

export function sortCables(cables: Cable[], sort: BookSort = 'date'): Cable[] {
  if (sort === 'input') return [...cables];
  return [...cables].sort(sort === 'id' ? (a, b) => compareBytes(a.id, b.id) : byDate);
}

/** The first cable of each id, in input order, and a warning per duplicate. */
export function dropDuplicates(cables: Cable[]): { cables: Cable[]; warnings: string[] } {
  const seen = new Set<string>();
  const kept: Cable[] = [];
  const warnings: string[] = [];
  for (const cable of cables) {
    if (seen.has(cable.id)) {
      warnings.push(`${cable.id}: duplicate cable, included once`);
      continue;
    }
    seen.add(cable.id);
    kept.push(cable);
  }
  return { cables: kept, warnings };
}

/** The highest level in a book, and every dissemination control of the cables at any level. */
export function highestClassification(cables: Cable[]): { level: Level; caveats: string[] } {
  let level: Level = 'UNCLASSIFIED';
  const caveats: string[] = [];
  for (const c of cables) {
    if (rank(c.classification.level) > rank(level)) level = c.classification.level;
    for (const cav of c.classification.caveats) if (!caveats.includes(cav)) caveats.push(cav);
  }
  return { level, caveats };
}

const dayOf = (date: string | null) => displayDate(date).slice(0, 10);

export function planBook(input: Cable[], options: Omit<BookOptions, 'format'> = {}): BookPlan {
  const template = loadBookTemplate(options.template);
  const { cables: unique, warnings } = dropDuplicates(input);
  const cables = sortCables(unique, options.sort ?? 'date');
  const title = options.title?.trim() || 'Briefing book';
  const highest = highestClassification(cables);
  const defaultBanner = bannerText(highest.level, highest.caveats);
  const banner = template.cable.texts.banner
    ? template.cable.texts.banner({ level: highest.level, caveats: highest.caveats, default: defaultBanner })
    : defaultBanner;
  const dates = cables.map((c) => c.date).filter((d): d is string => !!d).sort(compareBytes);
  const oldest = dates.length ? dayOf(dates[0]!) : '';
  const newest = dates.length ? dayOf(dates.at(-1)!) : '';
  const range = oldest && newest && oldest !== newest ? `${oldest} – ${newest}` : oldest;
  const cover: CoverContext = {
    title,
    count: cables.length,
    range,
    oldest,
    newest,
    highest: banner,
    level: highest.level,
    cables: cables.map((c) => ({
      id: c.id,
      subject: c.subject ?? '',
      date: dayOf(c.date),
      classification: bannerText(c.classification.level, c.classification.caveats),
    })),
  };
  const chapters = cables.map((c, i) =>
    template.chapter({
      id: c.id,
      subject: c.subject ?? '',
      date: dayOf(c.date),
      classification: c.classification.level,
      number: i + 1,
    }),
  );
  const date = dates.length ? creationDate(dates.at(-1)!) : new Date(0);
  return { template, title, cables, cover, banner, date, chapters, warnings };
}

/** Builds a briefing book from cables (already read and transformed). */
export async function buildBook(cables: Cable[], options: BookOptions): Promise<BookResult> {
  if (!cables.length) throw new Error('a book needs at least one cable');
  const plan = planBook(cables, options);
  options.warnings?.push(...plan.warnings);
  if (options.format === 'docx') {
    const { buildDocxBook } = await import('./docx.js');
    return buildDocxBook(plan, { redactionStyle: options.redactionStyle ?? 'box' });
  }
  const { buildPdfBook } = await import('./pdf.js');
  return buildPdfBook(plan, { redactionStyle: options.redactionStyle ?? 'box' });
}

export { loadBookTemplate, BOOK_TEMPLATES, DEFAULT_BOOK_TEMPLATE } from './template.js';
export type { BookTemplate, CoverContext, CoverLine } from './template.js';
