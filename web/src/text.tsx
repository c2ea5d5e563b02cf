/**
 * Draws a text with marked spans, the places coming from the server. Text is only ever text
 * nodes (Preact escapes it): a cable holding `<script>` shows the characters.
 */
import type { ComponentChildren, JSX } from 'preact';

export interface Highlight {
  start: number;
  end: number;
  /** CSS classes. */
  className: string;
  /** What hover or focus shows (`apostrophe-comma: Canada,s → Canada's`). */
  tip: string;
  /** data-* attributes (`repair`, `proposal`, …) that tests and the other pane look for. */
  data?: Record<string, string | number>;
  /** An element id, for links that scroll to the span. */
  id?: string;
  /** When set, the span is a toggle button. */
  onActivate?: () => void;
  pressed?: boolean;
}

/** Text offsets of whole blocks drawn with a class (withheld paragraphs), under the highlights. */
export interface Region {
  start: number;
  end: number;
  className: string;
  label: string;
  /** A switch in the label (withhold ↔ show). */
  toggle?: { text: string; pressed: boolean; onActivate: () => void; data?: Record<string, string | number> };
}

function dataAttrs(data: Record<string, string | number> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) out[`data-${k}`] = String(v);
  return out;
}

const attrs = (h: Highlight) => dataAttrs(h.data);

function mark(h: Highlight, text: string, key: string): JSX.Element {
  const point = text === '';
  const className = `${h.className}${point ? ' point' : ''}`;
  if (h.onActivate) {
    return (
      <button
        key={key}
        type="button"
        class={className}
        title={h.tip}
        data-tip={h.tip}
        id={h.id}
        aria-pressed={h.pressed ? 'true' : 'false'}
        onClick={h.onActivate}
        {...attrs(h)}
      >
        {text}
      </button>
    );
  }
  return (
    <mark key={key} id={h.id} class={className} tabIndex={0} title={h.tip} data-tip={h.tip} aria-label={point ? h.tip : undefined} {...attrs(h)}>
      {text}
    </mark>
  );
}

/** Lays highlights over a slice of text; overlapping ones are cut at the previous end. */
function paint(text: string, from: number, to: number, highlights: Highlight[], keyBase: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let at = from;
  highlights.forEach((h, i) => {
    const start = Math.min(Math.max(h.start, at), to);
    const end = Math.min(Math.max(h.end, start), to);
    if (start > at) out.push(text.slice(at, start));
    out.push(mark(h, text.slice(start, end), `${keyBase}-${i}`));
    at = end;
  });
  if (at < to) out.push(text.slice(at, to));
  return out;
}

/**
 * The text with regions (e.g. withheld paragraphs, as blocks with a label) and highlights
 * (repairs or proposed redactions, each its own element even when it covers nothing).
 */
export function Marked(props: { text: string; highlights: Highlight[]; regions?: Region[] }): JSX.Element {
  const { text } = props;
  const highlights = [...props.highlights].sort((a, b) => a.start - b.start || a.end - b.end);
  const regions = [...(props.regions ?? [])].sort((a, b) => a.start - b.start);
  const inside = (from: number, to: number) => highlights.filter((h) => h.start >= from && h.start < to);
  const out: ComponentChildren[] = [];
  let at = 0;
  regions.forEach((r, i) => {
    if (r.start < at) return;
    out.push(...paint(text, at, r.start, inside(at, r.start), `t${i}`));
    out.push(
      <span key={`r${i}`} class={r.className} data-label={r.label} title={r.label}>
        <span class="region-label" data-skip="">
          {r.label}
          {r.toggle && (
            <>
              {' '}
              <button type="button" class="region-toggle" aria-pressed={r.toggle.pressed ? 'true' : 'false'} onClick={r.toggle.onActivate} {...dataAttrs(r.toggle.data)}>
                {r.toggle.text}
              </button>
            </>
          )}
        </span>
        {paint(text, r.start, r.end, inside(r.start, r.end), `r${i}`)}
      </span>,
    );
    at = r.end;
  });
  out.push(...paint(text, at, text.length, highlights.filter((h) => h.start >= at), 'end'));
  return <>{out}</>;
}
