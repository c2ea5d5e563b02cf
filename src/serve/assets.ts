/**
 * The page's files (built by `npm ci` into dist/web: HTML, scripts, styles). They are read once at
 * start into memory and served by exact name, so no request can name a file elsewhere on disk.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CableError } from '../errors.js';

export interface Asset {
  type: string;
  data: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** dist/web next to this module (dist/serve), or the built one when running from src/. */
export function defaultWebDir(): string {
  const candidates = [fileURLToPath(new URL('../web/', import.meta.url)), fileURLToPath(new URL('../../dist/web/', import.meta.url))];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

function walk(dir: string, base: string, out: Map<string, Asset>): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, base, out);
    else {
      const type = TYPES[extname(name).toLowerCase()];
      if (!type || name.endsWith('.map') || name.endsWith('.d.ts')) continue;
      out.set('/' + relative(base, path).split(sep).join('/'), { type, data: readFileSync(path) });
    }
  }
}

/** Every servable file of the built page, by URL path (`/index.html`, `/app/main.js`, …). */
export function loadAssets(dir = defaultWebDir()): Map<string, Asset> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new CableError('the workbench page is not built (run `npm run build`)', dir);
  }
  const out = new Map<string, Asset>();
  walk(dir, dir, out);
  return out;
}

/**
 * The CSP source for the page's inline import map (`'sha256-…'`): the only inline script, allowed
 * by its hash so that `script-src` needs no `'unsafe-inline'`.
 */
export function importMapSource(html: Buffer | string): string | null {
  const m = /<script type="importmap">([\s\S]*?)<\/script>/.exec(String(html));
  return m ? `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'` : null;
}
