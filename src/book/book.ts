/**
 * Briefing books: many cables as one document — a cover page, a table of contents with page
 * numbers, then one chapter per cable on a new page under its own classification banner.
 * `planBook` decides the order, drops duplicates and works out the cover; the DOCX and PDF
 * assemblers only draw the plan.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LEVELS, type Cable, type Level } from '../model/cable.js';
import type { BookOptions, BookPart, BookPlan, BookResult } from './types.js';
import { displayDate, creationDate } from '../writers/paged/layout.js';
import { bannerText } from '../model/banner.js';
import { loadBookTemplate, type CoverContext } from './template.js';
import { compareBytes, groupCables, sortCables } from './order.js';
import { chapterIndex, chapterLinks, chapterSerials, citedNotIncluded, tagIndex } from './xref.js';
import { showRuns } from '../model/source-redactions.js';

export type { BookFormat, BookOptions, BookEntry, BookResult, BookPart, BookPlan } from './types.js';
export type { BookOrder, BookSort, BookGroupBy } from './order.js';
export { sortCables, groupCables, compareCableIds, BOOK_ORDERS, BOOK_GROUPS } from './order.js';

const rank = (level: Level) => LEVELS.indexOf(level);

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
  const order = options.order ?? options.sort ?? 'input';
  const groupBy = options.groupBy ?? 'none';
  const grouped = groupCables(sortCables(unique, order), groupBy);
  const cables = grouped.cables;
  const title = options.title?.trim() || 'Briefing book';
  const subtitle = options.subtitle?.trim() ?? '';
  const bannerOf = (set: Cable[]) => {
    const highest = highestClassification(set);
    const defaultBanner = bannerText(highest);
    const banner = template.cable.texts.banner
      ? template.cable.texts.banner({ level: highest.level, caveats: highest.caveats, default: defaultBanner })
      : defaultBanner;
    return { banner, level: highest.level };
  };
  const { banner, level } = bannerOf(cables);
  const dates = cables.map((c) => c.date).filter((d): d is string => !!d).sort(compareBytes);
  const oldest = dates.length ? dayOf(dates[0]!) : '';
  const newest = dates.length ? dayOf(dates.at(-1)!) : '';
  const range = oldest && newest && oldest !== newest ? `${oldest} – ${newest}` : oldest;
  const parts: BookPart[] = grouped.groups.map((g, i) => ({
    title: template.part({ title: g.title, number: i + 1, count: g.count, groupBy }),
    name: g.title,
    first: g.first,
    count: g.count,
    banner: bannerOf(cables.slice(g.first, g.first + g.count)).banner,
  }));
  const chapterOf = chapterIndex(cables);
  const serials = chapterSerials(chapterOf);
  const cited = citedNotIncluded(cables, chapterOf);
  const tags = options.index === 'tags' ? tagIndex(cables) : null;
  const selection = (options.selection ?? []).map((s) => s.trim()).filter(Boolean);
  const cover: CoverContext = {
    title,
    subtitle,
    count: cables.length,
    range,
    oldest,
    newest,
    highest: banner,
    level,
    selection,
    order,
    groupBy: groupBy === 'none' ? '' : groupBy,
    parts: parts.map((p) => ({ title: p.name, count: p.count })),
    cables: cables.map((c) => ({
      id: c.id,
      subject: showRuns(c.subject ?? ''),
      date: dayOf(c.date),
      classification: bannerText(c.classification),
    })),
  };
  const chapters = cables.map((c, i) =>
    template.chapter({
      id: c.id,
      subject: showRuns(c.subject ?? ''),
      date: dayOf(c.date),
      classification: c.classification.level,
      number: i + 1,
    }),
  );
  const date = dates.length ? creationDate(dates.at(-1)!) : new Date(0);
  const backTitles = { cited: template.backTitle('cited'), tags: template.backTitle('tags') };
  return {
    template,
    title,
    subtitle,
    cables,
    cover,
    banner,
    date,
    chapters,
    parts,
    chapterOf,
    cited,
    tags,
    backTitles,
    links: (chapter) => chapterLinks(cables[chapter]!, chapterOf, serials),
    warnings,
  };
}

/** Builds a briefing book from cables (already read and transformed), in memory. */
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

export interface WrittenBook extends Omit<BookResult, 'data'> {
  /** The book's size and sha256. */
  bytes: number;
  sha256: string;
}

/**
 * Builds a book into file `out`, atomically (a temp file beside it, renamed when complete). A PDF
 * book is written as it is laid out, so memory stays flat however many cables it holds. `verify`
 * may read the finished temp file and throw to keep it from being written (a redaction leak).
 */
export async function writeBook(
  cables: Cable[],
  options: BookOptions & { out: string; verify?: (tempFile: string) => Promise<void> },
): Promise<WrittenBook> {
  if (!cables.length) throw new Error('a book needs at least one cable');
  const plan = planBook(cables, options);
  options.warnings?.push(...plan.warnings);
  const redactionStyle = options.redactionStyle ?? 'box';
  await mkdir(dirname(options.out), { recursive: true });
  const temp = join(dirname(options.out), `.${basename(options.out)}.${process.pid}.${Date.now()}.tmp`);
  const hash = createHash('sha256');
  let fd: number | null = openSync(temp, 'w');
  try {
    let result: Omit<BookResult, 'data'>;
    let bytes = 0;
    const write = (block: Uint8Array) => {
      hash.update(block);
      bytes += block.length;
      for (let at = 0; at < block.length; ) at += writeSync(fd!, block, at);
    };
    if (options.format === 'docx') {
      const { buildDocxBook } = await import('./docx.js');
      const { data, ...rest } = await buildDocxBook(plan, { redactionStyle });
      write(data);
      result = rest;
    } else {
      const { buildPdfBook } = await import('./pdf.js');
      const { data, ...rest } = await buildPdfBook(plan, { redactionStyle, sink: write });
      void data;
      result = rest;
    }
    closeSync(fd);
    fd = null;
    await options.verify?.(temp);
    await rename(temp, options.out);
    return { ...result, bytes, sha256: hash.digest('hex') };
  } catch (err) {
    if (fd !== null) closeSync(fd);
    await rm(temp, { force: true });
    throw err;
  }
}

export { loadBookTemplate, BOOK_TEMPLATES, DEFAULT_BOOK_TEMPLATE } from './template.js';
export type { BookTemplate, CoverContext, CoverLine } from './template.js';
