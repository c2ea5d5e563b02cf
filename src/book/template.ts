/**
 * Book templates: a template folder (see templates/README.md) that also has `cover.hbs` (the
 * cover page), `chapter.hbs` (a chapter's title and table-of-contents entry) and
 * `contents.hbs` (the title of the table of contents). The cable look of the chapters comes
 * from the same folder's `template.json`, which usually `extends` a cable template.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { CableError } from '../errors.js';
import { loadTemplate, TEMPLATES_DIR, type Template } from '../writers/paged/templates.js';

export const BOOK_TEMPLATES = ['briefing'] as const;
export const DEFAULT_BOOK_TEMPLATE = 'briefing';

/** What the cover template sees. */
export interface CoverContext {
  title: string;
  /** The line under the title (`--subtitle`), or ''. */
  subtitle: string;
  count: number;
  /** `2005-03-01 – 2008-05-12`, or one date, or '' when no cable has a date. */
  range: string;
  oldest: string;
  newest: string;
  /** The highest classification in the book, as a banner (`SECRET//NOFORN`). */
  highest: string;
  level: string;
  /** How the cables were selected (the filters used), one a line; empty when not told. */
  selection: string[];
  /** The chapter order (`input`, `date`, `id`) and grouping (`origin`, `tag`, `month`, or ''). */
  order: string;
  groupBy: string;
  /** The parts, when grouped: the group's name and its number of chapters. */
  parts: { title: string; count: number }[];
  cables: { id: string; subject: string; date: string; classification: string }[];
}

export interface PartContext {
  /** The group: an origin, a tag, a month (`March 2008`). */
  title: string;
  number: number;
  count: number;
  groupBy: string;
}

export interface ChapterContext {
  id: string;
  subject: string;
  date: string;
  classification: string;
  number: number;
}

/** One line of the cover: `# ` lines are the cover title, `## ` a subtitle, others plain text. */
export interface CoverLine {
  kind: 'title' | 'subtitle' | 'text' | 'space';
  text: string;
}

export interface BookTemplate {
  dir: string;
  /** The cable look and texts for the chapters. */
  cable: Template;
  cover(ctx: CoverContext): CoverLine[];
  chapter(ctx: ChapterContext): string;
  contents(ctx: { title: string; count: number }): string;
  /** A part's title (`Part 1 — OTTAWA`). */
  part(ctx: PartContext): string;
  /** The title of a back-matter section: the "Cited, not included" appendix or the index of tags. */
  backTitle(kind: 'cited' | 'tags'): string;
}

const handlebars = Handlebars.create();
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
handlebars.registerHelper('upper', (s: unknown) => (typeof s === 'string' ? s.toUpperCase() : ''));

const FILES = {
  cover: 'cover.hbs',
  chapter: 'chapter.hbs',
  contents: 'contents.hbs',
  part: 'part.hbs',
  cited: 'cited.hbs',
  tags: 'tag-index.hbs',
} as const;

function bookTemplateDir(nameOrDir: string): string {
  const looksLikePath = /[\\/]/.test(nameOrDir) || nameOrDir.startsWith('.');
  if (!looksLikePath && (BOOK_TEMPLATES as readonly string[]).includes(nameOrDir)) return join(TEMPLATES_DIR, nameOrDir);
  const dir = resolve(nameOrDir);
  if (existsSync(dir) && statSync(dir).isDirectory() && existsSync(join(dir, FILES.cover))) return dir;
  throw new CableError(`unknown book template (use ${BOOK_TEMPLATES.join(', ')} or a folder with cover.hbs)`, nameOrDir);
}

type Render = (ctx: object) => string;

function compile(dir: string, file: string): Render {
  const own = join(dir, file);
  const path = existsSync(own) ? own : join(TEMPLATES_DIR, DEFAULT_BOOK_TEMPLATE, file);
  const source = readFileSync(path, 'utf8');
  let fn: HandlebarsTemplateDelegate;
  try {
    handlebars.parse(source);
    fn = handlebars.compile(source, { noEscape: true });
  } catch (err) {
    throw new CableError(`template error: ${String((err as Error).message).split('\n')[0]}`, path);
  }
  return (ctx) => {
    try {
      return fn(ctx);
    } catch (err) {
      throw new CableError(`template error: ${String((err as Error).message).split('\n')[0]}`, path);
    }
  };
}

const cache = new Map<string, BookTemplate>();

export function loadBookTemplate(nameOrDir: string = DEFAULT_BOOK_TEMPLATE): BookTemplate {
  const dir = bookTemplateDir(nameOrDir);
  const cached = cache.get(dir);
  if (cached) return cached;
  const cover = compile(dir, FILES.cover);
  const chapter = compile(dir, FILES.chapter);
  const contents = compile(dir, FILES.contents);
  const part = compile(dir, FILES.part);
  const back = { cited: compile(dir, FILES.cited)({}).trim(), tags: compile(dir, FILES.tags)({}).trim() };
  const oneLine = (text: string) => text.trim().replace(/\s*\n\s*/g, ' ');
  const template: BookTemplate = {
    dir,
    cable: loadTemplate(dir),
    cover: (ctx) => parseCover(cover(ctx)),
    chapter: (ctx) => oneLine(chapter(ctx)),
    contents: (ctx) => contents(ctx).trim(),
    part: (ctx) => oneLine(part(ctx)),
    backTitle: (kind) => back[kind],
  };
  cache.set(dir, template);
  return template;
}

function parseCover(text: string): CoverLine[] {
  const lines: CoverLine[] = [];
  for (const raw of text.replace(/\s+$/, '').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('## ')) lines.push({ kind: 'subtitle', text: line.slice(3).trim() });
    else if (line.startsWith('# ')) lines.push({ kind: 'title', text: line.slice(2).trim() });
    else if (line) lines.push({ kind: 'text', text: line });
    else if (lines.length && lines.at(-1)!.kind !== 'space') lines.push({ kind: 'space', text: '' });
  }
  return lines;
}
