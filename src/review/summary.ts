/**
 * The summary of a collection of cables (`cablekit inspect --summary`): how many were read and
 * refused, counts by warning kind with the cables that have most of each, and the reader's own
 * account — words lost and gaps in the paragraph numbers, the source's gaps apart from the
 * reader's. Pure: the CLI reads the cables and prints `formatSummary`.
 */
import type { Cable } from '../model/cable.js';
import type { ReadingAudit } from './audit.js';

export interface SummaryItem {
  /** How the cable is named in the summary (its file name, or `cables.csv:ROW`). */
  name: string;
  /** The cable read (only its warnings are counted); none when it was refused. */
  cable?: Pick<Cable, 'warnings'>;
  audit?: ReadingAudit;
  /** The one-line error of a refused input. */
  error?: string;
}

export interface SummaryKind {
  kind: string;
  /** Cables with at least one. */
  cables: number;
  /** Times in all. */
  count: number;
  /** The cables with most, most first (ties by name), with their counts. */
  worst: Array<{ name: string; count: number }>;
}

export interface CollectionSummary {
  inputs: number;
  read: number;
  refused: Array<{ name: string; error: string }>;
  /** Warning kinds, most cables first. */
  warnings: SummaryKind[];
  /** Gaps in the paragraph numbers that the source has (warned about, not the reader's doing). */
  sourceGaps: SummaryKind;
  /** Gaps the reader made: the input holds the missing paragraph number. */
  readerGaps: SummaryKind;
  /** Words of the input lost by the reader (in neither the clean text nor a repair). */
  lostWords: SummaryKind;
  /** Cables read with no word lost and no reader-made gap. */
  clean: number;
}

class Tally {
  private readonly per = new Map<string, number>();
  constructor(readonly kind: string) {}
  add(name: string, n = 1): void {
    if (n > 0) this.per.set(name, (this.per.get(name) ?? 0) + n);
  }
  result(worst: number): SummaryKind {
    const rows = [...this.per].map(([name, count]) => ({ name, count }));
    rows.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { kind: this.kind, cables: rows.length, count: rows.reduce((s, r) => s + r.count, 0), worst: rows.slice(0, worst) };
  }
}

export function summarizeCables(items: Iterable<SummaryItem>, options: { worst?: number } = {}): CollectionSummary {
  const worst = options.worst ?? 3;
  const kinds = new Map<string, Tally>();
  const sourceGaps = new Tally('gaps the source has');
  const readerGaps = new Tally('gaps the reader made');
  const lost = new Tally('words lost by the reader');
  const refused: Array<{ name: string; error: string }> = [];
  let inputs = 0;
  let read = 0;
  let clean = 0;
  for (const item of items) {
    inputs++;
    if (!item.cable) {
      refused.push({ name: item.name, error: item.error ?? 'not read' });
      continue;
    }
    read++;
    for (const w of item.cable.warnings) {
      let t = kinds.get(w.kind);
      if (!t) kinds.set(w.kind, (t = new Tally(w.kind)));
      t.add(item.name);
    }
    const a = item.audit;
    if (!a) continue;
    sourceGaps.add(item.name, a.sourceGaps.length);
    readerGaps.add(item.name, a.readerGaps.length);
    lost.add(item.name, a.lostWords.length);
    if (!a.lostWords.length && !a.readerGaps.length) clean++;
  }
  const warnings = [...kinds.values()].map((t) => t.result(worst));
  warnings.sort((a, b) => b.cables - a.cables || b.count - a.count || (a.kind < b.kind ? -1 : 1));
  return { inputs, read, refused, warnings, sourceGaps: sourceGaps.result(worst), readerGaps: readerGaps.result(worst), lostWords: lost.result(worst), clean };
}

/** The summary as a table for a terminal. */
export function formatSummary(s: CollectionSummary, title: string): string {
  const out: string[] = [];
  out.push(`${title}: ${s.inputs} input${s.inputs === 1 ? '' : 's'}, ${s.read} read, ${s.refused.length} refused`);
  out.push(`read cleanly (no word lost, no gap the reader made): ${s.clean} of ${s.read}${s.read ? ` (${((100 * s.clean) / s.read).toFixed(1)}%)` : ''}`);
  const rows: string[][] = [['WARNING KIND', 'CABLES', 'TIMES', 'MOST']];
  const row = (k: SummaryKind, label = k.kind) => rows.push([label, String(k.cables), String(k.count), k.worst.map((w) => `${w.name} ×${w.count}`).join(', ') || '—']);
  for (const k of s.warnings) row(k);
  if (!s.warnings.length) rows.push(['(no warnings)', '', '', '']);
  rows.push(['', '', '', '']);
  rows.push(['THE READER\'S ACCOUNT', '', '', '']);
  row(s.sourceGaps);
  row(s.readerGaps);
  row(s.lostWords);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  out.push('');
  for (const r of rows) {
    if (r.every((c) => c === '')) {
      out.push('');
      continue;
    }
    out.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : i === r.length - 1 ? c : c.padStart(widths[i]!))).join('  ').trimEnd());
  }
  if (s.refused.length) {
    out.push('', 'REFUSED');
    for (const r of s.refused) out.push(`  ${r.error}`);
  }
  return out.join('\n') + '\n';
}
