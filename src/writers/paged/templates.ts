/**
 * Templates: a folder of Handlebars texts plus `template.json` that choose what a paged writer
 * shows (banner, header, footer, labels, placeholders) and its look (font, sizes, margins);
 * code draws. `loadTemplate(nameOrDir)` compiles a folder once and caches it.
 * Built-in templates live in `templates/<name>/` (see templates/README.md).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { CableError } from '../../errors.js';
import type { LayoutTexts, MetadataField } from './layout.js';
import { DEFAULT_METADATA_FIELDS } from './layout.js';
import { FONT_FAMILIES, type FontFamilyName } from './fonts.js';

/**
 * An error about a file other than the cable being converted (a template, a logo). The path goes
 * into the message itself, so it survives callers that print `input: message`.
 */
export function fileError(file: string, message: string): CableError {
  return new CableError(`${file}: ${message}`);
}


/** `templates/` at the package root: three levels up from both src/writers/paged and dist/writers/paged. */
export const TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates');
export const BUILTIN_TEMPLATES = ['cable', 'teletype', 'handout'] as const;
export const DEFAULT_TEMPLATE = 'cable';

export interface TemplateLook {
  description: string;
  font: FontFamilyName;
  page: { size: string; margin: number };
  sizes: { body: number; heading: number; title: number; metadata: number; banner: number; header: number; footer: number };
  lineGap: number;
  paragraphGap: number;
  bulletIndent: number;
  /** The mark drawn before a bullet item: `–`, or `--` as telegrams wrote it. */
  bullet: string;
  uppercase: boolean;
  title: boolean;
  metadata: { style: 'table' | 'inline'; fields: MetadataField[]; labels: Partial<Record<MetadataField, string>> };
}

/** The page sizes a template may name (`page.size`, any case), in points: one table for every paged writer. */
export const PAGE_SIZES: Readonly<Record<string, { width: number; height: number }>> = {
  LETTER: { width: 612, height: 792 },
  LEGAL: { width: 612, height: 1008 },
  A4: { width: 595.28, height: 841.89 },
};

function pageSizeProblem(size: unknown): string {
  const names = Object.keys(PAGE_SIZES);
  return `template error: page size ${String(size)} (use ${names.slice(0, -1).join(', ')} or ${names.at(-1)})`;
}

/**
 * A look's page size in points. A template's size is checked when it is loaded (an unknown one is
 * an error naming its template.json), so only a look made by hand can fail here, with the same
 * message.
 */
export function pageSize(look: TemplateLook): { width: number; height: number } {
  const size = PAGE_SIZES[String(look.page?.size).toUpperCase()];
  if (!size) throw new CableError(pageSizeProblem(look.page?.size));
  return size;
}

/** Context of the per-page texts (header, footer). */
export interface PageContext {
  id: string;
  subject: string;
  banner: string;
  page: number | string;
  pages: number | string;
}

export interface Template {
  name: string;
  /** The folder the template was loaded from. */
  dir: string;
  look: TemplateLook;
  /** Texts for `layoutCable`. */
  texts: LayoutTexts;
  header(ctx: PageContext): string;
  footer(ctx: PageContext): string;
}

const TEXT_FILES = ['banner', 'header', 'footer', 'withheld', 'redaction', 'notice'] as const;
type TextFile = (typeof TEXT_FILES)[number];

const handlebars = Handlebars.create();
handlebars.registerHelper('upper', (s: unknown) => (typeof s === 'string' ? s.toUpperCase() : ''));
handlebars.registerHelper('spaced', (s: unknown) =>
  typeof s === 'string' ? s.split(' ').map((w) => w.split('').join(' ')).join('   ') : '',
);
handlebars.registerHelper('join', (list: unknown, sep: unknown) =>
  Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
);
handlebars.registerHelper('pad', (n: unknown, width: unknown) =>
  String(n ?? '').padStart(typeof width === 'number' ? width : 2, '0'),
);
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);

const cache = new Map<string, Template>();

function lineOf(err: unknown): number | null {
  const e = err as { lineNumber?: number; message?: string };
  if (typeof e.lineNumber === 'number') return e.lineNumber;
  const m = /line (\d+)/.exec(e.message ?? '');
  return m ? Number(m[1]) : null;
}

function templateError(file: string, err: unknown): CableError {
  const line = lineOf(err);
  const first = String((err as Error).message ?? err).split('\n')[0]!.replace(/^Parse error on line \d+:?\s*/, '');
  const detail = first || String((err as Error).message).split('\n').slice(-1)[0];
  return fileError(file, `template error${line !== null ? ` at line ${line}` : ''}: ${detail}`);
}

type Render = (ctx: object) => string;

