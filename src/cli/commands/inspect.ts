/**
 * `cablekit inspect`: a short table per cable — id, date, classification, subject, paragraphs,
 * repairs, warnings; with `--summary`, one table for the whole collection (warning kinds, the
 * cables with most of each, the reader's own account of words lost and paragraph gaps).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CliCommand } from './types.js';
import type { Cable } from '../../model/cable.js';
import { showRuns } from '../../model/source-redactions.js';
import { readCableFile } from '../../readers/cable/parse.js';
import { bannerText } from '../../model/banner.js';
import { discoverInputs } from '../../readers/input/discover.js';
import { readCsvCables } from '../../select/csv.js';
import { CableError, errorLine } from '../../errors.js';
import { STDIN_ARG, STDIN_NAME, isStdinArg, readCableStdin } from '../../readers/input/stdin.js';
import { readCsvRecords, isCsvRowError } from '../../readers/csv/read.js';
import { csvRecordSource, readCableSource, type CableSource } from '../../review/source.js';
import { auditReading } from '../../review/audit.js';
import { formatSummary, summarizeCables, type SummaryItem } from '../../review/summary.js';

interface Row {
  file: string;
  cable?: Cable;
  error?: string;
}

function cut(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function inspectTable(rows: Row[], verbose = false): string {
  const head = ['ID', 'DATE', 'CLASSIFICATION', 'PARAS', 'REPAIRS', 'WARNINGS', 'SUBJECT'];
  const body = rows.map((r) =>
    r.cable
      ? [
          r.cable.id,
          r.cable.date ? r.cable.date.slice(0, 10) : '—',
          bannerText(r.cable.classification),
          String(r.cable.paragraphs.filter((p) => p.number !== null).length),
          String(r.cable.repairs.length),
          String(r.cable.warnings.length),
          cut(r.cable.subject === null ? '—' : showRuns(r.cable.subject), 60),
        ]
      : [cut(r.file, 24), 'ERROR', '', '', '', '', r.error ?? ''],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), ...body.map(line)];
  if (verbose) {
    for (const r of rows) {
      if (!r.cable) continue;
      out.push('', `${r.cable.id} (${r.file})`);
      const kinds = new Map<string, number>();
      for (const rep of r.cable.repairs) kinds.set(rep.kind, (kinds.get(rep.kind) ?? 0) + 1);
      if (kinds.size) out.push(`  repairs: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
      for (const w of r.cable.warnings) out.push(`  warning${w.line ? ` (line ${w.line})` : ''}: ${w.message}`);
    }
  }
  return out.join('\n') + '\n';
}

export const inspectCommand: CliCommand = {
  command: 'inspect <inputs..>',
  describe: 'Print a short table: id, date, classification, paragraphs, repairs, warnings, subject',
  docs: 'reading.md',
  builder: (y) =>
    y
      .positional('inputs', { describe: 'Cable files, folders, globs, the bulk cables.csv, or - (one cable from standard input)', type: 'string' })
      .option('verbose', { alias: 'v', type: 'boolean', describe: 'Also list repairs by kind and every warning' })
      .option('summary', {
        type: 'boolean',
        describe: 'One table for all the inputs: warnings by kind with the cables that have most of each, words lost and paragraph gaps (the source\'s apart from the reader\'s)',
      })
      .option('worst', { type: 'number', default: 3, describe: 'With --summary: how many cables to name for each kind' })
      .example('$0 inspect samples/*.txt', 'One line per cable')
      .example('$0 inspect --summary release/', 'What the reader made of a whole folder (or a cables.csv)')
      .example('$0 inspect -v samples/08OTTAWA372.txt', 'With repairs and warnings')
      .example('cat cable.txt | $0 inspect -', 'A cable from standard input'),
  run: async (args) => {
    const given = (args.inputs as string[]).map(String);
    const rows: Row[] = [];
    if (given.some(isStdinArg)) {
      if (given.length > 1) throw new CableError(`${STDIN_ARG} reads one cable from standard input and must be the only input`);
      try {
        rows.push({ file: STDIN_NAME, cable: await readCableStdin() });
      } catch (err) {
        rows.push({ file: STDIN_NAME, error: errorLine(err) });
      }
    }
    const inputs = rows.length ? [] : await discoverInputs(given);
    if (args.summary) {
      if (rows.length) throw new CableError(`--summary reads files, folders and CSVs, not ${STDIN_ARG}`);
      const worst = Number(args.worst ?? 3);
      if (!Number.isInteger(worst) || worst < 1) throw new CableError(`--worst must be a whole number ≥ 1 (got ${args.worst})`);
      const title = given.length === 1 ? given[0]! : `${given.length} inputs`;
      const summary = summarizeCables(await summaryItems(inputs), { worst });
      process.stdout.write(formatSummary(summary, title));
      // as a batch does: each refused input on stderr at the end (at most 20: the table lists them all), exit 2
      const refused = summary.refused;
      for (const r of refused.slice(0, 20)) process.stderr.write(`cablekit: ${r.error}\n`);
      if (refused.length > 20) process.stderr.write(`cablekit: … and ${refused.length - 20} more refused inputs\n`);
      if (refused.length) process.stderr.write(`${title}: ${refused.length} of ${summary.inputs} inputs refused\n`);
      return refused.length ? 2 : 0;
    }
    for (const input of inputs) {
      if (input.kind === 'csv') {
        const onError = (err: Error) => rows.push({ file: input.path, error: errorLine(err) });
        for await (const cable of readCsvCables(input.path, { onError })) rows.push({ file: input.path, cable });
        continue;
      }
      try {
        rows.push({ file: input.path, cable: await readCableFile(input.path) });
      } catch (err) {
        rows.push({ file: input.path, error: errorLine(err) });
      }
    }
    process.stdout.write(inspectTable(rows, !!args.verbose));
    const failed = rows.filter((r) => r.error);
    for (const f of failed) process.stderr.write(`cablekit: ${f.error}\n`);
    return failed.length ? 1 : 0;
  },
};

/**
 * Every input of a summary, read with its source text and audited; refusals kept as items. Each
 * keeps only what the summary counts (its warnings and audit), not the cable: a whole release's
 * cables would not fit in memory.
 */
async function summaryItems(inputs: Awaited<ReturnType<typeof discoverInputs>>): Promise<SummaryItem[]> {
  const items: SummaryItem[] = [];
  const audited = (name: string, read: () => CableSource): SummaryItem => {
    try {
      const { cable, source } = read();
      return { name, cable: { warnings: cable.warnings }, audit: auditReading(cable, source) };
    } catch (err) {
      return { name, error: errorLine(err) };
    }
  };
  for (const input of inputs) {
    if (input.kind === 'csv') {
      for await (const rec of readCsvRecords(input.path)) {
        if (isCsvRowError(rec)) items.push({ name: rec.source, error: `${rec.source}: ${rec.error}` });
        else items.push(audited(`${basename(input.path)}:${rec.row}`, () => csvRecordSource(rec)));
      }
      continue;
    }
    items.push(audited(basename(input.path), () => readCableSource(readFileSync(input.path), input.path)));
  }
  return items;
}
