/**
 * The search syntax of `--query` (and the workbench's search box), read by a small parser of our
 * own and written out as an FTS5 expression in which every word the user typed is a quoted
 * string: no quote, operator or column name a user types can reach SQLite as syntax.
 *
 *   cluster munitions          both words, anywhere in the cable (id, subject, tags, origin, body)
 *   "oslo process"             the phrase
 *   nato OR alliance           either
 *   -canada   NOT canada       leave out the cables with the word
 *   munition*                  a word starting with munition
 *   subject:oslo  subject:"oslo process"  tag:PARM  tag:"human rights"  origin:ottawa  id:08OTTAWA*  body:foo
 *   (nato OR alliance) -canada  grouping
 *
 * Words are matched whole and without case or accents (`Café` finds `cafe`), as SQLite's
 * `unicode61` tokenizer splits them: letters and digits, everything else separates words.
 */
import { CableError } from '../errors.js';
import { tagKey } from './row.js';

/** Field names a term may start with, and the FTS column each searches. */
export const QUERY_FIELDS: Record<string, string> = {
  subject: 'subject',
  subj: 'subject',
  tag: 'tagkeys',
  tags: 'tagkeys',
  origin: 'origin',
  id: 'id',
  body: 'body',
  text: 'body',
};

export type QueryNode =
  | { kind: 'term'; field: string | null; text: string; phrase: boolean; prefix: boolean }
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode };

type Token =
  | { t: 'open' }
  | { t: 'close' }
  | { t: 'or' }
  | { t: 'and' }
  | { t: 'not' }
  | { t: 'term'; field: string | null; text: string; phrase: boolean; prefix: boolean };

/** At most this many words: a longer query is refused rather than left to run long. */
const MAX_TERMS = 64;

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = q.length;
  const space = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
  while (i < n) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'open' });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'close' });
      i++;
      continue;
    }
    // `-word`, `-"phrase"`, `-field:…`, `-(…)`: leave out. A lone `-` is nothing.
    if (c === '-' && !space(q[i + 1]) && (i === 0 || space(q[i - 1]) || q[i - 1] === '(')) {
      out.push({ t: 'not' });
      i++;
      continue;
    }
    let field: string | null = null;
    const f = /^([A-Za-z]+):(?=\S)/.exec(q.slice(i, i + 12));
    if (f && QUERY_FIELDS[f[1]!.toLowerCase()]) {
      field = f[1]!.toLowerCase();
      i += f[0].length;
    }
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      const text = q.slice(i + 1, end);
      i = close === -1 ? n : close + 1;
      const prefix = q[i] === '*';
      if (prefix) i++;
      out.push({ t: 'term', field, text, phrase: true, prefix });
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(q[j]!) && q[j] !== '(' && q[j] !== ')' && !(q[j] === '"' && j > i)) j++;
    let word = q.slice(i, j);
    i = j;
    if (!field && (word === 'OR' || word === 'AND' || word === 'NOT')) {
      out.push({ t: word === 'OR' ? 'or' : word === 'AND' ? 'and' : 'not' });
      continue;
    }
    const prefix = word.endsWith('*');
    word = word.replace(/\*+$/, '');
    out.push({ t: 'term', field, text: word, phrase: false, prefix });
  }
  return out;
}

