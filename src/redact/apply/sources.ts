/**
 * The protected-sources detector's finding (src/redact/detect/sources.ts) as decisions, when no
 * plan decides: every mention of every person a marker marks is redacted — the bare-surname
 * mentions another person of the cable shares too (fail safe) — and nothing of a marker that names
 * no one (a plan lists it, with candidates, for a reviewer to pick).
 */
import type { Cable } from '../../model/cable.js';
import { findProtectedSources, type ProtectedPerson, type SourceMention } from '../detect/sources.js';
import type { Proposal, SourceDecision } from './decisions.js';

export function mentionProposal(m: SourceMention): Proposal {
  return {
    field: m.field,
    paragraph: m.paragraph,
    index: m.index,
    ...(m.bullet !== undefined ? { bullet: m.bullet } : {}),
    offset: m.offset,
    length: m.length,
    category: 'source',
    detector: 'sources',
    value: m.value,
  };
}

export function sourceDecision(p: ProtectedPerson, action: 'redact' | 'keep'): SourceDecision {
  return { person: p.name, forms: p.forms, others: p.others, action };
}

function where(p: { field: string; paragraph: number | null }): string {
  return p.paragraph !== null ? `paragraph ${p.paragraph}` : p.field;
}

/** The marked persons' mentions to redact, the persons the verifier then checks, and what a person should look at. */
export function proposeSources(cable: Cable): { redactions: Proposal[]; sources: SourceDecision[]; review: string[] } {
  const finding = findProtectedSources(cable);
  const marked = finding.people.filter((p) => !p.candidate);
  const review = [
    ...finding.unresolved.map(
      (u) => `the source marker ${u.value} in ${where(u)} names no one ("${u.description.slice(-50)}"): nothing redacted for it; decide it in a plan (cablekit plan --redact sources)${u.candidates.length ? `, which offers ${u.candidates.slice(0, 3).join(', ')}` : ''}`,
    ),
    ...marked.filter((p) => p.ambiguous.length).map((p) => `${p.name.split(/\s+/).pop()} alone may also be ${p.others.join(' or ')}: redacted; a plan decides it apart`),
  ];
  return {
    redactions: marked.flatMap((p) => [...p.mentions, ...p.ambiguous].map(mentionProposal)),
    sources: marked.map((p) => sourceDecision(p, 'redact')),
    review,
  };
}
