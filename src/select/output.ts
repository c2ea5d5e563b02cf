/**
 * What `cablekit select` prints for each selected cable: its id (`ids`), its row in the bulk
 * CSV's own form (`csv`: every field quoted, `\"` and `\\` escaped, as in the release, so the
 * output is itself a `cables.csv` that `render` and `book` read), or a JSON line (`jsonl`).
 */
import type { CsvCableRecord } from '../readers/csv/read.js';
import type { SelectedCable } from './select.js';

export const SELECT_FORMATS = ['ids', 'csv', 'jsonl'] as const;
export type SelectFormat = (typeof SELECT_FORMATS)[number];

/** The JSON line of a selected cable: where it is and what it is, not its text (`render --format json` has that). */
export interface SelectedLine {
  input: string;
  id: string;
  date: string | null;
  origin: string | null;
  classification: string;
  tags: string[];
  subject: string | null;
}

const csvField = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A row of the release, written back in its own form (the references joined with `|`). */
export function csvRecordLine(rec: CsvCableRecord): string {
  return `${[rec.sequence, rec.created, rec.id, rec.origin, rec.classification, rec.references.join('|'), rec.header, rec.body].map(csvField).join(',')}\n`;
}

export function selectedLine(s: SelectedCable): SelectedLine {
  const c = s.cable;
  return {
    input: s.input,
    id: c.id,
    date: c.date,
    origin: c.origin,
    classification: c.classification.level,
    tags: c.tags,
    subject: c.subject,
  };
}

/** The text printed for one selected cable, ending with a line break. `csv` needs a CSV row. */
export function formatSelected(s: SelectedCable, format: SelectFormat): string {
  if (format === 'ids') return `${s.cable.id}\n`;
  if (format === 'jsonl') return `${JSON.stringify(selectedLine(s))}\n`;
  if (!s.record) throw new Error(`--format csv writes rows of the bulk CSV; ${s.input} is a file`);
  return csvRecordLine(s.record);
}
