/** `cablekit normalize`: parse and repair cables, print or write clean text, Markdown or JSON. */
import type { CliCommand } from './types.js';
import { redactOptionGroup } from '../redact-options.js';
import { renderCommand } from './render.js';

export const normalizeCommand: CliCommand = {
  command: 'normalize <inputs..>',
  describe: 'Parse and repair cables; print clean text, Markdown or JSON (one file) or write one file per cable (--out)',
  builder: (y) =>
    redactOptionGroup
      .builder(
        y
          .positional('inputs', { describe: 'Cable files (.txt, .html), folders, globs or the bulk cables.csv', type: 'string' })
          .option('format', { alias: 'f', choices: ['text', 'markdown', 'json'], default: 'text', describe: 'Output format' })
          .option('out', { alias: 'o', type: 'string', describe: 'Output folder: one file per cable, named by its id' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'Parallel worker processes for many inputs (default: cores)' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress output' }),
      )
      .example('$0 normalize samples/08OTTAWA372.txt', 'Prints the clean text of one cable')
      .example('$0 normalize samples/*.txt --format json --out out/', 'Writes out/08OTTAWA372.json, … and out/manifest.json')
      .example('$0 normalize cable.txt --redact contacts --max-level SBU', 'A redacted handout text'),
  run: (args) => renderCommand.run(args),
};
