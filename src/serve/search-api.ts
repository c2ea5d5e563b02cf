/**
 * The workbench's search routes, over a search index named on the command line
 * (`cablekit serve --index release.db`) and opened read-only: a query in the CLI's syntax and
 * `--filter` fields, pages of hits with snippets, facet counts, and opening hits as cables of the
 * workspace (for the views, and for the book). Nothing is uploaded and no path comes from the page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { CableError, errorLine } from '../errors.js';
import { parseFilter, isEmptyFilter } from '../select/filter.js';
import type { CableIndex, Facets, IndexOrder, IndexQuery } from '../search/search.js';
import { HttpError, readJson, sendJson } from './http.js';
import { summarize, type Workspace } from './workspace.js';

/** The search form's fields. `tag` may be given several times (each must hold, as several `--filter tag=`). */
export interface SearchRequest {
  q?: string;
  id?: string;
  origin?: string;
  classification?: string;
  from?: string;
  to?: string;
  tags?: string[];
  text?: string;
  order?: IndexOrder;
}

/** A request's fields as `--filter` expressions: what the CLI would be given. */
export function searchFilterExpressions(r: SearchRequest): string[] {
  const specs: string[] = [];
  if (r.id?.trim()) specs.push(`id=${r.id.trim()}`);
  if (r.origin?.trim()) specs.push(`origin=${r.origin.trim()}`);
  if (r.classification?.trim()) specs.push(`classification=${r.classification.trim()}`);
  for (const t of r.tags ?? []) if (t.trim()) specs.push(`tag=${t.trim()}`);
  if (r.text?.trim()) specs.push(`text~${r.text}`);
  return specs;
}

function indexQuery(r: SearchRequest): IndexQuery {
  const filter = parseFilter(searchFilterExpressions(r), { from: r.from?.trim() || undefined, to: r.to?.trim() || undefined });
  return { query: r.q?.trim() ? r.q : undefined, filter: isEmptyFilter(filter) ? undefined : filter, order: r.order };
}

function fromUrl(url: URL): SearchRequest {
  const get = (k: string): string | undefined => url.searchParams.get(k) ?? undefined;
  const order = get('order');
  return {
    q: get('q'),
    id: get('id'),
    origin: get('origin'),
    classification: get('classification'),
    from: get('from'),
    to: get('to'),
    tags: url.searchParams.getAll('tag'),
    text: get('text'),
    order: order === 'rank' || order === 'date' || order === 'input' ? order : undefined,
  };
}

export type SearchRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/** The routes, or answers 404 to every one of them when the workbench has no index. */
export function createSearchApi(index: CableIndex | null, workspace: Workspace): SearchRoutes {
  /** The last selections (a query's cable numbers and facets), so that paging does not search again. */
  const recent = new Map<string, { ns: number[]; facets?: Facets }>();
  const selection = (r: SearchRequest): { kept: { ns: number[]; facets?: Facets }; q: IndexQuery } => {
    const q = indexQuery(r);
    const key = JSON.stringify([q.query, searchFilterExpressions(r), r.from ?? '', r.to ?? '', q.order ?? '']);
    let hit = recent.get(key);
    if (!hit) {
      hit = { ns: index!.select(q) };
      recent.set(key, hit);
      if (recent.size > 8) recent.delete(recent.keys().next().value!);
    }
    return { kept: hit, q };
  };
  /** Index cables already opened, by number: opened once per run. */
  const opened = new Map<number, string>();
  const info = index?.info();

  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/search')) return false;
    try {
      if (url.pathname === '/api/search/info' && req.method === 'GET') {
        sendJson(res, 200, index ? { index: { name: basename(index.path), cables: info!.cables, failed: info!.failed } } : { index: null });
        return true;
      }
      if (!index) throw new HttpError(404, 'this workbench has no search index (start it with cablekit serve --index release.db)');
      if (url.pathname === '/api/search' && req.method === 'GET') {
        const r = fromUrl(url);
        const { kept, q } = selection(r);
        const offset = Math.max(0, Math.floor(Number(url.searchParams.get('offset') ?? 0) || 0));
        const limit = Math.min(100, Math.max(1, Math.floor(Number(url.searchParams.get('limit') ?? 20) || 20)));
        // each hit with its snippet, and the handle of its cable when it is open in the workspace
        const hits = index.hits(kept.ns.slice(offset, offset + limit)).map((h) => {
          const handle = opened.get(h.n);
          return { ...h, snippet: index.snippet(h.n, q.query), handle: handle && workspace.get(handle) ? handle : null };
        });
        if (!kept.facets && url.searchParams.get('facets') !== '0') kept.facets = index.facetsFor(kept.ns);
        sendJson(res, 200, { total: kept.ns.length, offset, hits, facets: kept.facets ?? null, filter: searchFilterExpressions(r) });
        return true;
      }
      if (url.pathname === '/api/search/open' && req.method === 'POST') {
        const body = await readJson<{ n?: unknown[] }>(req, 64 * 1024);
        const list = (Array.isArray(body.n) ? body.n : []).map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 200);
        const entries = [];
        for (const n of list) {
          const known = opened.get(n);
          const entry = known ? workspace.get(known) : undefined;
          if (entry) {
            entries.push(summarize(entry));
            continue;
          }
          if (!index.has(n)) throw new HttpError(404, `no cable number ${n} in ${basename(index.path)}`);
          const hit = index.hits([n])[0]!;
          const added = workspace.addSource(hit.input, () => index.source(n));
          opened.set(n, (await added).handle);
          entries.push(summarize(await added));
        }
        sendJson(res, 200, { entries });
        return true;
      }
      throw new HttpError(404, 'no such API route');
    } catch (err) {
      if (err instanceof HttpError) sendJson(res, err.status, { error: err.message });
      else if (err instanceof CableError) sendJson(res, 422, { error: `cablekit: ${errorLine(err)}` });
      else {
        process.stderr.write(`cablekit serve: ${req.method} ${url.pathname}: ${(err as Error)?.stack ?? String(err)}\n`);
        sendJson(res, 500, { error: `cablekit: ${errorLine(err)}` });
      }
      return true;
    }
  };
}
