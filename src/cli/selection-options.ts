/**
 * The selection options shared by `render`, `book` and `select` — `--filter`, `--from`, `--to`,
 * `--ids` — declared once, so the same words select the same cables everywhere.
 */
import type { Argv } from 'yargs';
import { isEmptyFilter, parseFilter, type CableFilter } from '../select/filter.js';
import { readIdList } from '../select/ids.js';
import { isStdinArg } from '../readers/input/stdin.js';
import { CableError } from '../errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withSelectionOptions(y: Argv<any>): Argv<any> {
  return y
    .option('filter', {
      type: 'string',
      array: true,
      describe:
        'Select cables (repeatable, all must hold): id=08OTTAWA* | id=/regex/ | origin=OTTAWA | date>=2008-01 | classification=SECRET | tag=PARM,PREL (any of) | text~REGEX (body, any case)',
    })
    .option('from', { type: 'string', describe: 'Only cables dated on or after (YYYY[-MM[-DD]])' })
    .option('to', { type: 'string', describe: 'Only cables dated on or before (YYYY[-MM[-DD]])' })
    .option('ids', {
      type: 'string',
      describe: 'Only the cables whose ids FILE lists (one a line, or `select --format jsonl` lines); - reads standard input',
    });
}

/** The parsed selection options as one filter, or undefined when they select everything. */
export async function selectionFromArgs(args: Record<string, unknown>): Promise<CableFilter | undefined> {
  if (isStdinArg(args.ids) && Array.isArray(args.inputs) && args.inputs.some(isStdinArg)) {
    throw new CableError('--ids - and the input - both want standard input: give the ids in a file');
  }
  const ids = typeof args.ids === 'string' ? await readIdList(args.ids) : undefined;
  const filter = parseFilter(args.filter as string[] | undefined, {
    from: args.from as string | undefined,
    to: args.to as string | undefined,
    ids,
  });
  return isEmptyFilter(filter) ? undefined : filter;
}
