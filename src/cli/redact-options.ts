/**
 * The redaction options shared by `render`, `normalize` and `book`: `--redact`,
 * `--redaction-style`, `--max-level`, `--audit`, `--redact-terms`, `--redact-pattern`, `--plan`,
 * `--allow-residual`, `--allow-residual-file`.
 * A command adds them with `withRedactOptions(y)` and copies them with `applyRedactOptions(args, options)`
 * (or gets both through `redactOptionGroup` in src/cli/options.ts).
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { CableError } from '../errors.js';
import type { ConvertOptions } from '../pipeline/convert.js';
import { parseRedactCategories } from '../redact/categories.js';
import { parseLevel } from '../redact/apply/level.js';
import { checkRedactionRequest } from '../redact/request.js';
import { compilePattern } from '../redact/detect/pattern.js';
import { parseTermsFile } from '../redact/detect/terms.js';
import type { RedactionSettings } from '../redact/set.js';
import { parseAllowance, parseAllowanceFile, type ResidualAllowance } from '../redact/verify/allowance.js';

/** Declares the options; `{ style: false }` when the command already declares `--redaction-style`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withRedactOptions(y: Argv<any>, declare: { style?: boolean } = {}): Argv<any> {
  const withStyle =
    declare.style === false
      ? y
      : y.option('redaction-style', { choices: ['box', 'label'], describe: 'Redactions as a fixed-length box or a [REDACTED …] label' });
  return withStyle
    .option('redact', {
      type: 'string',
      describe: 'Redact: contacts (= email,phone,fax,url,address), email, phone, fax, url, address, sources (people the cable protects), names, all — comma-separated; a handout: contacts,sources',
    })
    .option('max-level', { type: 'string', describe: 'Withhold paragraphs marked above U, SBU, C, S or TS (unmarked ones take the cable’s level)' })
    .option('audit', { type: 'string', describe: 'Write an audit log (JSON: categories, places, sha256 — never values); {id} = cable id' })
    .option('redact-terms', { type: 'string', describe: 'File of terms to redact, one a line (case-insensitive, whole words)' })
    .option('redact-pattern', { type: 'string', array: true, describe: 'Regular expression to redact (repeatable)' })
    .option('plan', { type: 'string', describe: 'Apply a reviewed redaction plan (from `cablekit plan`) instead of --redact/--max-level' })
    .option('allow-residual', {
      type: 'string',
      array: true,
      describe: 'Let one hit of the second look through: SHA256=REASON, the sha256 the refusal lists (12+ hex digits) and why (repeatable; the reason goes in the audit log)',
    })
    .option('allow-residual-file', { type: 'string', describe: 'Hits of the second look to let through, one "SHA256 REASON" a line' });
}

/**
 * Parsed arguments → the redaction fields of `ConvertOptions`, as typed values (categories, a
 * level): parsed here, once. Bad values throw a CableError. The plan reader (which brings the
 * detectors and their phone metadata) is loaded only for `--plan`.
 */
export async function applyRedactOptions(args: Record<string, unknown>, options: ConvertOptions): Promise<void> {
  const redact = args.redact;
  if (typeof redact === 'string' || Array.isArray(redact)) {
    const categories = parseRedactCategories((Array.isArray(redact) ? redact : [redact]).map(String));
    if (categories.length) options.redact = categories;
  }
  const style = args.redactionStyle ?? args['redaction-style'];
  if (style === 'box' || style === 'label') options.redactionStyle = style;
  const maxLevel = args.maxLevel ?? args['max-level'];
  if (typeof maxLevel === 'string') options.maxLevel = parseLevel(maxLevel);
  const audit = args.audit;
  if (typeof audit === 'string' && audit.length > 0) options.audit = audit;
  const termsFile = args.redactTerms ?? args['redact-terms'];
  if (typeof termsFile === 'string') options.redactTerms = parseTermsFile(readOptionFile(termsFile, 'the terms file'));
  const patterns = args.redactPattern ?? args['redact-pattern'];
  if (patterns !== undefined) {
    const list = (Array.isArray(patterns) ? patterns : [patterns]).map(String);
    for (const p of list) compilePattern(p);
    options.redactPatterns = list;
  }
  const allow = args.allowResidual ?? args['allow-residual'];
  const allowances: ResidualAllowance[] = [];
  if (allow !== undefined) for (const value of (Array.isArray(allow) ? allow : [allow]).map(String)) allowances.push(parseAllowance(value));
  const allowFile = args.allowResidualFile ?? args['allow-residual-file'];
  if (typeof allowFile === 'string') allowances.push(...parseAllowanceFile(readOptionFile(allowFile, 'the list of hits to let through'), allowFile));
  if (allowances.length) options.allowResidual = allowances;
  const plan = args.plan;
  if (typeof plan === 'string') {
    const { parsePlan } = await import('../redact/apply/plan.js');
    options.plan = parsePlan(readOptionFile(plan, 'the plan'), plan);
    checkRedactionRequest(options);
  }
}

/** A file an option names, as text; a one-line error naming it when it cannot be read. */
function readOptionFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CableError(`cannot read ${what}`, path);
  }
}

/** Parsed arguments → redaction settings for commands that do not go through `convertCable` (book). */
export async function redactionSettingsFromArgs(args: Record<string, unknown>): Promise<RedactionSettings> {
  const options: ConvertOptions = { format: 'json' };
  await applyRedactOptions(args, options);
  const { format: _format, ...settings } = options;
  return settings;
}

/** The same pair in the shape of src/cli/options.ts' `ConvertOptionGroup`. */
export const redactOptionGroup = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  builder: (y: Argv<any>) => withRedactOptions(y),
  apply: applyRedactOptions,
};
