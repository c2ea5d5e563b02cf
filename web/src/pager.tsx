/**
 * The count and the page buttons above a list of results read a page at a time (the CSV
 * browser's rows, the index search's hits): "1,234 cables · 21–40", ← Previous, Next →, and any
 * buttons of the view's own after them.
 */
import type { ComponentChildren, JSX } from 'preact';

export function Pager(props: {
  /** The id of the count line (tests and screen readers find it by it). */
  id: string;
  /** What is counted, singular and plural: ['cable', 'cables']. */
  noun: [string, string];
  /** Words before the range: 'rows ' gives "· rows 1–50". */
  rangeLabel?: string;
  /** The toolbar's label for assistive technology. */
  label: string;
  total: number;
  offset: number;
  size: number;
  busy: boolean;
  /** A page has arrived (before the first, no range is shown). */
  loaded: boolean;
  onOffset: (offset: number) => void;
  children?: ComponentChildren;
}): JSX.Element {
  const { total, offset, size } = props;
  return (
    <>
      <p id={props.id} aria-live="polite">
        {props.busy ? 'searching…' : `${total.toLocaleString('en')} ${total === 1 ? props.noun[0] : props.noun[1]}`}
        {props.loaded && total > 0 && ` · ${props.rangeLabel ?? ''}${offset + 1}–${Math.min(offset + size, total)}`}
      </p>
      <div class="toolbar" role="group" aria-label={props.label}>
        <button type="button" disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - size))}>
          ← Previous
        </button>
        <button type="button" disabled={offset + size >= total} onClick={() => props.onOffset(offset + size)}>
          Next →
        </button>
        {props.children}
      </div>
    </>
  );
}
