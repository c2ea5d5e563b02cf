/**
 * The workbench and a real browser for the end-to-end tests, the screenshots and the benchmark: `cablekit
 * serve` in a child process, and Debian's Chromium (`/usr/bin/chromium`, installed by .ci/run)
 * driven by playwright-core — which never downloads a browser.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CABLEKIT_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, throw-away browser. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts `node bin/cablekit.js serve --port 0` (and any `args`, e.g. `['--index', 'release.db']`) and waits for the URL it prints.
 * @param {string} [root]
 * @param {string[]} [args]
 * @returns {Promise<{ url: string, base: string, token: string, child: import('node:child_process').ChildProcess, stop(): Promise<void> }>}
 */
export function serve(root = resolve('.'), args = []) {
  const child = spawn(process.execPath, [join(root, 'bin', 'cablekit.js'), 'serve', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`cablekit serve printed no URL in 20 s: ${err}`)), 20_000);
    child.stderr.on('data', (d) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`cablekit serve exited (${code}): ${err}`)));
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = /(http:\/\/\S+\?token=(\S+))/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1];
      resolvePromise({
        url,
        base: url.slice(0, url.indexOf('/?token=')),
        token: m[2],
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/**
 * One Chromium with a fresh profile, a 1280×800 window and downloads allowed.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close(): Promise<void> }>}
 */
export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'cablekit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
