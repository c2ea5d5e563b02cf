/** `cablekit plan`: write a reviewable redaction plan; `render … --plan` applies it. */
import type { CliCommand } from './types.js';
import type { Cable } from '../../model/cable.js';
import { discoverInputs } from '../../readers/input/discover.js';
import { readCableFile } from '../../readers/cable/parse.js';
import { readCsvCables } from '../../select/csv.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { CableError } from '../../errors.js';
import { buildPlan, serializePlan } from '../../redact/apply/plan.js';
import { redactionSettingsFromArgs } from '../redact-options.js';

export const planCommand: CliCommand = {
  command: 'plan <inputs..>',
  describe: 'Write a redaction plan to review: every proposed redaction, every contact detail the second look finds, every withheld paragraph, each with an action',
  docs: 'redaction.md',
  builder: (y) =>
    y
      .positional('inputs', { describe: 'Cable files, folders, globs or the bulk cables.csv', type: 'string' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'The plan to write (JSON)' })
      .option('redact', { type: 'string', describe: 'Propose: contacts (= email,phone,fax,url,address), email, phone, fax, url, address, sources (people the cable protects), names, all — comma-separated' })
      .option('max-level', { type: 'string', describe: 'Propose withholding paragraphs marked above U, SBU, C, S or TS' })
      .option('redact-terms', { type: 'string', describe: 'File of terms to propose, one a line (case-insensitive, whole words)' })
      .option('redact-pattern', { type: 'string', array: true, describe: 'Regular expression to propose (repeatable)' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No summary' })
      .example('$0 plan cables/ --redact contacts --max-level SBU --out plan.json', 'Then edit "action" to "keep" or "redact"')
      .example('$0 plan cable.txt --redact contacts,sources --out plan.json', 'Each person the cable protects is one entry, with all their mentions')
      .example('$0 render cables/ --format pdf --out out/ --plan plan.json', 'Apply exactly the reviewed plan'),
  run: async (args) => {
    const out = String(args.out);
    const settings = await redactionSettingsFromArgs(args);
    const cables: Cable[] = [];
    const failed: string[] = [];
    for (const source of await discoverInputs((args.inputs as string[]).map(String))) {
      try {
        if (source.kind === 'csv') {
          for await (const cable of readCsvCables(source.path, { onError: (e) => failed.push(e.toLine()) })) cables.push(cable);
        } else {
          cables.push(await readCableFile(source.path));
        }
      } catch (err) {
        const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
        failed.push(err instanceof CableError && err.file ? err.toLine() : `${source.path}: ${message}`);
      }
    }
    if (cables.length === 0) throw new CableError('no cables to plan', (args.inputs as string[]).join(' '));
    const plan = buildPlan(cables, settings);
    await writeFileAtomic(out, serializePlan(plan));
    for (const f of failed) process.stderr.write(`cablekit: ${f}\n`);
    if (!args.quiet || failed.length) {
      const redactions = plan.cables.reduce((a, c) => a + c.redactions.filter((r) => r.source !== 'residual').length, 0);
      const residual = plan.cables.reduce((a, c) => a + c.redactions.filter((r) => r.source === 'residual').length, 0);
      const withheld = plan.cables.reduce((a, c) => a + c.withheld.length, 0);
      const sources = plan.cables.flatMap((c) => c.sources ?? []);
      const people = sources.filter((s) => s.person !== null && !s.ambiguous && !s.candidate).length;
      const review = sources.filter((s) => s.person === null || s.ambiguous || (s.review && !s.candidate)).length;
      process.stderr.write(
        `${out}: ${plan.cables.length} cables, ${redactions} proposed redactions, ${residual} found by the second look, ${withheld} paragraphs to withhold` +
          (sources.length ? `, ${people} protected ${people === 1 ? 'person' : 'people'} (${review} ${review === 1 ? 'entry' : 'entries'} to review)` : '') +
          (failed.length ? `; ${failed.length} ${failed.length === 1 ? "input" : "inputs"} failed` : '') +
          '\n',
      );
    }
    return failed.length ? 2 : 0;
  },
};
