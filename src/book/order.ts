/**
 * The order of a book's chapters and its parts: `--order input|date|id` and
 * `--group-by none|origin|tag|month`. Pure functions over cables.
 */
import type { Cable } from '../model/cable.js';

export type BookOrder = 'input' | 'date' | 'id';
/** The old name of `BookOrder` (`--sort`). */
export type BookSort = BookOrder;
export type BookGroupBy = 'none' | 'origin' | 'tag' | 'month';

export const BOOK_ORDERS: readonly BookOrder[] = ['input', 'date', 'id'];
export const BOOK_GROUPS: readonly BookGroupBy[] = ['none', 'origin', 'tag', 'month'];

export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ID = /^(\d{2})([A-Z][A-Z-]*?)(\d+)$/;

/**
 * Cable ids in the order a reader expects: by year (`72…` before `08…`), then origin, then
 * serial number as a number (`08STATE24735` before `08STATE125628`). Ids of another shape
 * compare as text, after the cable ids.
 */
export function compareCableIds(a: string, b: string): number {
  const ma = ID.exec(a);
  const mb = ID.exec(b);
  if (ma && mb) {
    const year = (m: RegExpExecArray) => {
      const yy = Number(m[1]);
      return yy >= 50 ? 1900 + yy : 2000 + yy;
    };
    return year(ma) - year(mb) || compareBytes(ma[2]!, mb[2]!) || Number(ma[3]) - Number(mb[3]) || compareBytes(a, b);
  }
  if (ma !== mb && (ma || mb)) return ma ? -1 : 1;
  return compareBytes(a, b);
}

/** Dates compare as written (ISO), undated cables last, ties by id. */
function byDate(a: Cable, b: Cable): number {
  if (a.date && b.date && a.date !== b.date) return compareBytes(a.date, b.date);
  if (!a.date !== !b.date) return a.date ? -1 : 1;
  return compareCableIds(a.id, b.id);
}

/** The chapters in the given order: as read (`input`), by date (undated last), or by id. */
export function sortCables(cables: Cable[], order: BookOrder = 'input'): Cable[] {
  if (order === 'input') return [...cables];
  return [...cables].sort(order === 'id' ? (a, b) => compareCableIds(a.id, b.id) : byDate);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A group: the key it sorts by (empty for the catch-all group, which goes last) and its title. */
export interface GroupKey {
  key: string;
  title: string;
}

/** The group a cable goes under. A cable with several tags goes under its first. */
export function groupOf(cable: Cable, groupBy: BookGroupBy): GroupKey {
  switch (groupBy) {
    case 'origin':
      return cable.origin ? { key: cable.origin, title: cable.origin } : { key: '', title: 'Unknown origin' };
    case 'tag': {
      const tag = cable.tags[0];
      return tag ? { key: tag, title: tag } : { key: '', title: 'No tags' };
    }
    case 'month': {
      const m = /^(\d{4})-(\d{2})/.exec(cable.date ?? '');
      return m ? { key: `${m[1]}-${m[2]}`, title: `${MONTHS[Number(m[2]) - 1]} ${m[1]}` } : { key: '', title: 'Undated' };
    }
    default:
      return { key: '', title: '' };
  }
}

export interface Grouped {
  cables: Cable[];
  /** One per group, in book order: its title and the chapters it holds (`first`, `count`). */
  groups: { title: string; key: string; first: number; count: number }[];
}

/**
 * Groups ordered cables: groups sorted by key (origins and tags alphabetically, months in time;
 * unknown origin, no tags and undated last), chapters keeping their order inside a group.
 */
export function groupCables(ordered: Cable[], groupBy: BookGroupBy = 'none'): Grouped {
  if (groupBy === 'none') return { cables: ordered, groups: [] };
  const byKey = new Map<string, { title: string; cables: Cable[] }>();
  for (const cable of ordered) {
    const g = groupOf(cable, groupBy);
    let group = byKey.get(g.key);
    if (!group) byKey.set(g.key, (group = { title: g.title, cables: [] }));
    group.cables.push(cable);
  }
  const keys = [...byKey.keys()].sort((a, b) => (!a !== !b ? (a ? -1 : 1) : compareBytes(a, b)));
  const cables: Cable[] = [];
  const groups: Grouped['groups'] = [];
  for (const key of keys) {
    const group = byKey.get(key)!;
    groups.push({ title: group.title, key, first: cables.length, count: group.cables.length });
    cables.push(...group.cables);
  }
  return { cables, groups };
}