/** Reads a query into a tree. Never throws on what a user types; an empty tree means no words. */
export function parseQuery(q: string): QueryNode | null {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];

  const orExpr = (): QueryNode | null => {
    const items: QueryNode[] = [];
    for (;;) {
      const a = andExpr();
      if (a) items.push(a);
      if (peek()?.t === 'or') {
        pos++;
        continue;
      }
      break;
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const andExpr = (): QueryNode | null => {
    const items: QueryNode[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.t === 'or' || t.t === 'close') break;
      if (t.t === 'and') {
        pos++;
        continue;
      }
      const u = unary();
      if (u) items.push(u);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const unary = (): QueryNode | null => {
    const t = peek();
    if (t?.t === 'not') {
      pos++;
      const nxt = peek();
      if (!nxt || nxt.t === 'or' || nxt.t === 'close' || nxt.t === 'and') return null;
      const item = unary();
      return item ? (item.kind === 'not' ? item.item : { kind: 'not', item }) : null;
    }
    return primary();
  };
  const primary = (): QueryNode | null => {
    const t = tokens[pos++];
    if (!t) return null;
    if (t.t === 'open') {
      const inner = orExpr();
      if (peek()?.t === 'close') pos++;
      return inner;
    }
    if (t.t === 'term') return { kind: 'term', field: t.field, text: t.text, phrase: t.phrase, prefix: t.prefix };
    return null; // a stray `)`: skipped
  };

  const items: QueryNode[] = [];
  while (pos < tokens.length) {
    const e = orExpr();
    if (e) items.push(e);
    if (peek()?.t === 'close') pos++; // unbalanced `)`: ignored
  }
  return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'and', items };
}

/** A query as SQLite will run it: FTS5 expressions to match, or (only `-words`) to leave out. */
export interface CompiledQuery {
  /** Rows must match this FTS5 expression (ranked by it). */
  match: string | null;
  /** With no `match`: rows must not match this one. */
  exclude: string | null;
}

/** A string FTS5 reads as one quoted phrase: `"` doubled inside. */
const quoted = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Does the text hold anything the tokenizer keeps (a letter or digit)? */
const hasWord = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

function describe(node: QueryNode): string {
  if (node.kind === 'term') return `${node.field ? `${node.field}:` : ''}${node.phrase ? `"${node.text}"` : node.text}${node.prefix ? '*' : ''}`;
  if (node.kind === 'not') return `-${describe(node.item)}`;
  return node.items.map(describe).join(node.kind === 'or' ? ' OR ' : ' ');
}

/**
 * Writes a query as FTS5. Throws a one-line `CableError` for a query with no words, or with a
 * `-word` that has nothing to be left out of inside an OR or a group (`a OR -b`).
 */
export function compileQuery(q: string): CompiledQuery {
  const tree = parseQuery(q);
  let terms = 0;
  const fts = (node: QueryNode): string | null => {
    switch (node.kind) {
      case 'term': {
        const column = node.field ? QUERY_FIELDS[node.field]! : null;
        // Control characters (a NUL ends an FTS5 string early) separate words like any other.
        const text = column === 'tagkeys' ? tagKey(node.text) : node.text.replace(/[\u0000-\u001f\u007f]/g, ' ');
        if (!hasWord(text)) return null;
        if (++terms > MAX_TERMS) throw new CableError(`the query has more than ${MAX_TERMS} words: make it shorter`);
        const phrase = `${quoted(text)}${node.prefix ? ' *' : ''}`;
        return column ? `{${column}} : ${phrase}` : phrase;
      }
      case 'or': {
        const parts = node.items.map((item) => {
          if (item.kind === 'not') throw new CableError(`cannot search for ${describe(item)} on its own inside an OR: say what to leave it out of, e.g. (nato ${describe(item)}) OR alliance`);
          return fts(item);
        });
        const kept = parts.filter((p): p is string => p !== null);
        return kept.length === 0 ? null : kept.length === 1 ? kept[0]! : kept.map((p) => `(${p})`).join(' OR ');
      }
      case 'and': {
        const pos = node.items.filter((i) => i.kind !== 'not').map(fts).filter((p): p is string => p !== null);
        const neg = node.items.flatMap((i) => (i.kind === 'not' ? [fts(i.item)] : [])).filter((p): p is string => p !== null);
        if (pos.length === 0 && neg.length > 0) {
          throw new CableError(`cannot search for ${describe(node)} on its own inside a group: say what to leave it out of`);
        }
        if (pos.length === 0) return null;
        const all = pos.length === 1 ? pos[0]! : pos.map((p) => `(${p})`).join(' AND ');
        if (neg.length === 0) return all;
        return `(${all}) NOT (${neg.map((p) => `(${p})`).join(' OR ')})`;
      }
      case 'not':
        throw new CableError(`cannot search for ${describe(node)} on its own inside a group: say what to leave it out of`);
    }
  };
  if (!tree) throw new CableError(`the query ${JSON.stringify(q)} has no words to look for`);
  // Only words to leave out: every cable but those (no ranking).
  const top = tree.kind === 'and' ? tree.items : [tree];
  if (top.every((i) => i.kind === 'not')) {
    const neg = top.map((i) => fts((i as { item: QueryNode }).item)).filter((p): p is string => p !== null);
    if (!neg.length) throw new CableError(`the query ${JSON.stringify(q)} has no words to look for`);
    return { match: null, exclude: neg.length === 1 ? neg[0]! : neg.map((p) => `(${p})`).join(' OR ') };
  }
  const match = fts(tree);
  if (!match) throw new CableError(`the query ${JSON.stringify(q)} has no words to look for`);
  return { match, exclude: null };
}

/** A term a query looks for (not one it leaves out), as the highlighter needs it. */
export interface HighlightTerm {
  /** The column it must be in (`body`, `subject`, …), or null for any. */
  column: string | null;
  /** Its words as the tokenizer reads them (lower case, no accents). */
  tokens: string[];
  /** The last word is a prefix. */
  prefix: boolean;
}

/** Letters, digits, marks and private-use characters make words; anything else separates them (as unicode61). */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** A word as the tokenizer compares it: no accents, lower case. */
export function foldToken(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text with their places, as the tokenizer splits it. */
export function tokenizeText(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = foldToken(m[0]);
    if (token) out.push({ token, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** The terms a query looks for, for highlighting (those under a NOT are left out). */
export function highlightTerms(q: string): HighlightTerm[] {
  const tree = parseQuery(q);
  const out: HighlightTerm[] = [];
  const walk = (node: QueryNode | null, negated: boolean): void => {
    if (!node) return;
    if (node.kind === 'not') return walk(node.item, !negated);
    if (node.kind !== 'term') return node.items.forEach((i) => walk(i, negated));
    if (negated) return;
    const column = node.field ? QUERY_FIELDS[node.field]! : null;
    const text = column === 'tagkeys' ? tagKey(node.text) : node.text;
    const tokens = tokenizeText(text).map((t) => t.token);
    if (tokens.length) out.push({ column, tokens, prefix: node.prefix });
  };
  walk(tree, false);
  return out;
}
