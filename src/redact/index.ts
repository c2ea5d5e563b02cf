/** Redaction and classification filtering: detectors, the apply step, audit log, verifier. */
export { detect } from './detect.js';
export { mergeSpans } from './merge.js';
export { normalizeForDetection } from './normalized-text.js';
export { detectEmails } from './email.js';
export { detectUrls } from './url.js';
export { detectPhones } from './phone.js';
export { detectAddresses } from './address.js';
export { detectTerms, parseTermsFile } from './terms.js';
export { detectPatterns } from './pattern.js';
export { detectNames } from './names.js';
export { regionForOrigin } from './region.js';
export { redactCable, placeholder, BOX_LENGTH, proposeRedactions, proposeDecisions, applyDecisions, RedactionMismatch } from './apply.js';
export type { RedactOptions, RedactionRecord, RedactionReport, RedactionStyle, Proposal, RedactionDecisions, ProposeSettings } from './apply.js';
export { filterByLevel, levelProposals, withholdParts, echoesLevelAbove, parseLevel } from './level.js';
export { textSlots, LINE_FIELDS, TEXT_FIELDS } from './fields.js';
export type { TextSlot, Place } from './fields.js';
export {
  buildPlan,
  planCable,
  applyPlan,
  planDecisions,
  decisionsFromPlan,
  findPlanCable,
  parsePlan,
  serializePlan,
  cableTextSha256,
  PLAN_FORMAT,
  PLAN_VERSION,
} from './plan.js';
export type { RedactionPlan, PlanCable, PlanRedaction, PlanWithheld, PlanAddedSpan, PlanAction, PlanOptions, PlanOptionsRecord } from './plan.js';
export type { WithheldPart, LevelFilterResult } from './level.js';
export { auditCable, auditLog, serializeAudit, parseAudit, auditProbes, residualKeeps } from './audit.js';
export type { AuditLog, AuditCable, AuditRedaction, AuditWithheld, AuditResidualHit } from './audit.js';
export { compact, valueProbe, withheldProbes, findProbes } from './fingerprint.js';
export type { Probe } from './fingerprint.js';
export { findLeaks, verifyOutput, verifyWrittenFile, outputViews, readOutput, leaksIn, sniffFormat, pdfStrings, LeakError } from './verify.js';
export type { Leak, OutputView, OutputReading, VerifiableFormat } from './verify.js';
export {
  scanResidual,
  residualHits,
  scanCableResidual,
  scanViewsResidual,
  ResidualError,
  RESIDUAL_CATEGORIES,
  residualId,
  markPattern,
  parseAllowance,
  parseAllowanceFile,
  allowanceFor,
} from './residual.js';
export type { ResidualHit, PlacedResidualHit, ResidualCategory, ResidualAllowance, ScanOptions, CableScanOptions } from './residual.js';
export { checkOutput, checkAgainstAudit, settleChecks, residualCategories } from './check.js';
export type { OutputChecks, CheckResult } from './check.js';
export { levelEchoesIn } from './level.js';
export { parseRedactCategories } from './categories.js';
export { REDACTION_CATEGORIES, CONTACT_CATEGORIES } from './types.js';
export type { RedactionCategory, Span, DetectContext, Detector } from './types.js';
export { redactCables, publicOptionValue } from './set.js';
export type { RedactionSettings, RedactedSet } from './set.js';
