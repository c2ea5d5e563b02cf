/**
 * Conversion options shared by the commands that write cables (`render`, …): one place that
 * declares them on yargs and one that turns parsed arguments into `ConvertOptions`.
 * Other option groups (redaction: `--redact`, `--max-level`, `--audit`, …) add themselves here:
 * a builder in `CONVERT_OPTION_GROUPS` and the matching fields in `convertOptionsFromArgs`.
 */
import type { Argv } from 'yargs';
import { OUTPUT_FORMATS, type OutputFormat } from '../writers/registry.js';
import type { ConvertOptions } from '../pipeline/convert.js';
import { redactOptionGroup } from './redact-options.js';

/** One group of options: declares flags on a command and copies them into `ConvertOptions`. */
export interface ConvertOptionGroup {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  builder: (y: Argv<any>) => Argv<any>;
  apply: (args: Record<string, unknown>, options: ConvertOptions) => void | Promise<void>;
}

/** Writer options: template, logo, watermark, PDF/A. */
export const writerOptionGroup: ConvertOptionGroup = {
  builder: (y) =>
    y
      .option('template', { type: 'string', describe: 'Template name (cable, teletype, handout, …) or a template folder' })
      .option('logo', { type: 'string', describe: 'Image placed on page 1 (PDF, DOCX)' })
      .option('watermark', { type: 'string', describe: 'Text stamped across every page, e.g. DRAFT' })
      .option('pdfa', { type: 'boolean', describe: 'Produce PDF/A' }),
  apply: (args, o) => {
    if (typeof args.template === 'string') o.template = args.template;
    if (typeof args.logo === 'string') o.logo = args.logo;
    if (typeof args.watermark === 'string') o.watermark = args.watermark;
    if (args.pdfa === true) o.pdfa = true;
  },
};

/** Every option group, in `--help` order. Add redaction/filter groups here. */
export const CONVERT_OPTION_GROUPS: ConvertOptionGroup[] = [writerOptionGroup, redactOptionGroup];

/**
 * Declares `--format` and every option group on a command. The format has no yargs default: when
 * it is not given, it comes from the `-o FILE` extension, else the command's default (see
 * `outputFormat`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withConvertOptions(y: Argv<any>, defaultFormat: OutputFormat = 'pdf'): Argv<any> {
  let out = y.option('format', {
    alias: 'f',
    choices: OUTPUT_FORMATS,
    describe: `Output format (default: from the -o file's extension, else ${defaultFormat})`,
  });
  for (const group of CONVERT_OPTION_GROUPS) out = group.builder(out);
  return out;
}

/** The format an output file's extension asks for, as pandoc reads `-o book.docx`; undefined if none. */
export function formatFromPath(path: string | undefined, allowed: readonly OutputFormat[] = OUTPUT_FORMATS): OutputFormat | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(path ?? '')?.[1]?.toLowerCase();
  const byExt: Record<string, OutputFormat> = { pdf: 'pdf', docx: 'docx', json: 'json', md: 'markdown', markdown: 'markdown', txt: 'text', text: 'text' };
  const f = ext ? byExt[ext] : undefined;
  return f && allowed.includes(f) ? f : undefined;
}

/** `--format` as given, else the `-o FILE` extension's, else the command's default. */
export function outputFormat(args: Record<string, unknown>, fallback: OutputFormat, allowed: readonly OutputFormat[] = OUTPUT_FORMATS): OutputFormat {
  return (args.format as OutputFormat | undefined) ?? formatFromPath(args.output as string | undefined, allowed) ?? fallback;
}

/** Parsed arguments → `ConvertOptions` (only the fields that were given). */
export async function convertOptionsFromArgs(args: Record<string, unknown>): Promise<ConvertOptions> {
  const options: ConvertOptions = { format: outputFormat(args, 'pdf') };
  for (const group of CONVERT_OPTION_GROUPS) await group.apply(args, options);
  return options;
}
