/**
 * `--index`, `--query`, `--limit` and `--order`, shared by `select`, `book` and `render`: the
 * cables come from a search index (`cablekit index`) instead of the inputs, chosen by a query and
 * the same `--filter` options.
 */
import type { Argv } from 'yargs';
import { CableError } from '../errors.js';
import { STDIN_TOKEN } from '../readers/input/stdin.js';
import type { CableFilter } from '../select/filter.js';
import type { IndexOrder, IndexQuery } from '../search/search.js';

export const INDEX_ORDERS: IndexOrder[] = ['rank', 'input', 'date'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withIndexOptions(y: Argv<any>, what: string): Argv<any> {
  return y
    .option('index', { type: 'string', describe: `Take the ${what} from a search index made by cablekit index (instead of INPUTS)` })
    .option('query', {
      type: 'string',
      describe: 'With --index: words, "phrases", OR, -word, prefix*, subject:, tag:, origin:, id: (ranked best first)',
    })
    .option('limit', { type: 'number', describe: 'At most this many cables (the best first with --query)' })
    .option('order', { choices: INDEX_ORDERS, describe: 'With --index: rank (default with --query), input (the index\'s order, default without) or date' });
}

/**
 * `--query '-canada nato'` as `--query=-canada nato`: a query may start with `-word`, which yargs
 * would otherwise read as the short options -c -a -n … and leave `--query` empty. Run after
 * `protectDashArgs` (a lone `-` it turned into the stdin token is a query `-` here).
 */
export function protectQueryArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (a === '--query' && next !== undefined && (next.startsWith('-') || next === STDIN_TOKEN) && next !== '--') {
      out.push(`--query=${next === STDIN_TOKEN ? '-' : next}`);
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The inputs a command was given, checked against `--index`: one or the other. */
export function inputsOrIndex(args: Record<string, unknown>): { inputs: string[]; index: string | null } {
  const inputs = ((args.inputs as string[] | undefined) ?? []).map(String);
  const index = typeof args.index === 'string' ? args.index : null;
  if (index !== null && inputs.length) throw new CableError(`--index takes the cables from ${index}: give no INPUTS with it (got ${inputs.join(' ')})`);
  if (index === null && !inputs.length) throw new CableError('name the cables: INPUTS (files, folders, globs, cables.csv) or --index release.db');
  if (index === null) {
    if (args.query !== undefined) throw new CableError('--query searches an index: add --index release.db (made by cablekit index)');
    if (args.order !== undefined) throw new CableError('--order orders what an index gives: add --index release.db');
  }
  return { inputs, index };
}

/** `--limit` as a whole number ≥ 1, or undefined. */
export function limitOf(args: Record<string, unknown>): number | undefined {
  if (args.limit === undefined) return undefined;
  const n = Number(args.limit);
  if (!Number.isInteger(n) || n < 1) throw new CableError(`--limit must be a whole number ≥ 1 (got ${args.limit})`);
  return n;
}

export function indexQueryOf(args: Record<string, unknown>, filter: CableFilter | undefined): IndexQuery {
  return { query: typeof args.query === 'string' ? args.query : undefined, filter, order: args.order as IndexOrder | undefined };
}
