/**
 * What the index keeps of one parsed cable (made in the build's worker threads): its fields as
 * columns, its body as `text~` reads it (and the full-text index searches it), its tags as one
 * token each for `tag:` queries, and its clean text with the Cable model, deflated.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Cable } from '../model/cable.js';
import { formatCable } from '../writers/format.js';
import { cableBodyText, cableFilterSubject, type FilterSubject } from '../select/filter.js';

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
  /** The body as `text~` reads it (`cableBodyText`), for the full-text index, and deflated, to keep. */
  body: string;
  packedBody: Uint8Array;
  /** Its clean text (`formatCable(cable, 'text')`) and the Cable as JSON, deflated together (see `packDoc`). */
  doc: Uint8Array;
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

export const pack = (s: string): Uint8Array => new Uint8Array(deflateRawSync(Buffer.from(s, 'utf8'), { level: 4 }));
export const unpack = (b: Uint8Array): string => inflateRawSync(b).toString('utf8');

/** `LENGTH\nTEXT JSON`: the clean text, then the model (whose texts the clean text already holds: deflate finds them). */
export function packDoc(text: string, cable: Cable): Uint8Array {
  return pack(`${text.length}\n${text}${JSON.stringify(cable)}`);
}

export function unpackDoc(b: Uint8Array): { text: string; cable: () => Cable } {
  const s = unpack(b);
  const nl = s.indexOf('\n');
  const start = nl + 1;
  const end = start + Number(s.slice(0, nl));
  return { text: s.slice(start, end), cable: () => JSON.parse(s.slice(end)) as Cable };
}

export function indexRow(cable: Cable): IndexedRow {
  const body = cableBodyText(cable);
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
    body,
    packedBody: pack(body),
    doc: packDoc(formatCable(cable, 'text'), cable),
    subjectOfFilter: cableFilterSubject(cable),
  };
}
