/**
 * Redaction review: the choices (categories, terms, patterns, maximum level, style, template),
 * the clean text with every proposed redaction as a redact/keep toggle and withheld paragraphs
 * greyed with their reason, the people the cable protects (each one decision for all their
 * mentions: ./people.tsx), what the second look found (contact details the detectors missed,
 * each to redact or keep with a reason), the banner the output will carry, page 1 of the PDF beside
 * it, and the downloads. The state is the redaction plan the CLI reads and writes; the server keeps
 * it. A refused download lists the hits that stopped it, each a link to its place in the text.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, download, type CableDetail, type RedactionChoices, type RedactionView, type SecondLookHit, type Template } from './api.js';
import { Marked, type Highlight, type Region } from './text.js';
import { PeopleList, peopleHighlights, type PersonView } from './people.js';

export interface DocumentSettings {
  choices: RedactionChoices;
  template: Template;
  /** Protected sources asked for or not; unset: on for a cable that carries a marker (`(protect)`). */
  sources?: boolean;
}

/** The choices for a cable (or a book): the protected sources on when asked for, or by default when it carries a marker. */
export function effectiveChoices(settings: DocumentSettings, protects: boolean): RedactionChoices {
  const base = (settings.choices.redact ?? []).filter((c) => c !== 'sources');
  return { ...settings.choices, redact: (settings.sources ?? protects) ? [...base, 'sources'] : base };
}

const CATEGORIES: [string, string][] = [
  ['email', 'e-mail'],
  ['phone', 'phone'],
  ['fax', 'fax'],
  ['url', 'web address'],
  ['address', 'postal address'],
  ['names', 'names (contacts)'],
  ['sources', 'protected sources'],
];

type ProposalView = RedactionView['proposals'][number];

