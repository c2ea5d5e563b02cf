/** `cablekit normalize`: parse and repair cables, print or write clean text, Markdown or JSON. */
import type { CliCommand } from './types.js';
import { redactOptionGroup } from '../redact-options.js';
import { renderCommand } from './render.js';
import { outputFormat } from '../options.js';
import type { OutputFormat } from '../../writers/registry.js';

const TEXT_FORMATS: OutputFormat[] = ['text', 'markdown', 'json'];

export const normalizeCommand: CliCommand = {
  command: 'normalize <inputs..>',
  describe: 'Parse and repair cables; print clean text, Markdown or JSON (one file) or write one file per cable (--out)',
  docs: 'reading.md',
  builder: (y) =>
    redactOptionGroup
      .builder(
        y
          .positional('inputs', { describe: 'Cable files (.txt, .html), folders, globs, the bulk cables.csv, or - (one cable from standard input)', type: 'string' })
          .option('format', { alias: 'f', choices: TEXT_FORMATS, describe: "Output format (default: from the -o file's extension, else text)" })
          .option('out', { type: 'string', describe: 'Output folder: one file per cable, named by its id, and manifest.json' })
          .option('output', { alias: 'o', type: 'string', describe: "Write the one cable's output to this file (- for standard output)" })
          .option('jobs', { alias: 'j', type: 'number', describe: 'Parallel worker processes for many inputs (default: cores)' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' }),
      )
      .example('$0 normalize samples/08OTTAWA372.txt', 'Prints the clean text of one cable')
      .example('cat cable.txt | $0 normalize -', 'Reads one cable from standard input')
      .example('$0 normalize samples/08OTTAWA372.txt -o clean.md', 'Writes Markdown (from the extension) to clean.md')
      .example('$0 normalize samples/*.txt --format json --out out/', 'Writes out/08OTTAWA372.json, … and out/manifest.json')
      .example('$0 normalize cable.txt --redact contacts --max-level SBU', 'A redacted handout text'),
  run: (args) => renderCommand.run({ ...args, format: outputFormat(args, 'text', TEXT_FORMATS) }),
};
