/**
 * The input text beside the clean text, every repair highlighted at its place in both (colour by
 * kind family; hover or focus shows before → after), warnings listed and linked to their line.
 */
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import type { CableDetail } from './api.js';
import { Marked, type Highlight } from './text.js';

/** Kinds grouped for colour: markup residue, structure, words, white space (a kind not listed: `other`). */
const FAMILIES: Record<string, string> = {
  'paragraph-marker': 'markup',
  'reference-marker': 'markup',
  'wiki-link': 'markup',
  autolink: 'markup',
  'markdown-heading': 'markup',
  'section-marker': 'structure',
  'split-paragraph': 'structure',
  'split-paragraph-marker': 'structure',
  'inline-paragraph': 'structure',
  'heading-rule': 'structure',
  sipdis: 'structure',
  'handling-repeat': 'structure',
  footer: 'structure',
  'signature-split': 'structure',
  'classified-by': 'structure',
  'tag-split': 'words',
  'tag-fix': 'words',
  'wrapped-word': 'words',
  'apostrophe-comma': 'words',
  'telegraph-quotes': 'words',
  'hyphen-wrap': 'words',
  'garbled-repeat': 'words',
  'stray-one': 'words',
  'trailing-space': 'space',
  'line-ends': 'space',
  'line-end-backslash': 'space',
  encoding: 'space',
};

export const family = (kind: string): string => FAMILIES[kind] ?? 'other';

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

export function repairTip(r: { kind: string; before: string; after: string }): string {
  return `${r.kind}: ${short(r.before) || '∅'} → ${short(r.after) || '(removed)'}`;
}

/** Moves focus to the counterpart of a highlight in the other pane. */
function jump(to: HTMLElement | null, selector: string): void {
  const el = to?.querySelector<HTMLElement>(selector);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

export function RepairsTab({ detail }: { detail: CableDetail }): JSX.Element {
  const { review } = detail;
  const rawPane = useRef<HTMLPreElement>(null);
  const cleanPane = useRef<HTMLPreElement>(null);

  const rawMarks: Highlight[] = [];
  const cleanMarks: Highlight[] = [];
  const wholeFile: typeof review.repairs = [];
  for (const r of review.repairs) {
    const base = { className: `repair fam-${family(r.kind)}${r.rawExact ? '' : ' line'}`, tip: repairTip(r), data: { repair: r.index, kind: r.kind } };
    if (r.raw) rawMarks.push({ ...base, start: r.raw.start, end: r.raw.end });
    if (r.clean) cleanMarks.push({ ...base, start: r.clean.start, end: r.clean.end });
    else wholeFile.push(r);
  }
  for (const w of review.warnings) {
    if (w.raw) rawMarks.push({ start: w.raw.start, end: w.raw.start, className: 'warning-anchor', tip: `warning (${w.kind}): ${w.message}`, data: { warning: w.index } });
  }

  // Activating a repair in one pane shows it in the other.
  const onKey = (other: () => HTMLElement | null) => (e: MouseEvent | KeyboardEvent) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-repair]');
    if (!target) return;
    if (e instanceof KeyboardEvent && e.key !== 'Enter') return;
    jump(other(), `[data-repair="${target.dataset.repair}"]`);
  };

  const counts = new Map<string, number>();
  for (const r of review.repairs) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);

  return (
    <div class="repairs-tab">
      <p class="hint">
        {review.repairs.length} repairs, {review.warnings.length} warnings. Hover or focus a highlight for before → after; Enter or a click
        shows it in the other pane.
      </p>
      <ul class="legend" aria-label="Repairs by kind">
        {[...counts].map(([kind, n]) => (
          <li key={kind}>
            <span class={`swatch fam-${family(kind)}`} aria-hidden="true" /> {kind} ×{n}
          </li>
        ))}
      </ul>
      <div class="panes">
        <section class="pane" aria-labelledby="raw-title">
          <h3 id="raw-title">Input text</h3>
          <pre id="raw" ref={rawPane} tabIndex={-1} onClick={onKey(() => cleanPane.current)} onKeyDown={onKey(() => cleanPane.current)}>
            <Marked text={review.raw} highlights={rawMarks} />
          </pre>
        </section>
        <section class="pane" aria-labelledby="clean-title">
          <h3 id="clean-title">Clean text</h3>
          <pre id="clean" ref={cleanPane} tabIndex={-1} onClick={onKey(() => rawPane.current)} onKeyDown={onKey(() => rawPane.current)}>
            <Marked text={review.clean} highlights={cleanMarks} />
          </pre>
        </section>
      </div>
      {wholeFile.length > 0 && (
        <section aria-labelledby="whole-title">
          <h3 id="whole-title">Repairs of the whole file</h3>
          <ul id="whole-file" class="plain">
            {wholeFile.map((r) => (
              <li key={r.index} data-repair={r.index} data-kind={r.kind}>
                <span class={`swatch fam-${family(r.kind)}`} aria-hidden="true" /> {repairTip(r)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="warnings-title">
        <h3 id="warnings-title">Warnings</h3>
        {review.warnings.length === 0 ? (
          <p class="hint">None.</p>
        ) : (
          <ul id="warnings" class="plain">
            {review.warnings.map((w) => (
              <li key={w.index}>
                {w.raw ? (
                  <button type="button" class="link" onClick={() => jump(rawPane.current, `[data-warning="${w.index}"]`)}>
                    line {w.line}
                  </button>
                ) : (
                  <span class="muted">no line</span>
                )}{' '}
                <strong>{w.kind}</strong>: {w.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
