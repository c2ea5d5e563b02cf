/**
 * `cablekit serve`: the local workbench. A Node http server on loopback (another host only when
 * asked) that serves the built page and the JSON API over the library. Every request passes the
 * guard (token, Host, Origin); uploads go to a temporary folder of this run, removed on close.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CableError } from '../errors.js';
import { importMapSource, loadAssets, type Asset } from './assets.js';
import { createApi, DEFAULT_LIMITS, type Limits } from './api.js';
import { allowedHosts, checkRequest, cookieName, isLoopback, newToken, type GuardConfig } from './guard.js';
import { contentSecurityPolicy, SAFETY_HEADERS, sendText } from './http.js';
import { Workspace } from './workspace.js';
import { Renderer } from './renderer.js';
import { createSearchApi } from './search-api.js';
import { CableIndex } from '../search/search.js';

export interface WorkbenchOptions {
  /** Port to listen on; 0 picks a free one. Default 8750 (the next free one up to 8759). */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** The token (default: a fresh random one). */
  token?: string;
  limits?: Partial<Limits>;
  /** The built page's folder (default dist/web). */
  webDir?: string;
  /** A search index (`cablekit index`) to search, opened read-only: its path comes from the command line only. */
  index?: string;
}

export interface Workbench {
  /** The URL to open, with the token: `http://127.0.0.1:8750/?token=…`. */
  url: string;
  host: string;
  port: number;
  token: string;
  /** The run's temporary folder (removed by close). */
  dir: string;
  /** True when bound to an address other machines may reach. */
  exposed: boolean;
  /** The search index searched, if any. */
  index: string | null;
  server: Server;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8750;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const host = options.host ?? '127.0.0.1';
  // Opened first: a path that is not an index is refused before anything listens.
  const index = options.index ? CableIndex.open(options.index) : null;
  const assets: Map<string, Asset> = loadAssets(options.webDir);
  const workspace = new Workspace();
  const token = options.token ?? newToken();
  const renderer = new Renderer();
  const api = createApi(workspace, renderer, { ...DEFAULT_LIMITS, ...options.limits });
  const searchApi = createSearchApi(index, workspace);
  const guard: GuardConfig = { token, port: 0, hosts: allowedHosts(host) };
  const policy = contentSecurityPolicy(importMapSource(assets.get('/index.html')!.data));

  const page = (res: ServerResponse, asset: Asset): void => {
    res.writeHead(200, {
      ...SAFETY_HEADERS,
      'Content-Security-Policy': policy,
      'Content-Type': asset.type,
      'Content-Length': asset.data.length,
    });
    res.end(asset.data);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = checkRequest({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, guard);
    if (!verdict.ok) {
      req.resume();
      sendText(res, verdict.status, `cablekit serve: ${verdict.reason}`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (verdict.via === 'query') {
      // First visit with the printed URL: the token moves into a cookie that only this origin
      // sends (SameSite=Strict), and the address bar loses it.
      res.writeHead(303, {
        ...SAFETY_HEADERS,
        'Set-Cookie': `${cookieName(guard.port)}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        Location: url.pathname === '/' || !assets.has(url.pathname) ? '/' : url.pathname,
      });
      res.end();
      return;
    }
    if ((await searchApi(req, res, url)) || (await api(req, res, url))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method} is not allowed here`);
      return;
    }
    const asset = assets.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!asset) {
      sendText(res, 404, 'not found');
      return;
    }
    page(res, asset);
  };

  const server = createServer({ requestTimeout: 10 * 60_000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`cablekit serve: ${(err as Error)?.stack ?? String(err)}\n`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });

  let port: number;
  try {
    if (options.port !== undefined) {
      port = await listen(server, options.port, host);
    } else {
      let tried = DEFAULT_PORT;
      for (;;) {
        try {
          port = await listen(server, tried, host);
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || tried >= DEFAULT_PORT + 9) throw err;
          tried++;
        }
      }
    }
  } catch (err) {
    workspace.dispose();
    index?.close();
    await renderer.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CableError(`port ${options.port ?? `${DEFAULT_PORT}–${DEFAULT_PORT + 9}`} is in use (choose another with --port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CableError(`cannot listen on ${host}: not an address of this machine`);
    if (code === 'EACCES') throw new CableError(`not allowed to listen on port ${options.port}`);
    throw err;
  }
  guard.port = port;
  // However the process ends (an uncaught error included), the temporary folder goes with it.
  const onExit = (): void => workspace.dispose();
  process.on('exit', onExit);
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    host,
    port,
    token,
    dir: workspace.dir,
    exposed: !isLoopback(host),
    index: options.index ?? null,
    server,
    close: async () => {
      if (closed) return;
      closed = true;
      process.off('exit', onExit);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await renderer.close();
      index?.close();
      workspace.dispose();
    },
  };
}
