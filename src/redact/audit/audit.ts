/**
 * The audit log (`--audit FILE.json`): every redaction with its place and a sha256 of the value,
 * every withheld paragraph, counts per category — never a value. It also carries the probes the
 * verifier needs (hash + length of each value's compact form) so `cablekit verify` can search an
 * output without the plain values.
 */
import { CableError } from '../../errors.js';
import type { Level } from '../../model/cable.js';
import type { RedactionRecord, RedactionReport } from '../apply/apply.js';
import { publicProbe, sha256, type Probe } from '../fingerprint.js';
import type { WithheldPart } from '../apply/level.js';
import { placeName, residualId } from '../verify/residual.js';

/** A redaction as the audit log keeps it: its place, and a hash where the value was. */
export type AuditRedaction = Omit<RedactionRecord, 'value' | 'category' | 'detector'> & {
  category: string;
  /** sha256 (hex) of the value exactly as it stood in the input. */
  sha256: string;
};

export interface AuditWithheld {
  field: WithheldPart['field'];
  paragraph: number | null;
  index: number;
  level: Level;
  length: number;
  sha256: string;
}

export interface AuditCable {
  id: string;
  categories: string[];
  style: string;
  maxLevel: Level | null;
  counts: Record<string, number>;
  redactions: AuditRedaction[];
  withheld: AuditWithheld[];
  scrubbed: { repairs: number; warnings: number };
  /** Redactions the source itself had (runs of X the publisher left, shown as marks), when it had any. */
  sourceRedactions?: number;
  /** What `verify` searches for: compact-form hashes and lengths, withheld text in chunks. */
  probes: Omit<Probe, 'plain'>[];
  /** With `--plan`: the sha256 of the plan entry applied, and what the reviewer kept (hashes only). */
  plan?: { sha256: string; kept: AuditRedaction[]; keptWithheld: Omit<AuditWithheld, 'length' | 'sha256'>[] };
  /** What a redaction mark reads back as in this output besides the built-in forms (a template's bar labels), for `verify`. */
  marks?: string[];
  /** Second-look hits a person let through: by name (`--allow-residual`) or kept in a reviewed plan — places, hashes and reasons only. */
  residual?: { hits: AuditResidualHit[] };
}

/** A residual-scan (second look) hit let through, and why. */
export interface AuditResidualHit {
  category: string;
  /** Where: a field of the cable (`paragraph 4`) or a part of the output (`pdf page 2`). */
  where: string;
  /** sha256 of the hit's compact form (letters and digits, lower case), as the refusal and the plan name it. */
  sha256: string;
  /** The reason the person gave. */
  reason: string;
  /** `allow-residual`: named on the command line or in an allowance file; `plan`: kept in a reviewed plan. */
  source: 'allow-residual' | 'plan';
}

export interface AuditLog {
  format: 'cablekit-redaction-audit';
  version: 1;
  cables: AuditCable[];
  /** Totals over all cables. */
  counts: Record<string, number>;
  withheld: number;
}

export function auditCable(
  id: string,
  report: RedactionReport,
  options: { categories: string[]; style: string; maxLevel?: Level; plan?: string },
): AuditCable {
  const redaction = (r: RedactionRecord): AuditRedaction => ({
    category: r.category,
    field: r.field,
    paragraph: r.paragraph,
    index: r.index,
    ...(r.bullet !== undefined ? { bullet: r.bullet } : {}),
    offset: r.offset,
    length: r.length,
    sha256: sha256(r.value),
  });
  return {
    id,
    categories: options.categories,
    style: options.style,
    maxLevel: options.maxLevel ?? null,
    counts: report.counts,
    redactions: report.redactions.map(redaction),
    withheld: report.withheld.map((w) => ({
      field: w.field,
      paragraph: w.paragraph,
      index: w.index,
      level: w.level,
      length: w.text.length,
      sha256: sha256(w.text),
    })),
    scrubbed: report.scrubbed,
    ...(report.sourceRedactions ? { sourceRedactions: report.sourceRedactions } : {}),
    probes: report.probes.map(publicProbe),
    ...(options.plan
      ? {
          plan: {
            sha256: options.plan,
            kept: report.kept.map(redaction),
            keptWithheld: report.keptWithheld.map((w) => ({ field: w.field, paragraph: w.paragraph, index: w.index, level: w.level })),
          },
        }
      : {}),
  };
}

/** Second-look hits a reviewed plan kept, each with the reviewer's reason (for the audit log). */
export function residualKeeps(report: Pick<RedactionReport, 'kept'>): AuditResidualHit[] {
  return report.kept
    .filter((k) => k.detector === 'residual')
    .map((k) => ({ category: k.category, where: placeName(k), sha256: residualId(k.value), reason: k.reason ?? '', source: 'plan' as const }));
}

export function auditLog(cables: AuditCable[]): AuditLog {
  const counts: Record<string, number> = {};
  for (const c of cables) for (const [k, v] of Object.entries(c.counts)) counts[k] = (counts[k] ?? 0) + v;
  return {
    format: 'cablekit-redaction-audit',
    version: 1,
    cables,
    counts,
    withheld: cables.reduce((a, c) => a + c.withheld.length, 0),
  };
}

export function serializeAudit(log: AuditLog): string {
  return JSON.stringify(log, null, 2) + '\n';
}

export function parseAudit(text: string, file: string | null = null): AuditLog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CableError('audit log is not JSON', file);
  }
  const log = data as AuditLog;
  if (log?.format !== 'cablekit-redaction-audit' || !Array.isArray(log.cables)) {
    throw new CableError('not a cablekit redaction audit log', file);
  }
  return log;
}

/** Every probe of an audit log, deduplicated. */
export function auditProbes(log: AuditLog): Probe[] {
  const seen = new Map<string, Probe>();
  for (const c of log.cables) for (const p of c.probes) seen.set(`${p.length}:${p.sha256}`, { ...p });
  return [...seen.values()];
}
