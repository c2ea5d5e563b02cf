/**
 * Assembles the workbench page in dist/web after `tsc -p web/tsconfig.json` compiled web/src to
 * dist/web/app: copies index.html and style.css, and Preact's ES modules (with its licence) to
 * dist/web/vendor, where the page's import map points. Nothing is fetched: the page is served
 * by `cablekit serve` from these files only.
 *
 *   node scripts/build-web.mjs       (part of `npm run build`, hence of `npm ci`)
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
if (!existsSync(join(out, 'app', 'main.js'))) {
  console.error('build-web: dist/web/app/main.js is missing (run tsc -p web/tsconfig.json first)');
  process.exit(1);
}
mkdirSync(join(out, 'vendor'), { recursive: true });
for (const f of ['index.html', 'style.css']) copyFileSync(join(root, 'web', f), join(out, f));

const require = createRequire(import.meta.url);
const preact = dirname(require.resolve('preact/package.json'));
const vendor = {
  'preact.mjs': 'dist/preact.mjs',
  'hooks.mjs': 'hooks/dist/hooks.mjs',
  'jsxRuntime.mjs': 'jsx-runtime/dist/jsxRuntime.mjs',
  'preact-LICENSE.txt': 'LICENSE',
};
for (const [name, from] of Object.entries(vendor)) copyFileSync(join(preact, from), join(out, 'vendor', name));

// The import map must name exactly these files.
const html = readFileSync(join(out, 'index.html'), 'utf8');
for (const name of ['preact.mjs', 'hooks.mjs', 'jsxRuntime.mjs']) {
  if (!html.includes(`/vendor/${name}`)) throw new Error(`build-web: index.html's import map does not name /vendor/${name}`);
}