/** Scrolls a second-look hit's place in the clean text into view, and focuses it. */
function showHit(key: number): void {
  const el = document.getElementById(`proposal-${key}`) ?? document.getElementById(`second-look-${key}`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

/** One hit of the second look: where and what, Redact, or Keep with a reason. */
function SecondLookEntry(props: { p: ProposalView; onDecide: (action: 'redact' | 'keep', reason?: string) => void }): JSX.Element {
  const { p, onDecide } = props;
  const [keeping, setKeeping] = useState(false);
  const [reason, setReason] = useState(p.reason ?? '');
  const state = p.pending ? 'to decide' : p.action === 'keep' ? `kept: ${p.reason ?? ''}` : 'redacted';
  return (
    <li id={`second-look-${p.key}`} class={`second-look-hit${p.pending ? ' pending' : ''}`} data-second-look={p.key} data-action={p.pending ? 'pending' : p.action} tabIndex={-1}>
      {p.clean ? (
        <a href={`#proposal-${p.key}`} onClick={(e) => (e.preventDefault(), showHit(p.key))}>
          {p.category} in {p.where}
        </a>
      ) : (
        <span>
          {p.category} in {p.where}
        </span>
      )}
      : <code>{p.value}</code> <span class="muted">({state})</span>{' '}
      <button type="button" class="decide-redact" aria-pressed={!p.pending && p.action === 'redact' ? 'true' : 'false'} onClick={() => (setKeeping(false), onDecide('redact'))}>
        Redact
      </button>{' '}
      <button type="button" class="decide-keep" aria-pressed={!p.pending && p.action === 'keep' ? 'true' : 'false'} onClick={() => setKeeping(true)}>
        Keep…
      </button>
      {keeping && (
        <form class="keep-reason" onSubmit={(e) => (e.preventDefault(), reason.trim() && (onDecide('keep', reason.trim()), setKeeping(false)))}>
          <label>
            Why keep it? (goes in the audit log){' '}
            <input value={reason} required maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>{' '}
          <button type="submit">Keep</button>{' '}
          <button type="button" onClick={() => setKeeping(false)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

const LEVELS: [string, string][] = [
  ['', 'no limit'],
  ['U', 'UNCLASSIFIED'],
  ['SBU', 'SBU (sensitive)'],
  ['C', 'CONFIDENTIAL'],
  ['S', 'SECRET'],
  ['TS', 'TOP SECRET'],
];

const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** The offset in the clean text of a point in the drawn text (labels of regions do not count). */
function textOffset(root: Node, node: Node, offset: number): number | null {
  let total = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => ((n.parentElement?.closest('[data-skip]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)),
  });
  if (node.nodeType !== Node.TEXT_NODE) {
    // a point between elements: count the text before the child at `offset`
    const child = node.childNodes[offset] ?? null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (child && (child === n || child.contains(n) || child.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING)) return total;
      total += n.textContent?.length ?? 0;
    }
    return total;
  }
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return total + offset;
    total += n.textContent?.length ?? 0;
  }
  return null;
}

/** The choices: categories (protected sources among them), terms and patterns, level, style, template. */
function ChoicesForm(props: { settings: DocumentSettings; choices: RedactionChoices; onSettings: (s: DocumentSettings) => void }): JSX.Element {
  const { settings, choices, onSettings } = props;
  const set = (patch: Partial<RedactionChoices>) => onSettings({ ...settings, choices: { ...settings.choices, ...patch } });
  const toggleCategory = (c: string, on: boolean) => {
    if (c === 'sources') return onSettings({ ...settings, sources: on });
    const now = new Set(settings.choices.redact ?? []);
    if (on) now.add(c);
    else now.delete(c);
    set({ redact: CATEGORIES.map(([k]) => k).filter((k) => k !== 'sources' && now.has(k)) });
  };
  return (
    <form class="choices" aria-label="Redaction choices" onSubmit={(e) => e.preventDefault()}>
      <fieldset class="categories">
        <legend>Redact</legend>
        {CATEGORIES.map(([key, label]) => (
          <label key={key} class="check">
            <input type="checkbox" name="redact" value={key} checked={(choices.redact ?? []).includes(key)} onChange={(e) => toggleCategory(key, e.currentTarget.checked)} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset class="terms">
        <legend>Terms and patterns</legend>
        <label>
          Terms (one a line)
          <textarea rows={2} value={(choices.terms ?? []).join('\n')} onChange={(e) => set({ terms: lines(e.currentTarget.value) })} />
        </label>
        <label>
          Patterns (regex, one a line)
          <textarea rows={2} value={(choices.patterns ?? []).join('\n')} onChange={(e) => set({ patterns: lines(e.currentTarget.value) })} />
        </label>
      </fieldset>
      <fieldset class="output">
        <legend>Output</legend>
        <label>
          Maximum level
          <select value={choices.maxLevel ?? ''} onChange={(e) => set({ maxLevel: e.currentTarget.value || null })}>
            {LEVELS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Redactions as
          <select value={choices.style ?? 'box'} onChange={(e) => set({ style: e.currentTarget.value as 'box' | 'label' })}>
            <option value="box">boxes</option>
            <option value="label">labels</option>
          </select>
        </label>
        <label>
          Template
          <select value={settings.template} onChange={(e) => onSettings({ ...settings, template: e.currentTarget.value as Template })}>
            <option value="cable">cable</option>
            <option value="teletype">teletype</option>
            <option value="handout">handout</option>
          </select>
        </label>
      </fieldset>
    </form>
  );
}

/** The banner the output will carry, and how many proposals, hits, people and paragraphs are decided which way. */
function BannerLine(props: { view: RedactionView | null }): JSX.Element {
  const { view } = props;
  const secondLook = (view?.proposals ?? []).filter((p) => p.source === 'residual');
  const people = (view?.people ?? []).filter((p) => p.person !== null && !p.candidate && !p.ambiguous);
  return (
    <div class="banner-line">
      Output banner: <strong id="banner">{view?.banner ?? '…'}</strong>
      {view && view.banner !== view.originalBanner && <span class="muted"> (the cable: {view.originalBanner})</span>}
      {view && (
        <span class="counts" id="proposal-counts">
          {' '}
          · {view.proposals.filter((p) => p.action === 'redact' && p.source !== 'residual').length} of {view.proposals.filter((p) => p.source !== 'residual').length} proposed
          redactions redacted
          {people.length ? `, ${people.filter((p) => p.action === 'redact').length} of ${people.length} protected people redacted` : ''}
          {secondLook.length ? `, ${secondLook.length} found by the second look (${secondLook.filter((p) => p.pending).length} to decide)` : ''}
          {view.withheld.length ? `, ${view.withheld.filter((w) => w.action === 'redact').length} paragraphs withheld` : ''}
        </span>
      )}
    </div>
  );
}

/** A refused download: the message, and each hit that stopped it as a link to its place. */
function Refusal(props: { refusal: { message: string; hits: SecondLookHit[] } }): JSX.Element {
  const { refusal } = props;
  return (
    <div class="refusal" role="alert" id="refusal">
      <p>{refusal.message}</p>
      {refusal.hits.length > 0 && (
        <ul class="refused-hits">
          {refusal.hits.map((h, i) => (
            <li key={i}>
              {h.key !== null ? (
                <a href={`#proposal-${h.key}`} data-hit={h.key} onClick={(e) => (e.preventDefault(), showHit(h.key!))}>
                  {h.category} in {h.where}
                </a>
              ) : (
                <span>
                  {h.category} in {h.where}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SecondLook(props: { hits: ProposalView[]; decide: (key: number, action: 'redact' | 'keep', reason?: string) => void }): JSX.Element {
  return (
    <section class="second-look" aria-labelledby="second-look-title" id="second-look">
      <h3 id="second-look-title">Found by the second look</h3>
      <p class="muted">
        An independent scan of what the redaction leaves found these contact details the detectors missed. Redact each, or keep it with a reason (the
        audit log records it). Downloads wait until each is decided.
      </p>
      <ul class="plain">
        {props.hits.map((p) => (
          <SecondLookEntry key={p.key} p={p} onDecide={(action, reason) => props.decide(p.key, action, reason)} />
        ))}
      </ul>
    </section>
  );
}

type Change = Omit<Parameters<typeof api.redaction>[1], 'choices'>;

/** The proposals and withheld paragraphs drawn in the review text, each a toggle. */
function marks(view: RedactionView | null, change: (body: Change) => void): { highlights: Highlight[]; regions: Region[] } {
  const highlights: Highlight[] = [];
  const regions: Region[] = [];
  for (const p of view?.proposals ?? []) {
    if (!p.clean) continue;
    const keep = p.action === 'keep';
    if (p.source === 'residual') {
      // found by the second look: drawn like a proposal, decided in its entry (Redact, or Keep with a reason)
      highlights.push({
        start: p.clean.start,
        end: p.clean.end,
        className: `proposal second-look cat-${p.category}${p.pending ? ' pending' : keep ? ' keep' : ''}`,
        tip: `${p.category} found by the second look: ${p.pending ? 'to decide' : keep ? `kept — ${p.reason ?? ''}` : 'redacted'} — press to decide`,
        data: { proposal: p.key, category: p.category, action: p.pending ? 'pending' : p.action, 'second-look': 'true' },
        id: `proposal-${p.key}`,
        pressed: !p.pending && !keep,
        onActivate: () => {
          document.getElementById(`second-look-${p.key}`)?.scrollIntoView({ block: 'nearest' });
          (document.querySelector(`#second-look-${p.key} .decide-redact`) as HTMLElement | null)?.focus();
        },
      });
      continue;
    }
    highlights.push({
      start: p.clean.start,
      end: p.clean.end,
      className: `proposal cat-${p.category}${keep ? ' keep' : ''}`,
      tip: `${p.category}${p.added ? ' (added)' : ''}: ${keep ? 'kept — press to redact' : 'redacted — press to keep'}`,
      data: { proposal: p.key, category: p.category, action: p.action },
      pressed: !keep,
      onActivate: () => change({ set: { key: p.key, action: keep ? 'redact' : 'keep' } }),
    });
  }
  for (const w of view?.withheld ?? []) {
    if (!w.clean) continue;
    const withheld = w.action === 'redact';
    regions.push({
      start: w.clean.start,
      end: w.clean.end,
      className: withheld ? 'withheld' : 'withheld shown',
      label: withheld ? w.reason : `Shown although ${w.reason.replace(/^Withheld: /, '')}`,
      toggle: {
        text: withheld ? 'show it' : 'withhold it',
        pressed: withheld,
        data: { withheld: w.key },
        onActivate: () => change({ set: { key: w.key, action: withheld ? 'keep' : 'redact', withheld: true } }),
      },
    });
  }
  return { highlights, regions };
}

/** The offset range the reader selected in the review text, or null. */
function useSelection(textRef: { current: HTMLPreElement | null }): [{ start: number; end: number } | null, (s: { start: number; end: number } | null) => void] {
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  useEffect(() => {
    const onSelect = () => {
      const sel = document.getSelection();
      const root = textRef.current;
      if (!sel || sel.isCollapsed || !root || !root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) {
        setSelection(null);
        return;
      }
      const range = sel.getRangeAt(0);
      const a = textOffset(root, range.startContainer, range.startOffset);
      const b = textOffset(root, range.endContainer, range.endOffset);
      setSelection(a !== null && b !== null && b > a ? { start: a, end: b } : null);
    };
    document.addEventListener('selectionchange', onSelect);
    return () => document.removeEventListener('selectionchange', onSelect);
  }, []);
  return [selection, setSelection];
}

/** Page 1 of the PDF, made again (through the CLI's pipeline) when anything changes. */
function usePreview(handle: string, view: RedactionView | null, template: Template, choices: RedactionChoices): { preview: string | null; previewError: string | null } {
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const previewSeq = useRef(0);
  useEffect(() => {
    if (!view) return;
    const seq = ++previewSeq.current;
    const timer = setTimeout(() => {
      api.document(handle, { format: 'pdf', template, choices, plan: true, preview: true }).then(
        (o) => seq === previewSeq.current && (setPreview(`${o.document.url}?inline=1#page=1&view=FitH&toolbar=0`), setPreviewError(null)),
        (e) => {
          // 409: a newer preview took this one's place
          if (seq !== previewSeq.current || (e instanceof ApiError && e.status === 409)) return;
          setPreview(null);
          setPreviewError(e instanceof ApiError ? e.message : String(e));
        },
      );
    }, 350);
    return () => clearTimeout(timer);
  }, [view, template]);
  return { preview, previewError };
}

type Make = () => Promise<{ document: { url: string; name: string; size: number; pages: number | null } }>;

/** The downloads, the plan's export and import, and a selection to redact. */
function Documents(props: {
  busy: string | null;
  selection: { start: number; end: number } | null;
  offer: (what: string, make: Make) => Promise<void>;
  documentOf: (format: 'pdf' | 'docx', kind?: 'audit') => Make;
  exportPlan: Make;
  onImport: (e: Event) => void;
  onRedactSelection: () => void;
}): JSX.Element {
  const { busy, offer, documentOf } = props;
  const importRef = useRef<HTMLInputElement>(null);
  return (
    <div class="toolbar" role="group" aria-label="Documents">
      <button type="button" disabled={!!busy} onClick={() => offer('pdf', documentOf('pdf'))}>
        Download PDF
      </button>
      <button type="button" disabled={!!busy} onClick={() => offer('docx', documentOf('docx'))}>
        Download DOCX
      </button>
      <button type="button" disabled={!!busy} onClick={() => offer('audit', documentOf('pdf', 'audit'))}>
        Audit log
      </button>
      <button type="button" disabled={!!busy} onClick={() => offer('plan', props.exportPlan)}>
        Export plan
      </button>
      <button type="button" onClick={() => importRef.current?.click()}>
        Import plan…
      </button>
      <input ref={importRef} type="file" accept=".json,application/json" class="sr-only" tabIndex={-1} aria-label="Import a redaction plan" onChange={props.onImport} />
      <button type="button" id="redact-selection" disabled={!props.selection} onClick={props.onRedactSelection}>
        Redact selection
      </button>
      {busy && <span class="muted" aria-live="polite">making {busy}…</span>}
    </div>
  );
}

/** Proposals in fields the clean text does not print (the addressees, `from`, the summary), each a toggle. */
function Hidden(props: { proposals: ProposalView[]; change: (body: Change) => void }): JSX.Element | null {
  if (props.proposals.length === 0) return null;
  return (
    <details>
      <summary>{props.proposals.length} in fields the clean text does not print</summary>
      <ul class="plain">
        {props.proposals.map((p) => (
          <li key={p.key}>
            <button type="button" class={`proposal cat-${p.category}${p.action === 'keep' ? ' keep' : ''}`} aria-pressed={p.action === 'redact' ? 'true' : 'false'} data-proposal={p.key}
              onClick={() => props.change({ set: { key: p.key, action: p.action === 'keep' ? 'redact' : 'keep' } })}>
              {p.value}
            </button>{' '}
            ({p.field}, {p.category})
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RedactionTab(props: {
  detail: CableDetail;
  settings: DocumentSettings;
  onSettings: (s: DocumentSettings) => void;
  onStatus: (message: string) => void;
}): JSX.Element {
  const { detail, settings, onSettings, onStatus } = props;
  const handle = detail.summary.handle;
  const [view, setView] = useState<RedactionView | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; hits: SecondLookHit[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const textRef = useRef<HTMLPreElement>(null);
  const [selection, setSelection] = useSelection(textRef);
  // the protected sources are on by default for a cable that carries a marker
  const choices = effectiveChoices(settings, detail.summary.protects === true);

  const show = (v: RedactionView) => {
    setView(v);
    setRefusal(null);
  };
  const fail = (err: unknown) => setRefusal(err instanceof ApiError ? { message: err.message, hits: err.secondLook } : { message: String(err), hits: [] });

  // The plan for these choices (rebuilt by the server when they change; decisions kept where they still apply).
  useEffect(() => {
    let live = true;
    api.redaction(handle, { choices }).then((v) => live && show(v), (e) => live && fail(e));
    return () => {
      live = false;
    };
  }, [handle, JSON.stringify(choices)]);
  const { preview, previewError } = usePreview(handle, view, settings.template, choices);

  const change = (body: Change) => api.redaction(handle, { ...body, choices }).then(show, fail);
  const decidePerson = (p: PersonView, action: 'redact' | 'keep', reason?: string) => {
    if (action === 'keep' && !p.candidate && !reason) {
      // keeping a protected person needs a reason: the list's form asks for it
      document.querySelector<HTMLElement>(`.person[data-person="${p.key}"] .person-keep`)?.click();
      return;
    }
    void change({ source: { key: p.key, action, ...(reason ? { reason } : {}) } });
  };

  const offer = async (what: string, make: Make) => {
    setBusy(what);
    try {
      const o = await make();
      download(o.document);
      setRefusal(null);
      onStatus(`${o.document.name}: ${Math.max(1, Math.round(o.document.size / 1024))} KB${o.document.pages ? `, ${o.document.pages} pages` : ''}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const onImport = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const r = await api.importPlan(file.name, file, handle);
      onSettings({ ...settings, choices: { ...r.choices, style: choices.style }, sources: (r.choices.redact ?? []).includes('sources') });
      onStatus(`${file.name}: plan applied to ${r.applied} cable${r.applied === 1 ? '' : 's'}`);
      if (r.view) show(r.view);
    } catch (err) {
      fail(err);
    }
  };

  const { highlights, regions } = marks(view, (body) => void change(body));
  highlights.push(...peopleHighlights(view?.people ?? [], decidePerson));
  const hidden = (view?.proposals ?? []).filter((p) => !p.clean && p.source !== 'residual');
  const secondLook = (view?.proposals ?? []).filter((p) => p.source === 'residual');
  const decide = (key: number, action: 'redact' | 'keep', reason?: string) => change({ set: { key, action, ...(reason ? { reason } : {}) } });
  const documentOf = (format: 'pdf' | 'docx', kind?: 'audit') => () => api.document(handle, { ...(kind ? { kind } : {}), format, template: settings.template, choices, plan: true });

  return (
    <div class="redaction-tab">
      <ChoicesForm settings={settings} choices={choices} onSettings={onSettings} />
      <BannerLine view={view} />
      {refusal && <Refusal refusal={refusal} />}
      {secondLook.length > 0 && <SecondLook hits={secondLook} decide={decide} />}
      <Documents busy={busy} selection={selection} offer={offer} documentOf={documentOf} exportPlan={() => api.exportPlan(handle, { choices })}
        onImport={onImport} onRedactSelection={() => selection && change({ add: selection }).then(() => setSelection(null))} />
      <div class="panes">
        <section class="pane" aria-labelledby="review-title">
          <PeopleList people={view?.people ?? []} onDecide={decidePerson} />
          <h3 id="review-title">Clean text with proposed redactions</h3>
          <pre id="review-text" ref={textRef}>
            {view ? <Marked text={detail.review.clean} highlights={highlights} regions={regions} /> : detail.review.clean}
          </pre>
          <Hidden proposals={hidden} change={(body) => void change(body)} />
        </section>
        <section class="pane preview" aria-labelledby="preview-title">
          <h3 id="preview-title">Page 1 of the PDF</h3>
          {previewError ? (
            <p class="refusal" role="alert">
              {previewError}
            </p>
          ) : preview ? (
            <iframe id="preview" title="Page 1 of the PDF as it will be downloaded" src={preview} />
          ) : (
            <p class="muted">making the preview…</p>
          )}
        </section>
      </div>
    </div>
  );
}
