/**
 * What the index keeps of one parsed cable (made in the build's worker threads): its fields as
 * columns, its body as `text~` reads it (and the full-text index searches it), its tags as one
 * token each for `tag:` queries, and the Cable model and its clean text, deflated.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Cable } from '../model/cable.js';
import { formatCable } from '../format/index.js';
import { cableBodyText, cableFilterSubject, type FilterSubject } from '../csv/filter.js';

export interface IndexedRow {
  id: string;
  sourceId: string | null;
  date: string | null;
  origin: string | null;
  level: string;
  /** JSON arrays. */
  caveats: string;
  tags: string;
  refs: string;
  subject: string | null;
  tagkeys: string;
  body: string;
  /** The Cable as JSON, deflated. */
  cable: Uint8Array;
  /** Its clean text (`formatCable(cable, 'text')`), deflated. */
  text: Uint8Array;
  /** What `--filter` looks at on a parsed cable (a file input); CSV rows use their columns. */
  subjectOfFilter: FilterSubject;
}

/**
 * A tag as one search token: upper case, letters and digits only (`HUMAN RIGHTS` → `HUMANRIGHTS`,
 * `RICE, CONDOLEEZZA` → `RICECONDOLEEZZA`), so `tag:"human rights"` finds that tag and no other.
 */
export function tagKey(tag: string): string {
  return tag.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The ids of the cables a cable's references name. */
export function referenceIds(cable: Cable): string[] {
  const out: string[] = [];
  for (const r of cable.references) for (const id of r.ids ?? (r.id ? [r.id] : [])) if (!out.includes(id)) out.push(id);
  return out;
}

const pack = (s: string): Uint8Array => new Uint8Array(deflateRawSync(Buffer.from(s, 'utf8'), { level: 6 }));
export const unpack = (b: Uint8Array): string => inflateRawSync(b).toString('utf8');

export function indexRow(cable: Cable): IndexedRow {
  return {
    id: cable.id,
    sourceId: cable.sourceId,
    date: cable.date,
    origin: cable.origin,
    level: cable.classification.level,
    caveats: JSON.stringify(cable.classification.caveats),
    tags: JSON.stringify(cable.tags),
    refs: JSON.stringify(referenceIds(cable)),
    subject: cable.subject,
    tagkeys: cable.tags.map(tagKey).filter(Boolean).join(' '),
    body: cableBodyText(cable),
    cable: pack(JSON.stringify(cable)),
    text: pack(formatCable(cable, 'text')),
    subjectOfFilter: cableFilterSubject(cable),
  };
}

/** The stored Cable back from its deflated JSON. */
export function unpackCable(b: Uint8Array): Cable {
  return JSON.parse(unpack(b)) as Cable;
}
