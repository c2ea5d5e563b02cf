/** `--redact email,phone,url,…` → categories; `contacts` = email+phone+fax+url+address, `sources` = protected sources, `all` = every one. */
import { CableError } from '../errors.js';
import { CONTACT_CATEGORIES, REDACTION_CATEGORIES, type RedactionCategory } from './types.js';

const ALIASES: Record<string, RedactionCategory[]> = {
  contacts: CONTACT_CATEGORIES,
  contact: CONTACT_CATEGORIES,
  all: REDACTION_CATEGORIES.filter((c) => c !== 'term' && c !== 'pattern'),
  emails: ['email'],
  urls: ['url'],
  phones: ['phone', 'fax'],
  phone: ['phone', 'fax'],
  faxes: ['fax'],
  addresses: ['address'],
  terms: ['term'],
  patterns: ['pattern'],
  names: ['name'],
  sources: ['source'],
};

export function parseRedactCategories(values: string | string[] | undefined): RedactionCategory[] {
  const list = (Array.isArray(values) ? values : values === undefined ? [] : [values])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0);
  const out: RedactionCategory[] = [];
  for (const v of list) {
    const cats = ALIASES[v] ?? ((REDACTION_CATEGORIES as string[]).includes(v) ? [v as RedactionCategory] : null);
    if (!cats) throw new CableError(`unknown --redact category ${JSON.stringify(v)} (use contacts, email, phone, fax, url, address, names, sources, terms, pattern, all)`);
    for (const c of cats) if (!out.includes(c)) out.push(c);
  }
  return out;
}