function compileFile(file: string): Render {
  const source = readFileSync(file, 'utf8');
  try {
    handlebars.parse(source); // syntax errors now, with their line, not at first use
  } catch (err) {
    throw templateError(file, err);
  }
  const fn = handlebars.compile(source, { noEscape: true });
  return (ctx) => {
    try {
      return fn(ctx).replace(/\s+$/, '').replace(/^\s+/, '');
    } catch (err) {
      throw templateError(file, err);
    }
  };
}

function readJson(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw fileError(file, `template error: ${(err as Error).message}`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(base[k]) ? merge(base[k], v) : v;
  }
  return out;
}

function validateLook(raw: Record<string, unknown>, file: string): TemplateLook {
  const look = raw as unknown as TemplateLook;
  if (!(look.font in FONT_FAMILIES)) {
    throw fileError(file, `template error: font "${String(look.font)}" is not one of ${Object.keys(FONT_FAMILIES).join(', ')}`);
  }
  if (!PAGE_SIZES[String(look.page?.size).toUpperCase()]) throw fileError(file, pageSizeProblem(look.page?.size));
  for (const field of look.metadata?.fields ?? []) {
    if (!DEFAULT_METADATA_FIELDS.includes(field)) {
      throw fileError(file, `template error: unknown metadata field "${field}"`);
    }
  }
  for (const [k, v] of Object.entries(look.sizes ?? {})) {
    if (typeof v !== 'number' || !(v > 3 && v < 72)) throw fileError(file, `template error: size ${k} must be a number of points`);
  }
  return look;
}

/** A template folder for `nameOrDir`: a built-in name, or a path to a user's folder. */
export function resolveTemplateDir(nameOrDir: string = DEFAULT_TEMPLATE): string {
  const looksLikePath = /[\\/]/.test(nameOrDir) || nameOrDir.startsWith('.');
  if (!looksLikePath && (BUILTIN_TEMPLATES as readonly string[]).includes(nameOrDir)) return join(TEMPLATES_DIR, nameOrDir);
  const dir = resolve(nameOrDir);
  if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  throw fileError(nameOrDir, `unknown template (use one of ${BUILTIN_TEMPLATES.join(', ')} or a folder with template.json and .hbs files)`);
}

/** Loads (once) and returns the template named or found at `nameOrDir`. */
export function loadTemplate(nameOrDir: string = DEFAULT_TEMPLATE): Template {
  const dir = resolveTemplateDir(nameOrDir);
  const cached = cache.get(dir);
  if (cached) return cached;
  const template = compileTemplate(dir, new Set());
  cache.set(dir, template);
  return template;
}

function compileTemplate(dir: string, seen: Set<string>): Template {
  seen.add(dir);
  const jsonFile = join(dir, 'template.json');
  const own = existsSync(jsonFile) ? readJson(jsonFile) : {};
  const isDefault = dir === join(TEMPLATES_DIR, DEFAULT_TEMPLATE);
  let base: Template | null = null;
  if (!isDefault) {
    const ext = typeof own.extends === 'string' ? own.extends : DEFAULT_TEMPLATE;
    const baseDir = resolveTemplateDir(ext);
    if (seen.has(baseDir)) throw fileError(jsonFile, `template error: "extends" makes a cycle`);
    base = compileTemplate(baseDir, seen);
  }
  const rawLook = base ? merge(base.look as unknown as Record<string, unknown>, own) : own;
  // A user's metadata field list replaces the base one rather than merging index by index.
  const look = validateLook(rawLook, jsonFile);

  const renders = {} as Record<TextFile, Render>;
  for (const name of TEXT_FILES) {
    const file = join(dir, `${name}.hbs`);
    if (existsSync(file)) renders[name] = compileFile(file);
    else if (base) renders[name] = baseRender(base, name);
    else throw fileError(dir, `template error: missing ${name}.hbs`);
  }

  const upper = (s: string) => (look.uppercase ? s.toUpperCase() : s);
  const texts: LayoutTexts = {
    metadataFields: look.metadata.fields,
    labels: look.metadata.labels,
    banner: (ctx) => renders.banner(ctx),
    header: (ctx) => renders.header({ ...ctx, page: '', pages: '' }),
    withheld: (ctx) => upper(renders.withheld(ctx)),
    redactionLabel: (ctx) => renders.redaction(ctx),
    notice: (ctx) => renders.notice(ctx),
  };
  const template: Template = {
    name: dir.startsWith(TEMPLATES_DIR) ? dir.slice(TEMPLATES_DIR.length + 1) : dir,
    dir,
    look,
    texts,
    header: (ctx) => renders.header(ctx),
    footer: (ctx) => renders.footer(ctx),
  };
  (template as unknown as { [RENDERS]: typeof renders })[RENDERS] = renders;
  return template;
}

const RENDERS = Symbol('renders');

function baseRender(base: Template, name: TextFile): Render {
  return (base as unknown as { [RENDERS]: Record<TextFile, Render> })[RENDERS][name];
}
