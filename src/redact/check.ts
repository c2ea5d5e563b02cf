/**
 * Every check of a redacted output, on one read of it (one pdftotext per PDF): the verifier's
 * probes (removed values, withheld text), the header echoes of a lowered classification, and the
 * independent residual scan for contact details the detectors missed. Leaks always fail; residual
 * hits fail unless a reviewer let them through with a reason (`--allow-residual REASON`).
 */
import type { Level } from '../model/cable.js';
import { auditProbes, type AuditLog, type AuditResidualHit } from './audit.js';
import { sha256, type Probe } from './fingerprint.js';
import { levelEchoesIn } from './level.js';
import { RESIDUAL_CATEGORIES, ResidualError, scanViewsResidual, type PlacedResidualHit } from './residual.js';
import { leaksIn, LeakError, readOutput, sniffFormat, type Leak, type OutputReading, type VerifiableFormat } from './verify.js';

export interface OutputChecks {
  probes: Probe[];
  /** When `--max-level` lowered the banner: the new banner, above which no header form may remain. */
  banner?: Level;
  /** The categories the residual scan looks for (the contact categories asked for). */
  residual?: ReadonlySet<string>;
  /** Values a reviewed plan kept: the residual scan lets them through. */
  kept?: string[];
  /** The cable named in residual hits (a single-cable output). */
  cable?: string | null;
}

export interface CheckResult {
  leaks: Leak[];
  residual: PlacedResidualHit[];
  /** The output as it was read back (for callers that read it further, e.g. tests). */
  reading: OutputReading;
}

export async function checkOutput(data: Uint8Array, format: VerifiableFormat, checks: OutputChecks): Promise<CheckResult> {
  const reading = await readOutput(data, format);
  const leaks = leaksIn(reading.views, checks.probes);
  if (checks.banner) {
    for (const view of reading.reader) for (const kind of levelEchoesIn(view.text, checks.banner)) leaks.push({ category: `level (${kind})`, part: view.part });
  }
  const residual = checks.residual?.size ? scanViewsResidual(reading.reader, checks.residual, checks.kept, checks.cable ?? null) : [];
  return { leaks, residual, reading };
}

/** The contact categories of a redaction that the residual scan covers. */
export function residualCategories(categories: readonly string[]): Set<string> {
  return new Set(categories.filter((c) => (RESIDUAL_CATEGORIES as string[]).includes(c)));
}

/**
 * Fails closed: a leak throws LeakError; residual hits throw ResidualError unless `allow` (a
 * reviewer's reason) is given — then they are returned for the audit log (hashes, never values).
 */
export function settleChecks(
  leaks: Leak[],
  residual: PlacedResidualHit[],
  allow: string | undefined,
  file: string | null,
): { reason: string; hits: AuditResidualHit[] } | undefined {
  if (leaks.length) throw new LeakError(leaks, file);
  if (residual.length && !allow) throw new ResidualError(residual, file);
  if (!allow) return undefined;
  const seen = new Set<string>();
  const hits: AuditResidualHit[] = [];
  for (const h of residual) {
    const hit = { category: h.category, where: h.cable && h.cable !== file ? `${h.cable} ${h.where}` : h.where, sha256: sha256(h.text) };
    const key = `${hit.category}|${hit.where}|${hit.sha256}`;
    if (!seen.has(key)) {
      seen.add(key);
      hits.push(hit);
    }
  }
  return { reason: allow, hits };
}

/**
 * `cablekit verify`: an output checked again later from its audit log alone — the probes (hashes),
 * and the residual scan for the categories the log names, letting through the hits the log says
 * were allowed (`--allow-residual`) and the values a reviewed plan kept (by sha256).
 */
export async function checkAgainstAudit(data: Uint8Array, log: AuditLog): Promise<CheckResult> {
  const reading = await readOutput(data, sniffFormat(data));
  const leaks = leaksIn(reading.views, auditProbes(log));
  const categories = new Set(log.cables.flatMap((c) => [...residualCategories(c.categories)]));
  const allowed = new Set(log.cables.flatMap((c) => [...(c.residual?.hits ?? []).map((h) => h.sha256), ...(c.plan?.kept ?? []).map((k) => k.sha256)]));
  const residual = scanViewsResidual(reading.reader, categories).filter((h) => !allowed.has(sha256(h.text)));
  return { leaks, residual, reading };
}
