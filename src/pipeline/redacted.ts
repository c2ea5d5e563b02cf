/**
 * The redacting conversion (`convertCable` with redaction, a level filter or a plan): transform,
 * write, then read the written bytes back and fail closed on a leak. Loaded by ./convert.ts on
 * first use.
 */
import type { Cable } from '../model/cable.js';
import { getWriter } from '../writers/registry.js';
import '../writers/builtin.js';
import { redactCable, type RedactionDecisions } from '../redact/apply/apply.js';
import { auditCable, type AuditCable } from '../redact/audit/audit.js';
import { writeAuditEntry } from '../redact/audit/audit-file.js';
import { checkOutput, residualCategories, settleChecks } from '../redact/verify/check.js';
import { markPattern, scanCableResidual } from '../redact/verify/residual.js';
import { checkSourceFields } from '../redact/verify/sources.js';
import { residualKeeps } from '../redact/audit/audit.js';
import { templateMarkLabels } from './marks.js';
import { decisionsFromPlan, findPlanCable } from '../redact/apply/plan.js';
import { sha256 } from '../redact/fingerprint.js';
import type { ConvertHooks, ConvertOptions, ConvertResult } from './options.js';

export async function convertRedacted(cable: Cable, options: ConvertOptions, hooks: ConvertHooks = {}): Promise<ConvertResult> {
  const warnings: string[] = [];
  const style = options.redactionStyle ?? 'box';
  const categories = options.redact ?? [];
  let maxLevel = options.maxLevel;
  let decisions: RedactionDecisions | undefined;
  let planHash: string | undefined;
  if (options.plan) {
    const entry = findPlanCable(options.plan, cable);
    decisions = decisionsFromPlan(entry, options.plan);
    maxLevel = decisions.maxLevel;
    planHash = sha256(JSON.stringify(entry));
  }
  const { cable: transformed, report } = redactCable(cable, {
    categories,
    style,
    terms: options.redactTerms,
    patterns: options.redactPatterns,
    maxLevel,
    decisions,
  });
  for (const line of report.review) warnings.push(`${cable.id}: ${line}`);
  // no form of a protected person's name left in the fields (places a reviewer kept aside)
  checkSourceFields(transformed, report.sources, report.keptPlaces, cable.id);
  const residual = residualCategories(transformed.redaction?.categories ?? []);
  // names a reviewer kept are decided at their places (the source check); the second look lets kept contact values through
  const keptContacts = report.kept.filter((k) => k.category !== 'source');
  const kept = keptContacts.map((k) => k.value);

  const writer = hooks.writer ?? getWriter(options.format);
  const out = await writer(transformed, { ...options, redactionStyle: style, warnings });
  // fail closed: read the bytes back as a reader would; a leak or a residual contact throws and nothing is written
  const lowered = transformed.classification.level !== cable.classification.level;
  const paged = options.format === 'pdf' || options.format === 'docx';
  // a bar's text layer, a label: whatever the template makes a mark say is a mark
  const markLabels = paged ? templateMarkLabels(options.template) : null;
  const checked = await checkOutput(out.data, options.format, {
    probes: report.probes,
    banner: lowered ? transformed.classification.level : undefined,
    residual,
    kept,
    marks: markLabels ? markPattern(markLabels) : null,
    cable: cable.id,
  });
  hooks.onRead?.(checked.reading);
  // a residual hit in the output: the scan of the cable's fields names where it came from. With values a reviewer kept, the fields are always scanned: a keep holds at its own place
  // only, and the output, read back without places, can only tell a kept value by its form
  const fieldHits =
    checked.residual.length || keptContacts.length ? scanCableResidual(transformed, residual, { kept, keptPlaces: report.keptPlaces }) : [];
  const allowed = settleChecks(checked.leaks, [...fieldHits, ...checked.residual], options.allowResidual, cable.id);
  const audit = auditCable(cable.id, report, { categories: transformed.redaction?.categories ?? categories, style, maxLevel, plan: planHash });
  if (markLabels) audit.marks = markLabels;
  const decided = [...residualKeeps(report), ...allowed];
  if (decided.length) audit.residual = { hits: decided };
  if (options.audit) await writeAuditEntry(options.audit, audit);
  return { ...out, cable: transformed, warnings, audit };
}
