/**
 * The workbench's JSON API: each route reads the request, calls the library, and answers. The
 * page never computes what a cable is or where a repair or redaction is: it asks here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { CableError, errorLine } from '../errors.js';
import { outputStem } from '../batch/names.js';
import { parsePlan, serializePlan } from '../redact/apply/plan.js';
import { CsvSource, type CsvQuery } from './csv.js';
import { MIME, type BookRequest, type DocumentRequest, type MadeDocument, type RedactionChoices } from './documents.js';
import { SecondLookRefusal, type Renderer } from './renderer.js';
import {
  changePlan,
  choicesOf,
  importedState,
  optionsRecord,
  pendingHits,
  planFile,
  planFor,
  planOptions,
  plansAnything,
  planView,
  type PlanChange,
  type PlanState,
} from './plans.js';
import type { SecondLookHit } from '../review/redaction.js';
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

/** The routes over a run's workspace; documents are made by `renderer` (a worker thread), off the server's thread. */
export function createApi(
  workspace: Workspace,
  renderer: Renderer,
  limits: Limits = DEFAULT_LIMITS,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
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
  /** The cable's plan entry for these choices (kept for the run; decisions carried over when they change). */
  const planOf = (entry: LoadedCable, choices: RedactionChoices | undefined): PlanState => {
    const state = planFor(entry.cable, workspace.plan(entry.handle), choices ?? {});
    workspace.setPlan(entry.handle, state);
    return state;
  };
  /**
   * A download waits while second-look hits are undecided: the page gets them, each to point at.
   * (The page's words, not the CLI's: the page has no flags to set.)
   */
  const awaitDecisions = (entry: LoadedCable, state: PlanState): void => {
    if (state.pending.length === 0) return;
    const hits = pendingHits(state);
    const what = hits.map((h) => `${h.category} in ${h.where}`).join(', ');
    throw new HttpError(
      409,
      `${entry.cable.id}: the second look found ${hits.length === 1 ? 'a contact detail' : `${hits.length} contact details`} the detectors missed (${what}): redact or keep ${hits.length === 1 ? 'it' : 'each'} before downloading`,
      { secondLook: hits },
    );
  };
  /** A document the second look refused (what the template prints, or a plan without the hit): its hits, matched to the plan's entries. */
  const refusedHits = (err: SecondLookRefusal, state: PlanState | undefined): SecondLookHit[] =>
    err.hits.map((h) => {
      const key = state?.entry.redactions.findIndex((r) => r.source === 'residual' && r.sha256 === h.sha256) ?? -1;
      return { key: key >= 0 ? key : null, category: h.category, where: h.where };
    });
  const make = async (entry: LoadedCable, state: PlanState | undefined, job: Parameters<Renderer['make']>[0], supersedes?: string): Promise<MadeDocument> => {
    try {
      return await renderer.make(job, supersedes);
    } catch (err) {
      if (!(err instanceof SecondLookRefusal)) throw err;
      const hits = refusedHits(err, state);
      const what = [...new Set(hits.map((h) => `${h.category} in ${h.where}`))].join(', ');
      throw new HttpError(
        422,
        `${entry.cable.id}: the second look found contact details left in the document (${what}): redact or keep each in the text${hits.some((h) => h.key === null) ? '; what the cable\'s text does not hold comes from the template' : ''}`,
        { secondLook: hits },
      );
    }
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
        sendJson(res, 200, { summary: summarize(entry), cable: entry.cable, review: workspace.review(entry) });
      },
    },
    {
      // The redaction review: the plan for these choices, after one change (a toggle, an added span).
      method: 'POST',
      path: /^\/api\/cables\/(c\d+)\/redaction$/,
      handler: async (req, res, [h]) => {
        const entry = cable(h!);
        const body = await readJson<{
          choices?: RedactionChoices;
          set?: { key: number; action: 'redact' | 'keep'; withheld?: boolean; reason?: string };
          add?: { start: number; end: number };
          source?: { key: number; action: 'redact' | 'keep'; reason?: string };
        }>(
          req,
          limits.json,
        );
        let state = planOf(entry, body.choices);
        const review = workspace.review(entry);
        if (body.set || body.add || body.source) {
          const change: PlanChange = body.source ? { source: body.source } : body.set ? { set: body.set } : { add: body.add! };
          state = changePlan(state, entry.cable, review, change);
          workspace.setPlan(entry.handle, state);
        }
        sendJson(res, 200, planView(entry.cable, review, state, body.choices?.style ?? 'box'));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/cables\/(c\d+)\/document$/,
      handler: async (req, res, [h]) => {
        const entry = cable(h!);
        const request = await readJson<DocumentRequest & { kind?: string; plan?: boolean; preview?: boolean }>(req, limits.json);
        // `plan`: the reviewed plan of this cable, as `render --plan` applies it; else the CLI's options.
        const state = request.plan ? planOf(entry, request.choices) : undefined;
        // a preview shows the plan as it stands (undecided hits redacted); a download waits for the decisions
        if (state && !request.preview) awaitDecisions(entry, state);
        const plan = state && plansAnything(state) ? planFile([state], state.options) : undefined;
        const plain = state && !plan ? { ...request, choices: { style: request.choices?.style } } : request;
        const kind = request.kind === 'audit' ? 'audit' : 'cable';
        // a newer preview of the same cable replaces one still waiting
        offer(res, await make(entry, state, { kind, cable: entry.cable, input: entry.name, request: plain, plan }, request.preview ? `preview:${entry.handle}` : undefined));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/cables\/(c\d+)\/plan$/,
      handler: async (req, res, [h]) => {
        const entry = cable(h!);
        const { choices } = await readJson<{ choices?: RedactionChoices }>(req, limits.json);
        const state = planOf(entry, choices);
        const name = `${outputStem(entry.cable.id, entry.name)}.plan.json`;
        offer(res, { name, type: MIME.json!, data: Buffer.from(serializePlan(planFile([state], state.options))), warnings: [] });
      },
    },
    {
      // A plan file (from `cablekit plan` or exported here): its entries for the loaded cables it holds.
      method: 'POST',
      path: /^\/api\/plan$/,
      handler: async (req, res, _p, url) => {
        const name = uploadName(url, 'plan.json');
        const plan = parsePlan((await readBody(req, limits.json * 8, name)).toString('utf8'), name);
        let applied = 0;
        for (const entry of workspace.list()) {
          if (!isLoaded(entry)) continue;
          const state = importedState(plan, entry.cable);
          if (!state) continue;
          workspace.setPlan(entry.handle, state);
          applied++;
        }
        if (applied === 0) throw new CableError('holds no cable loaded here (load the cables first)', name);
        const current = url.searchParams.get('cable');
        const entry = current ? workspace.get(current) : undefined;
        const state = entry && isLoaded(entry) ? workspace.plan(entry.handle) : undefined;
        sendJson(res, 200, {
          applied,
          choices: choicesOf(plan.options),
          ...(entry && isLoaded(entry) && state ? { view: planView(entry.cable, workspace.review(entry), state) } : {}),
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/book$/,
      handler: async (req, res) => {
        const request = await readJson<BookRequest & { cables?: string[] }>(req, limits.json);
        const handles = Array.isArray(request.cables) ? request.cables.map(String) : [];
        const entries = handles.map((h) => cable(h));
        // Each cable's reviewed plan entry (or a fresh one for these choices): the book applies them all.
        const states = entries.map((e) => planOf(e, request.choices));
        const waiting = entries.filter((_, i) => states[i]!.pending.length > 0).map((e) => e.cable.id);
        if (waiting.length) {
          throw new HttpError(409, `the second look found contact details to decide in ${waiting.join(', ')}: open ${waiting.length === 1 ? 'it' : 'each'} under Redaction and documents, and redact or keep them`);
        }
        const plan = states.some(plansAnything) ? planFile(states, optionsRecord(planOptions(request.choices))) : undefined;
        try {
          offer(res, await renderer.make({ kind: 'book', cables: entries.map((e) => e.cable), request, plan }));
        } catch (err) {
          if (!(err instanceof SecondLookRefusal)) throw err;
          const what = [...new Set(err.hits.map((h) => `${h.category} in ${h.where}`))].join(', ');
          throw new HttpError(422, `the second look found contact details left in the book (${what}): open the cables under Redaction and documents, and redact or keep them`);
        }
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
      if (err instanceof HttpError) sendJson(res, err.status, { error: err.message, ...(err.data ?? {}) });
      else if (err instanceof CableError) sendJson(res, 422, { error: `cablekit: ${errorLine(err)}` });
      else {
        process.stderr.write(`cablekit serve: ${req.method} ${url.pathname}: ${(err as Error)?.stack ?? String(err)}\n`);
        sendJson(res, 500, { error: `cablekit: ${errorLine(err)}` });
      }
    }
    return true;
  };
}
