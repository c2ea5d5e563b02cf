/**
 * Browsing a bulk `cables.csv` (read on the server, never sent whole to the page): filters by id,
 * origin, date range, classification, tag and text, a result count, pages of 50 rows, and opening
 * rows as cables.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type CsvInfo, type CsvPage, type EntrySummary } from './api.js';
import { errorText, usePage } from './use-page.js';
import { Pager } from './pager.js';

const PAGE = 50;
const FILTERS: [string, string, string][] = [
  ['id', 'Id', '08OTTAWA* or /^08/'],
  ['origin', 'Origin', 'OTTAWA,STATE'],
  ['from', 'From date', 'YYYY[-MM[-DD]]'],
  ['to', 'To date', 'YYYY[-MM[-DD]]'],
  ['classification', 'Classification', 'SECRET,CONFIDENTIAL'],
  ['tag', 'Tag', 'PARM,PREL (any of)'],
  ['text', 'Text', 'a pattern: cluster munitions'],
];

export function CsvView(props: { csv: CsvInfo; onOpened: (entries: EntrySummary[]) => void }): JSX.Element {
  const { csv, onOpened } = props;
  const [form, setForm] = useState<Record<string, string>>({});
  const [query, setQuery] = useState<Record<string, string>>({});
  const [offset, setOffset] = useState(0);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const { page, error, busy, setError } = usePage<CsvPage>(() => api.queryCsv(csv.handle, { ...query, offset, limit: PAGE }), [csv.handle, JSON.stringify(query), offset]);

  const open = async (rows: number[]) => {
    try {
      const r = await api.openCsvRows(csv.handle, rows);
      setTicked(new Set());
      onOpened(r.entries);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const total = page?.total ?? 0;
  return (
    <section class="csv-view" aria-labelledby="csv-title">
      <h2 id="csv-title">
        {csv.name} <span class="muted">— {csv.rows.toLocaleString('en')} rows{csv.unreadable ? `, ${csv.unreadable} unreadable` : ''}</span>
      </h2>
      <form
        class="filters"
        aria-label="Filter rows"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setQuery({ ...form });
        }}
      >
        {FILTERS.map(([key, label, placeholder]) => (
          <label key={key}>
            {label}
            <input name={key} value={form[key] ?? ''} placeholder={placeholder} onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} />
          </label>
        ))}
        <button type="submit">Filter</button>
        <button
          type="button"
          onClick={() => {
            setForm({});
            setQuery({});
            setOffset(0);
          }}
        >
          Clear
        </button>
      </form>
      {error && (
        <p class="refusal" role="alert">
          {error}
        </p>
      )}
      <Pager id="csv-count" noun={['matching row', 'matching rows']} rangeLabel="rows " label="Rows" total={total} offset={offset} size={PAGE} busy={busy} loaded={!!page} onOffset={setOffset}>
        <button type="button" disabled={ticked.size === 0} onClick={() => open([...ticked])}>
          Open {ticked.size || ''} ticked
        </button>
      </Pager>
      <table class="grid rows">
        <caption class="sr-only">Rows of {csv.name}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Tick</span>
            </th>
            <th scope="col">Row</th>
            <th scope="col">Id</th>
            <th scope="col">Date</th>
            <th scope="col">Origin</th>
            <th scope="col">Classification</th>
            <th scope="col">Tags</th>
            <th scope="col">Subject</th>
            <th scope="col">
              <span class="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(page?.rows ?? []).map((r) => (
            <tr key={r.row}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Tick ${r.id}`}
                  checked={ticked.has(r.row)}
                  onChange={(e) => {
                    const next = new Set(ticked);
                    if (e.currentTarget.checked) next.add(r.row);
                    else next.delete(r.row);
                    setTicked(next);
                  }}
                />
              </td>
              <td>{r.row}</td>
              <td>{r.id}</td>
              <td>{r.date?.slice(0, 10) ?? '—'}</td>
              <td>{r.origin}</td>
              <td>{r.classification}</td>
              <td>{r.tags.join(', ')}</td>
              <td>{r.subject ?? '—'}</td>
              <td>
                <button type="button" onClick={() => open([r.row])} aria-label={`Open ${r.id}`}>
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.errors.length > 0 && (
        <details>
          <summary>Unreadable rows</summary>
          <ul class="plain">
            {page.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
