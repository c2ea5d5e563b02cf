/**
 * The workbench page: loading cables (picker, folder, drop, paste, bulk CSV), the list of loaded
 * cables with their one-line errors, the selected cable in tabs (repairs, header, redaction and
 * documents), the CSV browser, and the briefing book of ticked cables.
 */
import { render, type JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, download, type CableDetail, type CsvInfo, type EntrySummary } from './api.js';
import { fromDrop, fromInput, upload, type NamedFile } from './load.js';
import { RepairsTab } from './repairs-tab.js';
import { HeaderTab } from './header-tab.js';
import { effectiveChoices, RedactionTab, type DocumentSettings } from './redaction-tab.js';
import { CsvView } from './csv-view.js';
import { SearchView, searchApi, type SearchInfo } from './search-view.js';

type Tab = 'repairs' | 'header' | 'redaction';
type View = { kind: 'cable'; handle: string } | { kind: 'csv'; handle: string } | { kind: 'search' } | { kind: 'none' };

function CableView(props: {
  handle: string;
  settings: DocumentSettings;
  onSettings: (s: DocumentSettings) => void;
  onStatus: (m: string) => void;
}): JSX.Element {
  const [detail, setDetail] = useState<CableDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('repairs');
  useEffect(() => {
    let live = true;
    setDetail(null);
    api.cable(props.handle).then(
      (d) => live && (setDetail(d), setError(null)),
      (e) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [props.handle]);
  if (error)
    return (
      <p class="refusal" role="alert">
        {error}
      </p>
    );
  if (!detail) return <p class="muted">reading…</p>;
  const s = detail.summary;
  const tabs: [Tab, string][] = [
    ['repairs', `Repairs (${s.repairs})`],
    ['header', 'Header'],
    ['redaction', 'Redaction and documents'],
  ];
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.findIndex(([t]) => t === tab);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]![0];
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <article class="cable-view" aria-labelledby="cable-title">
      <h2 id="cable-title">
        <span class="banner-chip">{s.banner}</span> {s.id} <span class="subject">{s.subject ?? ''}</span>
      </h2>
      <p class="muted source-name">{s.name}</p>
      <div role="tablist" aria-label="Views of this cable" onKeyDown={onTabKey}>
        {tabs.map(([t, label]) => (
          <button
            key={t}
            id={`tab-${t}`}
            role="tab"
            type="button"
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'repairs' && <RepairsTab detail={detail} />}
        {tab === 'header' && <HeaderTab cable={detail.cable} />}
        {tab === 'redaction' && <RedactionTab detail={detail} settings={props.settings} onSettings={props.onSettings} onStatus={props.onStatus} />}
      </div>
    </article>
  );
}

function BookPanel(props: { ticked: string[]; settings: DocumentSettings; protects: boolean; onStatus: (m: string) => void }): JSX.Element {
  const [title, setTitle] = useState('Briefing book');
  const [format, setFormat] = useState<'pdf' | 'docx'>('pdf');
  const [sort, setSort] = useState('date');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const make = async () => {
    setBusy(true);
    try {
      const o = await api.book({ cables: props.ticked, format, title, sort, choices: effectiveChoices(props.settings, props.protects) });
      download(o.document);
      setRefusal(null);
      props.onStatus(`${o.document.name}: ${props.ticked.length} cables, ${o.document.pages ?? '?'} pages`);
    } catch (e) {
      setRefusal(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  // protected sources: on by default when a ticked cable carries a marker
  const c = effectiveChoices(props.settings, props.protects);
  const redaction = [...(c.redact ?? []), c.maxLevel ? `max ${c.maxLevel}` : ''].filter(Boolean).join(', ');
  return (
    <section class="book-panel" aria-labelledby="book-title">
      <h2 id="book-title">Briefing book</h2>
      <p class="muted">
        {props.ticked.length} cable{props.ticked.length === 1 ? '' : 's'} ticked · redaction: {redaction || 'none'}
      </p>
      <label>
        Title
        <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <div class="row">
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.currentTarget.value as 'pdf' | 'docx')}>
            <option value="pdf">PDF</option>
            <option value="docx">DOCX</option>
          </select>
        </label>
        <label>
          Order
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value)}>
            <option value="date">by date</option>
            <option value="id">by id</option>
            <option value="input">as listed</option>
          </select>
        </label>
      </div>
      <button type="button" id="make-book" disabled={busy || props.ticked.length === 0} onClick={make}>
        {busy ? 'Making the book…' : 'Download book'}
      </button>
      {refusal && (
        <p class="refusal" role="alert">
          {refusal}
        </p>
      )}
    </section>
  );
}

function App(): JSX.Element {
  const [entries, setEntries] = useState<EntrySummary[]>([]);
  const [csvs, setCsvs] = useState<CsvInfo[]>([]);
  const [view, setView] = useState<View>({ kind: 'none' });
  const [ticked, setTicked] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [settings, setSettings] = useState<DocumentSettings>({ choices: { redact: ['email', 'phone', 'fax', 'url', 'address'], maxLevel: null, style: 'box' }, template: 'cable' });
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const csvRef = useRef<HTMLInputElement>(null);
  const pasteRef = useRef<HTMLDialogElement>(null);
  const [pasted, setPasted] = useState('');

  const refresh = () => api.list().then((r) => setEntries(r.cables), (e) => setStatus(String(e.message ?? e)));
  // A search index given to `cablekit serve --index`: the page opens on its search.
  const [index, setIndex] = useState<SearchInfo | null>(null);
  useEffect(() => {
    void refresh();
    searchApi.info().then(
      (r) => {
        setIndex(r.index);
        if (r.index) setView((v) => (v.kind === 'none' ? { kind: 'search' } : v));
      },
      () => undefined,
    );
  }, []);

  const load = async (files: NamedFile[]) => {
    if (!files.length) return;
    setStatus(`loading ${files.length} file${files.length === 1 ? '' : 's'}…`);
    const r = await upload(files, (done, total) => setStatus(`loading ${done} of ${total}…`));
    await refresh();
    if (r.csvs.length) setCsvs((old) => [...old, ...r.csvs]);
    setErrors(r.errors);
    const bad = r.entries.filter((e) => e.error).length;
    const good = r.entries.length - bad;
    const parts = [
      good || !r.csvs.length ? `${good} cable${good === 1 ? '' : 's'}` : '',
      ...r.csvs.map((c) => `${c.name} (${c.rows.toLocaleString('en')} rows)`),
    ].filter(Boolean);
    setStatus(
      `loaded ${parts.join(', ')}` +
        (bad ? `; ${bad} not read (see the list)` : '') +
        (r.errors.length ? `; ${r.errors.length} refused` : '') +
        (r.skipped ? `; ${r.skipped} files of other kinds skipped` : ''),
    );
    const first = r.entries.find((e) => !e.error);
    if (r.csvs.length) setView({ kind: 'csv', handle: r.csvs[0]!.handle });
    else if (first) setView({ kind: 'cable', handle: first.handle });
  };

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = async (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      setDragging(false);
      await load(await fromDrop(e.dataTransfer));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const onPicked = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = fromInput(input);
    input.value = '';
    void load(files);
  };

  const remove = async (handle: string) => {
    await api.remove(handle).catch(() => undefined);
    setTicked((t) => t.filter((h) => h !== handle));
    if (view.kind === 'cable' && view.handle === handle) setView({ kind: 'none' });
    await refresh();
  };

  const loaded = entries.filter((e) => !e.error);
  return (
    <div class={`app${dragging ? ' dragging' : ''}`}>
      <header class="top">
        <h1>cablekit workbench</h1>
        <div class="toolbar" role="group" aria-label="Load cables">
          <button type="button" onClick={() => filesRef.current?.click()}>
            Open files…
          </button>
          <button type="button" onClick={() => folderRef.current?.click()}>
            Open folder…
          </button>
          <button type="button" onClick={() => pasteRef.current?.showModal()}>
            Paste text…
          </button>
          <button type="button" onClick={() => csvRef.current?.click()}>
            Open cables.csv…
          </button>
        </div>
        <input ref={filesRef} id="pick-files" type="file" multiple accept=".txt,.text,.html,.htm,.csv,text/plain,text/html,text/csv" class="sr-only" tabIndex={-1} aria-label="Cable files" onChange={onPicked} />
        <input ref={folderRef} id="pick-folder" type="file" multiple class="sr-only" tabIndex={-1} aria-label="A folder of cables" onChange={onPicked} {...{ webkitdirectory: true }} />
        <input ref={csvRef} id="pick-csv" type="file" accept=".csv,text/csv" class="sr-only" tabIndex={-1} aria-label="A bulk cables.csv" onChange={onPicked} />
      </header>

      <dialog ref={pasteRef} aria-labelledby="paste-title" class="paste">
        <form
          method="dialog"
          onSubmit={async () => {
            const text = pasted;
            setPasted('');
            if (!text.trim()) return;
            try {
              const r = await api.paste(text);
              await refresh();
              if (!r.entry.error) setView({ kind: 'cable', handle: r.entry.handle });
              setStatus(r.entry.error ?? `loaded ${r.entry.id}`);
            } catch (err) {
              setStatus(err instanceof ApiError ? err.message : String(err));
            }
          }}
        >
          <h2 id="paste-title">Paste a cable</h2>
          <label>
            Cable text
            <textarea id="paste-text" rows={16} cols={80} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
          </label>
          <div class="toolbar">
            <button type="submit" value="load">
              Load
            </button>
            <button type="button" onClick={() => pasteRef.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>

      <div class="body">
        <aside aria-label="Loaded cables">
          <h2>Cables</h2>
          {entries.length === 0 && <p class="muted">Drop cable files, a folder or a cables.csv anywhere on this page, or use the buttons above.</p>}
          <ul id="cable-list" class="cable-list">
            {entries.map((e) =>
              e.error ? (
                <li key={e.handle} class="failed" data-handle={e.handle}>
                  <span class="error-line" role="note">
                    {e.error}
                  </span>
                  <button type="button" class="link" aria-label={`Remove ${e.name}`} onClick={() => remove(e.handle)}>
                    remove
                  </button>
                </li>
              ) : (
                <li key={e.handle} class={view.kind === 'cable' && view.handle === e.handle ? 'current' : ''} data-handle={e.handle} data-id={e.id}>
                  <input
                    type="checkbox"
                    aria-label={`Put ${e.id} in the book`}
                    checked={ticked.includes(e.handle)}
                    onChange={(ev) => setTicked((t) => (ev.currentTarget.checked ? [...t, e.handle] : t.filter((h) => h !== e.handle)))}
                  />
                  <button type="button" class="pick" aria-current={view.kind === 'cable' && view.handle === e.handle} onClick={() => setView({ kind: 'cable', handle: e.handle })}>
                    <span class="id">{e.id}</span>
                    <span class="meta">
                      {e.date?.slice(0, 10) ?? 'undated'} · {e.repairs} repairs{e.warnings ? ` · ${e.warnings} warnings` : ''}
                    </span>
                    <span class="subject">{e.subject ?? ''}</span>
                  </button>
                  <button type="button" class="link" aria-label={`Remove ${e.id}`} onClick={() => remove(e.handle)}>
                    ×
                  </button>
                </li>
              ),
            )}
          </ul>
          {index && (
            <>
              <h2>Search index</h2>
              <ul class="cable-list">
                <li class={view.kind === 'search' ? 'current' : ''}>
                  <button type="button" class="pick" id="show-search" onClick={() => setView({ kind: 'search' })}>
                    <span class="id">{index.name}</span>
                    <span class="meta">{index.cables.toLocaleString('en')} cables</span>
                  </button>
                </li>
              </ul>
            </>
          )}
          {csvs.length > 0 && (
            <>
              <h2>Bulk CSV</h2>
              <ul class="cable-list">
                {csvs.map((c) => (
                  <li key={c.handle} class={view.kind === 'csv' && view.handle === c.handle ? 'current' : ''}>
                    <button type="button" class="pick" onClick={() => setView({ kind: 'csv', handle: c.handle })}>
                      <span class="id">{c.name}</span>
                      <span class="meta">{c.rows.toLocaleString('en')} rows</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {loaded.length > 0 && (
            <div class="toolbar">
              <button type="button" onClick={() => setTicked(loaded.map((e) => e.handle))}>
                Tick all
              </button>
              <button type="button" onClick={() => setTicked([])}>
                Untick all
              </button>
            </div>
          )}
          <BookPanel ticked={ticked.filter((h) => loaded.some((e) => e.handle === h))} settings={settings} protects={loaded.some((e) => ticked.includes(e.handle) && e.protects)} onStatus={setStatus} />
        </aside>

        <main id="main">
          {errors.length > 0 && (
            <ul class="refusal" role="alert">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
          {view.kind === 'cable' && <CableView key={view.handle} handle={view.handle} settings={settings} onSettings={setSettings} onStatus={setStatus} />}
          {index && (
            // kept while a cable is shown, so the search, its page and its facets are there on return
            <div hidden={view.kind !== 'search'}>
              <SearchView
                info={index}
                ticked={ticked}
                onOpened={async (opened) => {
                  await refresh();
                  const first = opened.find((e) => !e.error);
                  if (first) setView({ kind: 'cable', handle: first.handle });
                  else if (opened[0]?.error) setStatus(opened[0].error);
                }}
                onTick={(handle, on) => {
                  setTicked((t) => (on ? (t.includes(handle) ? t : [...t, handle]) : t.filter((h) => h !== handle)));
                  void refresh();
                }}
              />
            </div>
          )}
          {view.kind === 'csv' && csvs.find((c) => c.handle === view.handle) && (
            <CsvView
              csv={csvs.find((c) => c.handle === view.handle)!}
              onOpened={async (opened) => {
                await refresh();
                const first = opened.find((e) => !e.error);
                setStatus(`opened ${opened.length} row${opened.length === 1 ? '' : 's'}`);
                if (first) setView({ kind: 'cable', handle: first.handle });
              }}
            />
          )}
          {view.kind === 'none' && (
            <section class="welcome" aria-labelledby="welcome-title">
              <h2 id="welcome-title">See what cablekit does to a cable before you hand it out</h2>
              <p>
                Load cables with the buttons above or by dropping files or a folder here. Each cable shows its input beside the clean text with
                every repair marked, its header fields, and the redactions it proposes — which you can keep or take back — with page 1 of the PDF.
              </p>
              <p class="muted">Everything stays on this computer: the workbench makes no network requests and keeps nothing after it stops.</p>
            </section>
          )}
        </main>
      </div>
      <div class="status" role="status" aria-live="polite" id="status">
        {status}
      </div>
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          Drop cable files, folders or a cables.csv
        </div>
      )}
    </div>
  );
}

render(<App />, document.getElementById('app')!);
