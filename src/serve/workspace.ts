/**
 * What one workbench run holds: the cables loaded so far (each with the text it was read from),
 * the bulk CSVs uploaded to the run's temporary folder, and the documents made for download.
 * Everything lives in memory or in that folder, and goes when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cable } from '../model/cable.js';
import { errorLine } from '../errors.js';
import { readCableSource, csvRecordSource, type CableSource } from '../review/source.js';
import { bannerText } from '../model/banner.js';
import { CsvSource } from './csv.js';
import { reviewCable, type CableReview } from '../review/review.js';
import type { PlanState } from './plans.js';
import { textSlots } from '../redact/apply/fields.js';
import { findSourceMarkers } from '../redact/detect/source-markers.js';

export interface LoadedCable extends CableSource {
  handle: string;
  /** The file name as the user gave it (or `pasted text 2`, `cables.csv:17`). */
  name: string;
}

export interface FailedInput {
  handle: string;
  name: string;
  /** The CLI's one line: `FILE: problem`. */
  error: string;
}

export type Entry = LoadedCable | FailedInput;

export const isLoaded = (e: Entry): e is LoadedCable => 'cable' in e;

/** One line of the list of loaded cables. */
export interface EntrySummary {
  handle: string;
  name: string;
  id?: string;
  date?: string | null;
  banner?: string;
  subject?: string | null;
  repairs?: number;
  warnings?: number;
  /** The cable carries a source marker (`(protect)`): the page redacts protected sources by default. */
  protects?: boolean;
  error?: string;
}

export function summarize(e: Entry): EntrySummary {
  if (!isLoaded(e)) return { handle: e.handle, name: e.name, error: e.error };
  const c: Cable = e.cable;
  return {
    handle: e.handle,
    name: e.name,
    id: c.id,
    date: c.date,
    banner: bannerText(c.classification),
    subject: c.subject,
    repairs: c.repairs.length,
    warnings: c.warnings.length,
    ...(textSlots(c).some((s) => findSourceMarkers(s.text).length > 0) ? { protects: true } : {}),
  };
}

/** A made document, kept until the run ends so the page can link to it (download or preview). */
export interface Made {
  handle: string;
  name: string;
  type: string;
  data: Uint8Array;
}

export class Workspace {
  /** The run's temporary folder: uploads go here and nowhere else. */
  readonly dir: string;
  private readonly entries = new Map<string, Entry>();
  private readonly csvs = new Map<string, CsvSource>();
  private readonly made = new Map<string, Made>();
  private readonly reviews = new Map<string, CableReview>();
  private readonly plans = new Map<string, PlanState>();
  private counter = 0;
  private pasted = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'cablekit-serve-'));
  }

  private next(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  /** One uploaded file. A bad file becomes a failed entry with the CLI's one line; it stops nothing. */
  addFile(name: string, bytes: Uint8Array): Entry {
    const handle = this.next('c');
    let entry: Entry;
    try {
      entry = { handle, name, ...readCableSource(bytes, name) };
    } catch (err) {
      entry = { handle, name, error: errorLine(err) };
    }
    this.entries.set(handle, entry);
    return entry;
  }

  addPasted(text: string): Entry {
    return this.addFile(`pasted text ${++this.pasted}`, Buffer.from(text, 'utf8'));
  }

  async addCsvRow(csv: CsvSource, row: number): Promise<Entry> {
    const handle = this.next('c');
    const name = `${csv.name}:${row}`;
    let entry: Entry;
    try {
      entry = { handle, name, ...csvRecordSource(await csv.record(row)) };
    } catch (err) {
      entry = { handle, name, error: errorLine(err) };
    }
    this.entries.set(handle, entry);
    return entry;
  }

  /** A cable read some other way (from a search index): its entry, or a failed one with the CLI's line. */
  async addSource(name: string, read: () => Promise<CableSource>): Promise<Entry> {
    const handle = this.next('c');
    let entry: Entry;
    try {
      const { cable, source } = await read();
      entry = { handle, name, cable, source };
    } catch (err) {
      entry = { handle, name, error: errorLine(err) };
    }
    this.entries.set(handle, entry);
    return entry;
  }

  /** A path in the temporary folder for an upload (never a name the user chose). */
  uploadPath(): string {
    return join(this.dir, `upload-${++this.counter}.csv`);
  }

  addCsv(csv: CsvSource): string {
    const handle = this.next('csv');
    this.csvs.set(handle, csv);
    return handle;
  }

  csv(handle: string): CsvSource | undefined {
    return this.csvs.get(handle);
  }

  get(handle: string): Entry | undefined {
    return this.entries.get(handle);
  }

  remove(handle: string): boolean {
    this.reviews.delete(handle);
    this.plans.delete(handle);
    return this.entries.delete(handle);
  }

  /** The review of a loaded cable (input and clean text, places), made once. */
  review(entry: LoadedCable): CableReview {
    let review = this.reviews.get(entry.handle);
    if (!review) this.reviews.set(entry.handle, (review = reviewCable(entry)));
    return review;
  }

  /** The cable's redaction plan entry as reviewed so far, if any. */
  plan(handle: string): PlanState | undefined {
    return this.plans.get(handle);
  }

  setPlan(handle: string, state: PlanState): void {
    this.plans.set(handle, state);
  }

  list(): Entry[] {
    return [...this.entries.values()];
  }

  keep(doc: Omit<Made, 'handle'>): Made {
    const made = { ...doc, handle: this.next('d') };
    this.made.set(made.handle, made);
    // The page shows the newest; older documents are dropped so memory stays bounded.
    if (this.made.size > 32) this.made.delete(this.made.keys().next().value!);
    return made;
  }

  document(handle: string): Made | undefined {
    return this.made.get(handle);
  }

  /** Removes the temporary folder and everything in it. Safe to call twice. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
