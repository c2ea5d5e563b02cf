/**
 * Searching a release indexed with `cablekit index` (the workbench started with
 * `cablekit serve --index release.db`): a search box in the CLI's `--query` syntax, facets with
 * counts (origin, year, classification, tags) that narrow the search as `--filter` does, pages of
 * hits with their snippets highlighted, opening a hit into the cable views, and ticking hits into
 * the briefing book. Everything is searched on the server, from the index file: nothing is uploaded.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { call, type EntrySummary } from './api.js';
import { errorText, usePage } from './use-page.js';
import { Pager } from './pager.js';
import type { Facets, IndexHit } from '../../dist/search/search.js';

export interface SearchInfo {
  name: string;
  cables: number;
  failed: number;
}

type Hit = IndexHit & { handle: string | null };

interface Page {
  total: number;
  offset: number;
  hits: Hit[];
  facets: Facets | null;
  filter: string[];
}

/** A narrowing picked from the facets (or typed): as `--filter` reads it. */
interface Narrowing {
  kind: 'origin' | 'year' | 'classification' | 'tag';
  value: string;
}

const PAGE = 20;

export const searchApi = {
  info: () => call<{ index: SearchInfo | null }>('GET', '/api/search/info'),
  search: (q: URLSearchParams) => call<Page>('GET', `/api/search?${q}`),
  open: (n: number[]) => call<{ entries: EntrySummary[] }>('POST', '/api/search/open', { n }),
};

function params(query: string, order: string, narrowing: Narrowing[], offset: number, facets: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (query.trim()) p.set('q', query);
  if (order) p.set('order', order);
  for (const n of narrowing) {
    if (n.kind === 'tag') p.append('tag', n.value);
    else if (n.kind === 'year') {
      p.set('from', n.value);
      p.set('to', n.value);
    } else p.set(n.kind, n.value);
  }
  p.set('offset', String(offset));
  p.set('limit', String(PAGE));
  if (!facets) p.set('facets', '0');
  return p;
}

/** The snippet's text with its hits marked (as text nodes and <mark> elements: never HTML). */
function SnippetText(props: { text: string; hits: [number, number][] }): JSX.Element {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  props.hits.forEach(([s, e], i) => {
    if (s > at) parts.push(props.text.slice(at, s));
    parts.push(<mark key={i}>{props.text.slice(s, e)}</mark>);
    at = e;
  });
  parts.push(props.text.slice(at));
  return <p class="snippet">{parts}</p>;
}

const FACETS: [keyof Facets, Narrowing['kind'], string][] = [
  ['origin', 'origin', 'Origin'],
  ['year', 'year', 'Year'],
  ['classification', 'classification', 'Classification'],
  ['tags', 'tag', 'Tags'],
];

