/**
 * What a local server must refuse (after Jupyter's server): a request without the run's token,
 * a `Host` it was not started for (DNS rebinding), an `Origin` or `Sec-Fetch-Site` of another
 * site (a page the user happens to visit posting to localhost). Pure: request facts in, a verdict out.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface GuardConfig {
  token: string;
  port: number;
  /** Host names the server answers to, without port (`127.0.0.1`, `localhost`, `[::1]`, …). */
  hosts: string[];
}

export interface RequestFacts {
  method: string;
  /** Path and query, as in the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Verdict =
  | { ok: true; via: 'cookie' | 'header' | 'query' }
  | { ok: false; status: 403; reason: string };

/** A fresh token: 24 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The cookie that carries the token after the first visit; named by port, since cookies ignore ports. */
export function cookieName(port: number): string {
  return `cablekit-${port}`;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The host names a server bound to `bindHost` answers to: loopback names, the bound name, and
 * for a wildcard bind every local interface address. */
export function allowedHosts(bindHost: string): string[] {
  const out = new Set(LOOPBACK);
  const bracket = (h: string): string => (isIP(h) === 6 ? `[${h}]` : h);
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(bracket(a.address));
  } else {
    out.add(bracket(bindHost.replace(/^\[|\]$/g, '')));
  }
  return [...out].map((h) => h.toLowerCase());
}

function header(facts: RequestFacts, name: string): string | undefined {
  const v = facts.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(facts: RequestFacts, port: number): string | undefined {
  const cookie = header(facts, 'cookie');
  if (!cookie) return undefined;
  const name = cookieName(port);
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function checkRequest(facts: RequestFacts, config: GuardConfig): Verdict {
  const refuse = (reason: string): Verdict => ({ ok: false, status: 403, reason });
  const host = (header(facts, 'host') ?? '').toLowerCase();
  const allowed = config.hosts.map((h) => `${h}:${config.port}`);
  if (!allowed.includes(host)) return refuse(`Host ${JSON.stringify(host)} is not this server's (DNS rebinding is refused)`);
  const origin = header(facts, 'origin');
  if (origin !== undefined && !allowed.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return refuse(`Origin ${JSON.stringify(origin)} is another site's (cross-site requests are refused)`);
  }
  const site = header(facts, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return refuse(`a ${site} request is refused`);

  const query = new URL(facts.url, 'http://x').searchParams.get('token') ?? undefined;
  if (sameToken(cookieToken(facts, config.port), config.token)) return { ok: true, via: 'cookie' };
  if (sameToken(header(facts, 'x-cablekit-token'), config.token)) return { ok: true, via: 'header' };
  // The token in the URL only opens the page (which then sets the cookie); never for a change.
  if (facts.method === 'GET' && sameToken(query, config.token)) return { ok: true, via: 'query' };
  return refuse('no valid token: open the URL that `cablekit serve` printed');
}
