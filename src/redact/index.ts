/** Redaction and classification filtering: detectors, the apply step, audit log, verifier. */
export { detect } from './detect/registry.js';
export { mergeSpans } from './detect/merge.js';
export { normalizeForDetection } from './detect/normalized-text.js';
export { detectEmails } from './detect/email.js';
export { detectUrls } from './detect/url.js';
export { detectPhones } from './detect/phone.js';
export { detectAddresses } from './detect/address.js';
export { detectTerms, parseTermsFile } from './detect/terms.js';
export { detectPatterns } from './detect/pattern.js';
export { detectNames } from './detect/names.js';
export { findProtectedSources } from './detect/sources.js';
export type { ProtectedPerson, SourceFinding, SourceMention, UnresolvedMarker } from './detect/sources.js';
export { findSourceMarkers } from './detect/source-markers.js';
export type { SourceMarker } from './detect/source-markers.js';
export { regionForOrigin } from './detect/region.js';
export { redactCable, placeholder, proposeRedactions, proposeDecisions, applyDecisions, RedactionMismatch } from './apply/apply.js';
export { BOX_LENGTH, REDACTION_BOX } from '../model/redaction.js';
export type { RedactionStyle } from '../model/redaction.js';
export type { RedactOptions, RedactionRecord, RedactionReport, Proposal, RedactionDecisions, ProposeSettings, SourceDecision } from './apply/apply.js';
export { planSources } from './apply/plan-sources.js';
export { filterByLevel, levelProposals, withholdParts, echoesLevelAbove, parseLevel } from './apply/level.js';
export { textSlots, LINE_FIELDS, TEXT_FIELDS } from './apply/fields.js';
export type { TextSlot, Place } from './apply/fields.js';
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
} from './apply/plan.js';
export type { RedactionPlan, PlanCable, PlanRedaction, PlanWithheld, PlanAddedSpan, PlanAction, PlanOptions, PlanOptionsRecord, PlanSource, PlanSourceMention, PlanSourcePlace } from './apply/plan.js';
export type { WithheldPart, LevelFilterResult } from './apply/level.js';
export { auditCable, auditLog, serializeAudit, parseAudit, auditProbes, residualKeeps } from './audit/audit.js';
export type { AuditLog, AuditCable, AuditRedaction, AuditWithheld, AuditResidualHit } from './audit/audit.js';
export { compact, valueProbe, withheldProbes, findProbes } from './fingerprint.js';
export type { Probe } from './fingerprint.js';
export { findLeaks, verifyOutput, verifyWrittenFile, outputViews, readOutput, leaksIn, sniffFormat, pdfStrings, LeakError } from './verify/verify.js';
export type { Leak, OutputView, OutputReading, VerifiableFormat } from './verify/verify.js';
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
} from './verify/residual.js';
export type { ResidualHit, PlacedResidualHit, ResidualCategory, ResidualAllowance, ScanOptions, CableScanOptions } from './verify/residual.js';
export { checkOutput, checkAgainstAudit, settleChecks, residualCategories } from './verify/check.js';
export { nameId, nameKey, sourceFieldHits, sourceProbes, SourceLeakError } from './verify/sources.js';
export type { CheckedPerson, SourceFieldHit } from './verify/sources.js';
export type { OutputChecks, CheckResult } from './verify/check.js';
export { levelEchoesIn } from './apply/level.js';
export { parseRedactCategories } from './categories.js';
export { checkRedactionRequest } from './request.js';
export type { RedactionRequest } from './request.js';
export { REDACTION_CATEGORIES, CONTACT_CATEGORIES } from './types.js';
export type { RedactionCategory, Span, DetectContext, Detector } from './types.js';
export { redactCables, publicOptionValue } from './set.js';
export type { RedactionSettings, RedactedSet } from './set.js';
