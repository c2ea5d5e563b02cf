/**
 * "People the cable protects": each person a drafter marked (`(protect)`), with every mention of
 * them, decided at once — Redact all, or Keep all with a reason (the audit log records it). Beside
 * them: the mentions of a surname another person of the cable shares (decided apart), each marker
 * that names no one (a role, a pronoun, a description) with the persons named near it, any of
 * whom the reviewer may protect. The decisions are the plan's (`sources`), which the server keeps.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { RedactionView } from './api.js';
import type { Highlight } from './text.js';

export type PersonView = RedactionView['people'][number];

/** Scrolls a mention into view in the review text. */
function showPlace(id: string): void {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

/** The mentions of the people drawn in the review text: a click redacts or keeps all of that person's at once. */
export function peopleHighlights(people: PersonView[], onDecide: (p: PersonView, action: 'redact' | 'keep') => void): Highlight[] {
  const out: Highlight[] = [];
  for (const p of people) {
    if (p.person === null) continue;
    const keep = p.action === 'keep';
    p.mentions.forEach((m, i) => {
      if (!m.clean) return;
      out.push({
        start: m.clean.start,
        end: m.clean.end,
        className: `proposal cat-source${keep ? ' keep' : ''}${p.candidate ? ' candidate' : ''}`,
        tip: `${p.person}${p.candidate ? ' (not marked)' : ''}: ${keep ? 'kept — press to redact every mention' : 'redacted — press to keep (with a reason)'}`,
        data: { person: p.key, mention: i, action: p.action },
        id: `person-${p.key}-${i}`,
        pressed: !keep,
        onActivate: () => onDecide(p, keep ? 'redact' : 'keep'),
      });
    });
  }
  return out;
}

function Mentions(props: { p: PersonView }): JSX.Element {
  const { p } = props;
  return (
    <span class="mentions muted">
      {p.mentions.length} mention{p.mentions.length === 1 ? '' : 's'}
      {p.mentions.some((m) => m.clean) && ': '}
      {p.mentions.map((m, i) =>
        m.clean ? (
          <a key={i} href={`#person-${p.key}-${i}`} onClick={(e) => (e.preventDefault(), showPlace(`person-${p.key}-${i}`))}>
            {i > 0 ? ', ' : ''}
            {m.where}
          </a>
        ) : (
          <span key={i}>{`${i > 0 ? ', ' : ''}${m.where}`}</span>
        ),
      )}
    </span>
  );
}

/** One person: the name and role, the mentions, Redact all / Keep all… (a reason). */
function PersonEntry(props: { p: PersonView; onDecide: (action: 'redact' | 'keep', reason?: string) => void }): JSX.Element {
  const { p, onDecide } = props;
  const [keeping, setKeeping] = useState(false);
  const [reason, setReason] = useState(p.reason ?? '');
  const name = p.ambiguous ? `${p.person!.split(/\s+/).pop()} alone` : p.person!;
  const state = p.action === 'keep' ? (p.candidate ? 'not protected' : `kept: ${p.reason ?? ''}`) : 'redacted';
  return (
    <li class={`person${p.action === 'keep' ? ' kept' : ''}`} data-person={p.key} data-action={p.action} data-name={p.person ?? ''}>
      <strong>{name}</strong>
      {p.role && <span class="muted"> ({p.role})</span>} <span class="state">{state}</span>{' '}
      <button type="button" class="person-redact" aria-pressed={p.action === 'redact' ? 'true' : 'false'} onClick={() => (setKeeping(false), onDecide('redact'))}>
        {p.candidate ? 'Protect' : 'Redact all'}
      </button>{' '}
      <button type="button" class="person-keep" aria-pressed={p.action === 'keep' ? 'true' : 'false'} onClick={() => (p.candidate ? onDecide('keep') : setKeeping(true))}>
        {p.candidate ? 'Not protected' : 'Keep all…'}
      </button>
      {keeping && (
        <form class="keep-reason" onSubmit={(e) => (e.preventDefault(), reason.trim() && (onDecide('keep', reason.trim()), setKeeping(false)))}>
          <label>
            Why keep {name}? (goes in the audit log) <input value={reason} required maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>{' '}
          <button type="submit">Keep</button>{' '}
          <button type="button" onClick={() => setKeeping(false)}>
            Cancel
          </button>
        </form>
      )}
      <div>
        <Mentions p={p} />
      </div>
      {p.review && !p.candidate && <div class="review-note">{p.review}</div>}
    </li>
  );
}

/** A marker that names no one, and the persons named near it (each may be protected). */
function OpenMarker(props: { p: PersonView; people: PersonView[]; onDecide: (p: PersonView, action: 'redact' | 'keep') => void }): JSX.Element {
  const { p, people, onDecide } = props;
  const marker = p.markers[0];
  return (
    <li class="open-marker" data-open-marker={p.key}>
      <strong>{marker?.value}</strong> in {marker?.where} names no one <span class="muted">(after “{p.description}”)</span>
      {p.candidates?.length ? (
        <ul class="candidates">
          {p.candidates.map((c) => {
            const person = people[c.key]!;
            return (
              <li key={c.key} data-candidate={c.key}>
                {c.person} <span class="muted">({person.mentions.length} mention{person.mentions.length === 1 ? '' : 's'})</span>{' '}
                <button type="button" class="person-redact" aria-pressed={person.action === 'redact' ? 'true' : 'false'} onClick={() => onDecide(person, 'redact')}>
                  Protect
                </button>{' '}
                <button type="button" class="person-keep" aria-pressed={person.action === 'keep' ? 'true' : 'false'} onClick={() => onDecide(person, 'keep')}>
                  Not this one
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <span class="muted"> — no one is named near it</span>
      )}
    </li>
  );
}

export function PeopleList(props: { people: PersonView[]; onDecide: (p: PersonView, action: 'redact' | 'keep', reason?: string) => void }): JSX.Element | null {
  const { people, onDecide } = props;
  const marked = people.filter((p) => p.person !== null && !p.candidate);
  const open = people.filter((p) => p.person === null);
  if (marked.length === 0 && open.length === 0) return null;
  return (
    <section class="people" aria-labelledby="people-title" id="people">
      <h3 id="people-title">People the cable protects</h3>
      <p class="muted">The drafter marked these people “(protect)”. Each is one decision: every mention at once.</p>
      <ul class="plain">
        {marked.map((p) => (
          <PersonEntry key={p.key} p={p} onDecide={(action, reason) => onDecide(p, action, reason)} />
        ))}
        {open.map((p) => (
          <OpenMarker key={p.key} p={p} people={people} onDecide={onDecide} />
        ))}
      </ul>
    </section>
  );
}
