/**
 * The page of results a view shows, fetched again whenever what it depends on changes: the
 * latest answer wins (an answer to an older question is dropped), with a busy flag and the
 * error line. Shared by the CSV browser and the search of an index.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';

export interface Paged<T> {
  page: T | null;
  error: string | null;
  busy: boolean;
  /** For errors of the view's other actions (opening rows, ticking hits). */
  setError: (e: string | null) => void;
}

/** A message for the page from whatever a request threw. */
export const errorText = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));

export function usePage<T>(fetch: () => Promise<T>, deps: readonly unknown[]): Paged<T> {
  const [page, setPage] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setBusy(true);
    fetch().then(
      (p) => {
        if (!live) return;
        setPage(p);
        setError(null);
        setBusy(false);
      },
      (e) => {
        if (!live) return;
        setError(errorText(e));
        setBusy(false);
      },
    );
    return () => {
      live = false;
    };
  }, deps);
  return { page, error, busy, setError };
}