export function SearchView(props: {
  info: SearchInfo;
  ticked: string[];
  /** Hits opened: show the first in the cable views. */
  onOpened: (entries: EntrySummary[]) => void;
  /** A hit ticked (its cable opened in the workspace) or unticked. */
  onTick: (handle: string, on: boolean) => void;
}): JSX.Element {
  const { info } = props;
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState('');
  const [narrowing, setNarrowing] = useState<Narrowing[]>([]);
  const [offset, setOffset] = useState(0);
  const [opened, setOpened] = useState<Map<number, string>>(new Map());
  /** Hits ticked whose cable is still being opened: shown ticked at once. */
  const [pending, setPending] = useState<Set<number>>(new Set());

  const { page, error, busy, setError } = usePage<Page>(() => searchApi.search(params(query, order, narrowing, offset, offset === 0)), [
    query,
    order,
    JSON.stringify(narrowing),
    offset,
  ]);
  // Facets come with the first page of a search, and stay while its later pages are read: shown
  // in the same render as the page that brings them.
  const facetsSeen = useRef<Facets | null>(null);
  if (page?.facets) facetsSeen.current = page.facets;
  const facets = facetsSeen.current;

  const narrow = (n: Narrowing) => {
    const others = narrowing.filter((x) => x.kind === 'tag' || x.kind !== n.kind);
    if (others.some((x) => x.kind === n.kind && x.value === n.value)) return;
    setNarrowing([...others, n]);
    setOffset(0);
  };
  const unnarrow = (n: Narrowing) => {
    setNarrowing(narrowing.filter((x) => x !== n));
    setOffset(0);
  };
  const handleOf = (h: Hit): string | null => opened.get(h.n) ?? h.handle;
  const openHits = async (hits: Hit[]): Promise<EntrySummary[]> => {
    const r = await searchApi.open(hits.map((h) => h.n));
    setOpened((old) => {
      const next = new Map(old);
      hits.forEach((h, i) => {
        const e = r.entries[i];
        if (e && !e.error) next.set(h.n, e.handle);
      });
      return next;
    });
    return r.entries;
  };
  const open = async (h: Hit) => {
    try {
      props.onOpened(await openHits([h]));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const tick = async (h: Hit, on: boolean) => {
    const known = handleOf(h);
    if (known) return props.onTick(known, on);
    if (!on) return;
    setPending((p) => new Set(p).add(h.n));
    try {
      const entry = (await openHits([h]))[0];
      if (entry?.error) setError(entry.error);
      else if (entry) props.onTick(entry.handle, true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(h.n);
        return next;
      });
    }
  };

  const total = page?.total ?? 0;
  return (
    <section class="search-view" aria-labelledby="search-title">
      <h2 id="search-title">
        Search {info.name} <span class="muted">— {info.cables.toLocaleString('en')} cables</span>
      </h2>
      <p class="muted search-note">
        Searched on this computer in the index made by <code>cablekit index</code>: with an index, uploading the bulk CSV is optional — a whole
        release is searched here without an upload and without the 100 MB limit.
        {info.failed > 0 && ` ${info.failed.toLocaleString('en')} inputs could not be read when it was built.`}
      </p>
      <form
        class="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setQuery(typed);
        }}
      >
        <input
          id="search-query"
          type="search"
          aria-label="Search"
          value={typed}
          placeholder={'"cluster munitions" tag:PARM -canada'}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <label>
          Order
          <select id="search-order" value={order} onChange={(e) => (setOrder(e.currentTarget.value), setOffset(0))}>
            <option value="">best first</option>
            <option value="date">by date</option>
            <option value="input">as indexed</option>
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <p class="muted syntax">
        Words, "phrases", OR, -word, prefix*, and subject: tag: origin: id: — as <code>cablekit select --index … --query</code> reads them.
      </p>
      {narrowing.length > 0 && (
        <ul class="narrowing" id="search-filters" aria-label="Narrowed by">
          {narrowing.map((n) => (
            <li key={`${n.kind}:${n.value}`}>
              <button type="button" class="chip" aria-label={`Remove ${n.kind} ${n.value}`} onClick={() => unnarrow(n)}>
                {n.kind}: {n.value} ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="refusal" role="alert">
          {error}
        </p>
      )}
      <div class="search-body">
        <nav class="facets" aria-label="Facets">
          {facets &&
            FACETS.map(([key, kind, label]) => (
              <details key={key} open={key !== 'year' || facets.year.length <= 12}>
                <summary>{label}</summary>
                <ul class="plain">
                  {facets[key].map((f) => (
                    <li key={f.value}>
                      <button type="button" class="link facet" data-facet={kind} data-value={f.value} onClick={() => narrow({ kind, value: f.value })}>
                        {f.value} <span class="count">{f.count.toLocaleString('en')}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
            ))}
        </nav>
        <div class="hits">
          <Pager id="search-count" noun={['cable', 'cables']} label="Pages" total={total} offset={offset} size={PAGE} busy={busy} loaded={!!page} onOffset={setOffset} />
          <ol class="search-results" id="search-results" start={offset + 1}>
            {(page?.hits ?? []).map((h) => {
              const handle = handleOf(h);
              return (
                <li key={h.n} data-id={h.id} data-n={h.n}>
                  <div class="hit-head">
                    <input
                      type="checkbox"
                      aria-label={`Put ${h.id} in the book`}
                      checked={handle ? props.ticked.includes(handle) : pending.has(h.n)}
                      onChange={(e) => void tick(h, e.currentTarget.checked)}
                    />
                    <button type="button" class="link hit-id" aria-label={`Open ${h.id}`} onClick={() => void open(h)}>
                      {h.id}
                    </button>
                    <span class="meta">
                      {h.date?.slice(0, 10) ?? 'undated'} · {h.classification} · {h.origin ?? '—'}
                      {h.tags.length > 0 && ` · ${h.tags.join(', ')}`}
                    </span>
                  </div>
                  <p class="subject">{h.subject ?? ''}</p>
                  {h.snippet && <SnippetText text={h.snippet.text} hits={h.snippet.hits} />}
                </li>
              );
            })}
          </ol>
        </div>
      </div>
    </section>
  );
}
