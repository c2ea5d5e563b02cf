/**
 * The workbench's JSON API: each route reads the request, calls the library, and answers. The
 * page never computes what a cable is or where a repair or redaction is: it asks here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { CableError, errorLine } from '../errors.js';
import { reviewCable } from '../review/index.js';
import { CsvSource, type CsvQuery } from './csv.js';
import { bookDocument, cableAudit, cableDocument, type BookRequest, type DocumentRequest, type MadeDocument } from './documents.js';
import { HttpError, MB, readBody, readJson, saveBody, sendFile, sendJson } from './http.js';
import { isLoaded, summarize, type LoadedCable, type Workspace } from './workspace.js';

export interface Limits {
  /** One cable file or pasted text. */
  cable: number;
  /** One bulk CSV upload. */
  csv: number;
  /** A JSON request (choices, a plan). */
  json: number;
}

export const DEFAULT_LIMITS: Limits = { cable: 5 * MB, csv: 100 * MB, json: 2 * MB };

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[], url: URL) => Promise<void>;

interface Route {
  method: string;
  path: RegExp;
  handler: Handler;
}

/** A file name from the query, for messages only (never used as a path). */
function uploadName(url: URL, fallback: string): string {
  const name = (url.searchParams.get('name') ?? '').replace(/[\u0000-\u001f]/g, '').trim();
  return name.slice(0, 300) || fallback;
}

export function createApi(workspace: Workspace, limits: Limits = DEFAULT_LIMITS): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const cable = (handle: string): LoadedCable => {
    const entry = workspace.get(handle);
    if (!entry) throw new HttpError(404, `no cable ${handle} in this workbench`);
    if (!isLoaded(entry)) throw new HttpError(409, entry.error);
    return entry;
  };
  const csv = (handle: string): CsvSource => {
    const source = workspace.csv(handle);
    if (!source) throw new HttpError(404, `no CSV ${handle} in this workbench`);
    return source;
  };
  /** A made document, kept for download; the page gets its link. */
  const offer = (res: ServerResponse, made: MadeDocument): void => {
    const kept = workspace.keep({ name: made.name, type: made.type, data: made.data });
    sendJson(res, 200, {
      document: { url: `/api/documents/${kept.handle}/${encodeURIComponent(made.name)}`, name: made.name, size: made.data.length, pages: made.pages ?? null },
      warnings: made.warnings,
    });
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: /^\/api\/cables$/,
      handler: async (_req, res) => sendJson(res, 200, { cables: workspace.list().map(summarize) }),
    },
    {
      method: 'POST',
      path: /^\/api\/cables$/,
      handler: async (req, res, _p, url) => {
        const name = uploadName(url, 'cable.txt');
        const bytes = await readBody(req, limits.cable, name);
        sendJson(res, 200, { entry: summarize(workspace.addFile(name, bytes)) });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/paste$/,
      handler: async (req, res) => {
        const bytes = await readBody(req, limits.cable, 'pasted text');
        sendJson(res, 200, { entry: summarize(workspace.addPasted(bytes.toString('utf8'))) });
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/cables\/(c\d+)$/,
      handler: async (_req, res, [h]) => {
        if (!workspace.remove(h!)) throw new HttpError(404, `no cable ${h} in this workbench`);
        sendJson(res, 200, {});
      },
    },
    {
      method: 'GET',
      path: /^\/api\/cables\/(c\d+)$/,
      handler: async (_req, res, [h]) => {
        const entry = cable(h!);
        sendJson(res, 200, { summary: summarize(entry), cable: entry.cable, review: reviewCable(entry) });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/cables\/(c\d+)\/document$/,
      handler: async (req, res, [h]) => {
        const entry = cable(h!);
        const request = await readJson<DocumentRequest & { kind?: string }>(req, limits.json);
        offer(res, request.kind === 'audit' ? await cableAudit(entry.cable, entry.name, request) : await cableDocument(entry.cable, entry.name, request));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/book$/,
      handler: async (req, res) => {
        const request = await readJson<BookRequest & { cables?: string[] }>(req, limits.json);
        const handles = Array.isArray(request.cables) ? request.cables.map(String) : [];
        offer(res, await bookDocument(handles.map((h) => cable(h).cable), request));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/documents\/(d\d+)\/[^/]+$/,
      handler: async (_req, res, [h], url) => {
        const doc = workspace.document(h!);
        if (!doc) throw new HttpError(404, 'this document is gone: make it again');
        sendFile(res, doc.data, doc.type, doc.name, url.searchParams.get('inline') === '1');
      },
    },
    {
      method: 'POST',
      path: /^\/api\/csv$/,
      handler: async (req, res, _p, url) => {
        const name = uploadName(url, 'cables.csv');
        const path = workspace.uploadPath();
        try {
          await saveBody(req, path, limits.csv, name);
          const source = await CsvSource.open(name, path);
          const handle = workspace.addCsv(source);
          sendJson(res, 200, { csv: { handle, name, rows: source.rows.length, errors: source.errors.slice(0, 20), unreadable: source.errors.length } });
        } catch (err) {
          rmSync(path, { force: true });
          throw err;
        }
      },
    },
    {
      method: 'GET',
      path: /^\/api\/csv\/(csv\d+)$/,
      handler: async (_req, res, [h], url) => {
        const q: CsvQuery = {};
        for (const key of ['id', 'origin', 'classification', 'from', 'to', 'tag', 'text'] as const) {
          const v = url.searchParams.get(key);
          if (v) q[key] = v;
        }
        q.offset = Number(url.searchParams.get('offset') ?? 0) || 0;
        q.limit = Number(url.searchParams.get('limit') ?? 50) || 50;
        sendJson(res, 200, await csv(h!).query(q));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/csv\/(csv\d+)\/open$/,
      handler: async (req, res, [h]) => {
        const source = csv(h!);
        const { rows } = await readJson<{ rows?: number[] }>(req, limits.json);
        const list = (Array.isArray(rows) ? rows : []).map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 200);
        const entries = [];
        for (const row of list) entries.push(summarize(await workspace.addCsvRow(source, row)));
        sendJson(res, 200, { entries });
      },
    },
  ];

  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    const match = routes
      .filter((r) => r.path.test(url.pathname))
      .find((r) => r.method === req.method);
    try {
      if (!match) {
        const known = routes.some((r) => r.path.test(url.pathname));
        throw new HttpError(known ? 405 : 404, known ? `${req.method} is not allowed here` : 'no such API route');
      }
      await match.handler(req, res, match.path.exec(url.pathname)!.slice(1), url);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return true;
      }
      // The CLI's one line: `cablekit: FILE: problem`.
      if (err instanceof HttpError) sendJson(res, err.status, { error: err.message });
      else if (err instanceof CableError) sendJson(res, 422, { error: `cablekit: ${errorLine(err)}` });
      else {
        process.stderr.write(`cablekit serve: ${req.method} ${url.pathname}: ${(err as Error)?.stack ?? String(err)}\n`);
        sendJson(res, 500, { error: `cablekit: ${errorLine(err)}` });
      }
    }
    return true;
  };
}
