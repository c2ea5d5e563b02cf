/**
 * Redaction for outputs made of many cables (briefing books): redact each cable, then verify
 * the one output against every cable's probes, run the residual scan on each cable and on the
 * book's pages, and write the audit log. Same fail-closed rule as `convertCable`: a leak or a
 * residual contact (without `allowResidual`) throws before anything is written.
 */
import type { Cable } from '../model/cable.js';
import { redactCable } from './apply/apply.js';
import type { RedactionStyle } from '../model/redaction.js';
import { auditCable, type AuditCable } from './audit/audit.js';
import { writeAuditEntry } from './audit/audit-file.js';
import type { Probe } from './fingerprint.js';
import type { VerifiableFormat } from './verify/verify.js';
import { checkOutput, residualCategories, settleChecks } from './verify/check.js';
import { allowanceFor, ResidualError, scanCableResidual, type PlacedResidualHit, type ResidualAllowance } from './verify/residual.js';
import { residualKeeps } from './audit/audit.js';
import { decisionsFromPlan, findPlanCable, type RedactionPlan } from './apply/plan.js';
import { checkRedactionRequest, wantsRedaction, type RedactionRequest } from './request.js';
import { sha256 } from './fingerprint.js';
import { checkSourceFields } from './verify/sources.js';

/** What to redact (typed: see RedactionRequest), how redactions show, and what goes with it: an audit log, a reviewed plan, hits let through. */
export interface RedactionSettings extends RedactionRequest {
  redactionStyle?: RedactionStyle;
  /** Path of the audit log to write (JSON); `{id}` in it is replaced by the cable id. */
  audit?: string;
  /**
   * A reviewed redaction plan (`cablekit plan`, src/redact/apply/plan.ts): its decisions for each
   * cable are applied exactly, instead of `redact`, `maxLevel`, `redactTerms` and `redactPatterns`.
   */
  plan?: RedactionPlan;
  /**
   * Residual-scan (second look) hits let through by name, each with a reason (`--allow-residual
   * SHA256=REASON`): recorded in the audit log with the hit's place and sha256. Any other hit
   * fails the conversion.
   */
  allowResidual?: ResidualAllowance[];
}

export interface RedactedSet {
  cables: Cable[];
  audit: AuditCable[];
  /**
   * Verifies the finished output's bytes — probes, and the residual scan of every page — (throws
   * LeakError or ResidualError), then writes the audit log if asked.
   */
  verify(data: Uint8Array, format: VerifiableFormat, file?: string | null, options?: { marks?: RegExp | null }): Promise<void>;
}

export function redactCables(cables: Cable[], settings: RedactionSettings): RedactedSet {
  checkRedactionRequest(settings);
  if (!wantsRedaction(settings)) return { cables, audit: [], verify: async () => undefined };
  const categories = settings.redact ?? [];
  const maxLevel = settings.maxLevel;
  const style = settings.redactionStyle ?? 'box';
  const probes: Probe[] = [];
  const audit: AuditCable[] = [];
  const residual = new Set<string>();
  const kept: string[] = [];
  const fieldHits: PlacedResidualHit[] = [];
  const keeps: ReturnType<typeof residualKeeps>[] = [];
  const out = cables.map((cable) => {
    const entry = settings.plan ? findPlanCable(settings.plan, cable) : undefined;
    const decisions = entry ? decisionsFromPlan(entry, settings.plan) : undefined;
    const { cable: redacted, report } = redactCable(cable, {
      categories,
      style,
      terms: settings.redactTerms,
      patterns: settings.redactPatterns,
      maxLevel,
      decisions,
    });
    probes.push(...report.probes);
    checkSourceFields(redacted, report.sources, report.keptPlaces, cable.id);
    // the residual scan of each redacted cable, field by field, before the book is made
    const cats = residualCategories(redacted.redaction?.categories ?? []);
    for (const c of cats) residual.add(c);
    const keptValues = report.kept.filter((k) => k.category !== 'source').map((k) => k.value);
    kept.push(...keptValues);
    const hits = scanCableResidual(redacted, cats, { kept: keptValues, keptPlaces: report.keptPlaces });
    const refused = hits.filter((h) => !allowanceFor(h, settings.allowResidual ?? []));
    if (refused.length) throw new ResidualError(refused, cable.id);
    fieldHits.push(...hits);
    keeps.push(residualKeeps(report));
    audit.push(
      auditCable(cable.id, report, {
        categories: redacted.redaction?.categories ?? categories,
        style,
        maxLevel: decisions ? decisions.maxLevel : maxLevel,
        plan: entry ? sha256(JSON.stringify(entry)) : undefined,
      }),
    );
    return redacted;
  });
  return {
    cables: out,
    audit,
    verify: async (data, format, file = null, options = {}) => {
      const checked = await checkOutput(data, format, { probes, residual, kept, marks: options.marks });
      const bookHits = checked.residual.map((h) => ({ ...h, where: `book ${h.where}` }));
      settleChecks(checked.leaks, [...fieldHits, ...bookHits], settings.allowResidual, file);
      for (const [i, entry] of audit.entries()) {
        const own = fieldHits.filter((h) => h.cable === entry.id);
        const allowed = settleChecks([], [...own, ...bookHits], settings.allowResidual, entry.id);
        const decided = [...keeps[i]!, ...allowed];
        if (decided.length) entry.residual = { hits: decided };
      }
      if (settings.audit) for (const entry of audit) await writeAuditEntry(settings.audit, entry);
    },
  };
}

export { publicOptionValue } from './audit/public-options.js';
