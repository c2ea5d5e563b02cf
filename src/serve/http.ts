/** Small HTTP helpers for the workbench: bodies read with a size limit, JSON and file answers, the safety headers. */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An answer with a status and one line for the user. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** More for the page, sent beside `error` (e.g. `secondLook`: the hits a refusal names). */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const MB = 1024 * 1024;

/** `5 MB`, `1.2 MB`. */
export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

function tooLarge(what: string, limit: number, size?: number): HttpError {
  return new HttpError(413, `${what}: too large${size !== undefined ? ` (${megabytes(size)})` : ''}; the limit is ${megabytes(limit)}`);
}

/** Refuses early when Content-Length already says the body is too large. */
function checkLength(req: IncomingMessage, limit: number, what: string): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(what, limit, declared);
}

/** The whole body in memory, at most `limit` bytes (a larger one is refused with 413 and a clear line). */
export async function readBody(req: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  checkLength(req, limit, what);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  // Read to the end (and dropped) past the limit, so the client still gets the answer.
  if (size > limit) throw tooLarge(what, limit, size);
  return Buffer.concat(chunks);
}

export async function readJson<T>(req: IncomingMessage, limit: number): Promise<T> {
  const body = await readBody(req, limit, 'request');
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
}

/**
 * Streams the body to `path` (never whole in memory), at most `limit` bytes; returns the size.
 * Past the limit the rest is read and dropped, so the client still gets the answer (413).
 */
export async function saveBody(req: IncomingMessage, path: string, limit: number, what: string): Promise<number> {
  checkLength(req, limit, what);
  let size = 0;
  const file = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    file.on('close', resolve);
    file.on('error', reject);
  });
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) continue;
      if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    }
  } finally {
    file.end();
    await closed;
  }
  if (size > limit) throw tooLarge(what, limit, size);
  return size;
}

/** Headers on every answer: no sniffing, no referrer (the page's URL carries nothing, but still), no caching. */
export const SAFETY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'SAMEORIGIN',
};

/**
 * The page's policy: its own scripts and styles only, nothing from elsewhere, no inline script
 * but the import map, named by its hash.
 */
export function contentSecurityPolicy(importMap: string | null): string {
  return [
    "default-src 'none'",
    `script-src 'self'${importMap ? ` ${importMap}` : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...SAFETY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(text.endsWith('\n') ? text : `${text}\n`);
  res.writeHead(status, { ...SAFETY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...headers });
  res.end(body);
}

/** A file answer; `inline` for the preview frame, otherwise a download named `name`. */
export function sendFile(res: ServerResponse, data: Uint8Array, type: string, name: string, inline = false): void {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  res.writeHead(200, {
    ...SAFETY_HEADERS,
    'Content-Type': type,
    'Content-Length': data.length,
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"`,
  });
  res.end(data);
}
