/** `cablekit inspect`: a short table per cable — id, date, classification, subject, paragraphs, repairs, warnings. */
import type { CliCommand } from './types.js';
import type { Cable } from '../../model/cable.js';
import { readCableFile } from '../../parse/index.js';
import { bannerText } from '../../parse/classification.js';
import { discoverInputs } from '../../input/discover.js';
import { readCsvCables } from '../../csv/read.js';
import { CableError, errorLine } from '../../errors.js';
import { STDIN_ARG, STDIN_NAME, isStdinArg, readCableStdin } from '../../input/stdin.js';

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
          cut(r.cable.subject ?? '—', 60),
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
      .example('$0 inspect samples/*.txt', 'One line per cable')
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
