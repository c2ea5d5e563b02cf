/**
 * Every check of a redacted output, on one read of it (one pdftotext per PDF): the verifier's
 * probes (removed values, withheld text), the header echoes of a lowered classification, and the
 * independent residual scan for contact details the detectors missed. Leaks always fail; residual
 * hits fail unless a person let each one through by name, with a reason (`--allow-residual
 * SHA256=REASON`) — or decided it in a reviewed plan, which redacts it or keeps it before this.
 */
import type { Level } from '../../model/cable.js';
import { auditProbes, type AuditLog, type AuditResidualHit } from '../audit/audit.js';
import { sha256, type Probe } from '../fingerprint.js';
import { levelEchoesIn } from '../apply/level.js';
import { allowanceFor, markPattern, RESIDUAL_CATEGORIES, ResidualError, scanViewsResidual, type PlacedResidualHit, type ResidualAllowance } from './residual.js';
import { leaksIn, LeakError, readOutput, sniffFormat, type Leak, type OutputReading, type VerifiableFormat } from './verify.js';

export interface OutputChecks {
  probes: Probe[];
  /** When `--max-level` lowered the banner: the new banner, above which no header form may remain. */
  banner?: Level;
  /** The categories the residual scan looks for (the contact categories asked for). */
  residual?: ReadonlySet<string>;
  /** Values a reviewed plan kept: the residual scan lets them through. */
  kept?: string[];
  /** What a redaction mark may read back as besides the built-in forms: the template's bar labels (`markPattern`). */
  marks?: RegExp | null;
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
  const residual = checks.residual?.size ? scanViewsResidual(reading.reader, checks.residual, { kept: checks.kept, marks: checks.marks }, checks.cable ?? null) : [];
  return { leaks, residual, reading };
}

/** The contact categories of a redaction that the residual scan covers. */
export function residualCategories(categories: readonly string[]): Set<string> {
  return new Set(categories.filter((c) => (RESIDUAL_CATEGORIES as string[]).includes(c)));
}

/**
 * Fails closed: a leak throws LeakError; residual hits throw ResidualError unless each is named by
 * an allowance (`--allow-residual SHA256=REASON`) — those are returned for the audit log, each with
 * its reason (places and hashes, never values).
 */
export function settleChecks(leaks: Leak[], residual: PlacedResidualHit[], allow: readonly ResidualAllowance[] | undefined, file: string | null): AuditResidualHit[] {
  if (leaks.length) throw new LeakError(leaks, file);
  const refused = residual.filter((h) => !allowanceFor(h, allow ?? []));
  if (refused.length) throw new ResidualError(refused, file);
  const seen = new Set<string>();
  const hits: AuditResidualHit[] = [];
  for (const h of residual) {
    const hit: AuditResidualHit = {
      category: h.category,
      where: h.cable && h.cable !== file ? `${h.cable} ${h.where}` : h.where,
      sha256: h.sha256,
      reason: allowanceFor(h, allow ?? [])!.reason,
      source: 'allow-residual',
    };
    const key = `${hit.category}|${hit.where}|${hit.sha256}`;
    if (!seen.has(key)) {
      seen.add(key);
      hits.push(hit);
    }
  }
  return hits;
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
  // hits the log says were let through (by their sha256) and values a plan kept (sha256 of the value as it stood)
  const allowed = new Set(log.cables.flatMap((c) => [...(c.residual?.hits ?? []).map((h) => h.sha256), ...(c.plan?.kept ?? []).map((k) => k.sha256)]));
  const marks = markPattern([...new Set(log.cables.flatMap((c) => c.marks ?? []))]);
  const residual = scanViewsResidual(reading.reader, categories, { marks }).filter((h) => !allowed.has(h.sha256) && !allowed.has(sha256(h.text)));
  return { leaks, residual, reading };
}
