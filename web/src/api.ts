/**
 * The page's only door to the server: small typed calls to the workbench API. Errors come back
 * as the CLI's one line (`cablekit: FILE: problem`) and are thrown as ApiError with that text.
 */
import type { Cable, CableReview } from '../../dist/index.js';
import type { EntrySummary } from '../../dist/serve/workspace.js';
import type { CsvPage } from '../../dist/serve/csv.js';
import type { RedactionChoices } from '../../dist/serve/documents.js';
import type { RedactionView, SecondLookHit } from '../../dist/review/redaction.js';

export type { Cable, CableReview, EntrySummary, CsvPage, RedactionChoices, RedactionView, SecondLookHit };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A refused download's second-look hits, each to point at. */
    readonly secondLook: SecondLookHit[] = [],
  ) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, body?: BodyInit | object, type?: string): Promise<T> {
  const headers: Record<string, string> = {};
  let payload: BodyInit | undefined;
  if (body instanceof Blob || typeof body === 'string') {
    payload = body;
    headers['Content-Type'] = type ?? 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'the workbench does not answer: is `cablekit serve` still running?');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message = (data as { error?: string } | null)?.error ?? (text.trim() || `HTTP ${res.status}`);
    throw new ApiError(res.status, message, (data as { secondLook?: SecondLookHit[] } | null)?.secondLook ?? []);
  }
  return data as T;
}

export interface CableDetail {
  summary: EntrySummary;
  cable: Cable;
  review: CableReview;
}

export interface DocumentLink {
  url: string;
  name: string;
  size: number;
  pages: number | null;
}

export interface Offered {
  document: DocumentLink;
  warnings: string[];
}

export interface CsvInfo {
  handle: string;
  name: string;
  rows: number;
  errors: string[];
  unreadable: number;
}

export type Template = 'cable' | 'teletype' | 'handout';

export const api = {
  list: () => call<{ cables: EntrySummary[] }>('GET', '/api/cables'),
  upload: (name: string, file: Blob) => call<{ entry: EntrySummary }>('POST', `/api/cables?name=${encodeURIComponent(name)}`, file),
  paste: (text: string) => call<{ entry: EntrySummary }>('POST', '/api/paste', text, 'text/plain; charset=utf-8'),
  remove: (handle: string) => call<object>('DELETE', `/api/cables/${handle}`),
  cable: (handle: string) => call<CableDetail>('GET', `/api/cables/${handle}`),
  /** A document through the CLI's pipeline; `plan: true` applies this cable's reviewed plan. */
  document: (handle: string, request: { kind?: 'audit'; format: 'pdf' | 'docx'; template: Template; choices: RedactionChoices; plan?: boolean; preview?: boolean }) =>
    call<Offered>('POST', `/api/cables/${handle}/document`, request),
  /** The review of the redaction plan for these choices; `set` switches one entry, `add` adds a span of the clean text, `source` decides a person. */
  redaction: (
    handle: string,
    body: {
      choices: RedactionChoices;
      set?: { key: number; action: 'redact' | 'keep'; withheld?: boolean; reason?: string };
      add?: { start: number; end: number };
      /** One decision for a person the cable protects: all their mentions. */
      source?: { key: number; action: 'redact' | 'keep'; reason?: string };
    },
  ) => call<RedactionView>('POST', `/api/cables/${handle}/redaction`, body),
  exportPlan: (handle: string, body: { choices: RedactionChoices }) => call<Offered>('POST', `/api/cables/${handle}/plan`, body),
  importPlan: (name: string, file: Blob, current: string) =>
    call<{ applied: number; choices: RedactionChoices; view?: RedactionView }>('POST', `/api/plan?name=${encodeURIComponent(name)}&cable=${current}`, file),
  book: (request: { cables: string[]; format: 'pdf' | 'docx'; title: string; sort: string; choices: RedactionChoices }) =>
    call<Offered>('POST', '/api/book', request),
  uploadCsv: (name: string, file: Blob) => call<{ csv: CsvInfo }>('POST', `/api/csv?name=${encodeURIComponent(name)}`, file),
  queryCsv: (handle: string, query: Record<string, string | number>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) q.set(k, String(v));
    return call<CsvPage>('GET', `/api/csv/${handle}?${q}`);
  },
  openCsvRows: (handle: string, rows: number[]) => call<{ entries: EntrySummary[] }>('POST', `/api/csv/${handle}/open`, { rows }),
};

/** Starts a browser download of a made document. */
export function download(link: DocumentLink): void {
  const a = document.createElement('a');
  a.href = link.url;
  a.download = link.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
