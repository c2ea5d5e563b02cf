/**
 * `cablekit verify FILE… --audit AUDIT.json`: search outputs for anything the audit says was
 * removed, and run the residual scan for the contact categories it names.
 */
import { readFile } from 'node:fs/promises';
import { CableError } from '../../errors.js';
import { auditProbes, parseAudit } from '../../redact/audit/audit.js';
import { checkAgainstAudit } from '../../redact/verify/check.js';
import type { CliCommand } from './types.js';

export const verifyCommand: CliCommand = {
  command: 'verify <files..>',
  describe: 'Check redacted outputs (PDF, DOCX, text, Markdown, JSON) against an audit log; non-zero exit on a leak or a residual contact',
  docs: 'redaction.md',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'Output files to check' })
      .option('audit', { type: 'string', demandOption: true, describe: 'The audit log written with --audit' }),
  run: async (args) => {
    const auditPath = String(args.audit);
    let auditText: string;
    try {
      auditText = await readFile(auditPath, 'utf8');
    } catch {
      throw new CableError('cannot read the audit log', auditPath);
    }
    const log = parseAudit(auditText, auditPath);
    const probes = auditProbes(log);
    let failed = 0;
    for (const file of args.files as string[]) {
      let data: Buffer;
      try {
        data = await readFile(file);
      } catch {
        process.stderr.write(`${file}: cannot read\n`);
        failed++;
        continue;
      }
      try {
        const { leaks, residual } = await checkAgainstAudit(data, log);
        if (leaks.length) {
          const what = [...new Set(leaks.map((l) => `${l.category} in ${l.part}`))].join(', ');
          process.stderr.write(`${file}: redaction leak: ${what}\n`);
          failed++;
        } else if (residual.length) {
          const what = [...new Set(residual.map((h) => `${h.category} in ${h.where} (${h.sha256.slice(0, 12)})`))].join(', ');
          process.stderr.write(`${file}: contact details left after redaction (second look): ${what}\n`);
          failed++;
        } else {
          process.stdout.write(`${file}: ok (${probes.length} values checked)\n`);
        }
      } catch (err) {
        process.stderr.write(`${file}: ${err instanceof CableError ? err.message : (err as Error).message}\n`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  },
};
