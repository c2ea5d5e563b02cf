import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequest, allowedHosts, cookieName } from '../src/serve/guard.js';
import { startWorkbench, type Workbench } from '../src/serve/server.js';
import { MB } from '../src/serve/http.js';
import { selectCables } from '../src/select/index.js';
import { parseFilter } from '../src/select/filter.js';

describe('the guard of a local server', () => {
  const config = { token: 'secret-token-123', port: 8750, hosts: allowedHosts('127.0.0.1') };
  const req = (headers: Record<string, string>, url = '/api/cables', method = 'GET') => checkRequest({ method, url, headers }, config);

  it('lets the token in by cookie, header, or (GET only) the printed URL', () => {
    expect(req({ host: '127.0.0.1:8750', cookie: `${cookieName(8750)}=secret-token-123` })).toEqual({ ok: true, via: 'cookie' });
    expect(req({ host: 'localhost:8750', 'x-cablekit-token': 'secret-token-123' })).toEqual({ ok: true, via: 'header' });
    expect(req({ host: '127.0.0.1:8750' }, '/?token=secret-token-123')).toEqual({ ok: true, via: 'query' });
    expect(req({ host: '127.0.0.1:8750' }, '/api/paste?token=secret-token-123', 'POST').ok).toBe(false);
  });

  it('refuses a missing or wrong token, a cookie of another port', () => {
    expect(req({ host: '127.0.0.1:8750' })).toMatchObject({ ok: false, status: 403 });
    expect(req({ host: '127.0.0.1:8750', 'x-cablekit-token': 'secret-token-124' }).ok).toBe(false);
    expect(req({ host: '127.0.0.1:8750', cookie: `${cookieName(8751)}=secret-token-123` }).ok).toBe(false);
  });

  it('refuses a foreign Host (DNS rebinding), Origin or Sec-Fetch-Site even with the token', () => {
    const token = { 'x-cablekit-token': 'secret-token-123' };
    expect(req({ ...token, host: 'attacker.example:8750' })).toMatchObject({ ok: false, reason: expect.stringContaining('DNS rebinding') });
    expect(req({ ...token, host: '127.0.0.1:9999' }).ok).toBe(false);
    expect(req({ ...token, host: '127.0.0.1:8750', origin: 'http://attacker.example' })).toMatchObject({ ok: false, reason: expect.stringContaining('cross-site') });
    expect(req({ ...token, host: '127.0.0.1:8750', origin: 'null' }).ok).toBe(false);
    expect(req({ ...token, host: '127.0.0.1:8750', 'sec-fetch-site': 'cross-site' }).ok).toBe(false);
    expect(req({ ...token, host: '127.0.0.1:8750', origin: 'http://localhost:8750', 'sec-fetch-site': 'same-origin' }).ok).toBe(true);
  });
});

describe('cablekit serve over HTTP', () => {
  let bench: Workbench;
  let base: string;
  const headers = () => ({ 'X-Cablekit-Token': bench.token });

  beforeAll(async () => {
    bench = await startWorkbench({ port: 0, limits: { cable: 1 * MB, csv: 2 * MB } });
    base = `http://127.0.0.1:${bench.port}`;
  });
  afterAll(async () => {
    await bench.close();
  });

  it('prints a loopback URL with the token, and moves the token into a SameSite cookie', async () => {
    expect(bench.url).toBe(`http://127.0.0.1:${bench.port}/?token=${bench.token}`);
    expect(bench.exposed).toBe(false);
    expect((await fetch(`${base}/`)).status).toBe(403);
    const first = await fetch(bench.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toBe(`${cookieName(bench.port)}=${bench.token}; Path=/; HttpOnly; SameSite=Strict`);
    const page = await fetch(`${base}/`, { headers: { cookie: `${cookieName(bench.port)}=${bench.token}` } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe');
    expect(await page.text()).toContain('/vendor/preact.mjs');
  });

  it('refuses an API request without the token or from another origin (403)', async () => {
    expect((await fetch(`${base}/api/cables`)).status).toBe(403);
    const foreign = await fetch(`${base}/api/cables`, { headers: { ...headers(), Origin: 'http://attacker.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toMatch(/^cablekit serve: Origin "http:\/\/attacker.example" is another site's/);
    expect((await fetch(`${base}/api/cables`, { headers: headers() })).status).toBe(200);
  });

  it('reads a cable, and answers a bad file with the CLI’s one line without stopping', async () => {
    const post = (name: string, body: string | Buffer) => fetch(`${base}/api/cables?name=${encodeURIComponent(name)}`, { method: 'POST', headers: headers(), body });
    const good = (await (await post('08OTTAWA372.txt', readFileSync('samples/08OTTAWA372.txt'))).json()) as { entry: { id: string; repairs: number; handle: string } };
    expect(good.entry).toMatchObject({ id: '08OTTAWA372', repairs: 24 });
    const bad = (await (await post('notes.txt', 'shopping list: milk, eggs')).json()) as { entry: { error: string } };
    expect(bad.entry.error).toBe('notes.txt: not a cable: no classification line, date-time group or reference id found');
    const detail = (await (await fetch(`${base}/api/cables/${good.entry.handle}`, { headers: headers() })).json()) as { review: { repairs: unknown[]; raw: string } };
    expect(detail.review.repairs).toHaveLength(24);
    expect(detail.review.raw).toBe(readFileSync('samples/08OTTAWA372.txt', 'utf8'));
  });

  it('refuses uploads over the limit with a clear message (413)', async () => {
    const big = Buffer.alloc(1 * MB + 10, 'a');
    const res = await fetch(`${base}/api/cables?name=big.txt`, { method: 'POST', headers: headers(), body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('big.txt: too large (1.0 MB); the limit is 1 MB');
    const csv = await fetch(`${base}/api/csv?name=cables.csv`, { method: 'POST', headers: headers(), body: Buffer.alloc(3 * MB, 'a') });
    expect(csv.status).toBe(413);
    expect(((await csv.json()) as { error: string }).error).toBe('cables.csv: too large (3 MB); the limit is 2 MB');
  });

  it('streams a bulk CSV into its temporary folder, filters and pages it, opens a row', async () => {
    const up = await fetch(`${base}/api/csv?name=cables.csv`, { method: 'POST', headers: headers(), body: readFileSync('tests/fixtures/cables/cables-sample.csv') });
    const { csv } = (await up.json()) as { csv: { handle: string; rows: number } };
    expect(csv.rows).toBeGreaterThan(3);
    const q = async (query: string) => (await (await fetch(`${base}/api/csv/${csv.handle}?${query}`, { headers: headers() })).json()) as { total: number; rows: { row: number; id: string; origin: string; tags: string[] }[] };
    const all = await q('limit=2');
    expect(all.total).toBe(csv.rows);
    expect(all.rows).toHaveLength(2);
    const tehran = await q('origin=TEHRAN');
    expect(tehran.total).toBeGreaterThan(0);
    expect(tehran.rows.every((r) => /TEHRAN/i.test(r.origin))).toBe(true);
    const tagged = await q(`tag=${all.rows[0]!.tags[0]}`);
    expect(tagged.rows.map((r) => r.row)).toContain(all.rows[0]!.row);
    const text = await q('text=F-4E%20production%20line');
    expect(text.total).toBeGreaterThan(0);
    // Tag and text select what the CLI's `--filter tag=… --filter text~…` selects, row for row.
    const sample = 'tests/fixtures/cables/cables-sample.csv';
    const cli = async (specs: string[]) => {
      const ids: string[] = [];
      for await (const s of selectCables([{ kind: 'csv', path: sample }], { filter: parseFilter(specs), onError: () => {} })) ids.push(s.cable.id);
      return ids;
    };
    const ids = async (query: string) => (await q(`${query}&limit=200`)).rows.map((r) => r.id);
    const someTags = `${all.rows[0]!.tags[0]},PREL`;
    expect(await ids(`tag=${encodeURIComponent(someTags)}`)).toEqual(await cli([`tag=${someTags}`]));
    expect(await ids(`text=${encodeURIComponent('squadron|embassy')}`)).toEqual(await cli(['text~squadron|embassy']));
    const both = await ids(`tag=${encodeURIComponent(someTags)}&text=${encodeURIComponent('(the|of) ')}`);
    expect(both).toEqual(await cli([`tag=${someTags}`, 'text~(the|of) ']));
    expect(both.length).toBeGreaterThan(0);
    expect((await ids('text=F-4E%20production%20line')).length).toBeLessThan(all.total);
    // A bad pattern is the CLI's one-line error.
    const bad = await fetch(`${base}/api/csv/${csv.handle}?text=${encodeURIComponent('(unclosed')}`, { headers: headers() });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^cablekit: bad text regex/);
    expect((await fetch(`${base}/api/csv/${csv.handle}?from=yesterday`, { headers: headers() })).status).toBe(422);
    const opened = (await (await fetch(`${base}/api/csv/${csv.handle}/open`, { method: 'POST', headers: { ...headers(), 'Content-Type': 'application/json' }, body: JSON.stringify({ rows: [tehran.rows[0]!.row] }) })).json()) as { entries: { id: string; name: string }[] };
    expect(opened.entries[0]).toMatchObject({ id: tehran.rows[0]!.id, name: `cables.csv:${tehran.rows[0]!.row}` });
  });

  it('makes documents through the CLI’s pipeline and refuses what the CLI refuses, in its words', async () => {
    const list = (await (await fetch(`${base}/api/cables`, { headers: headers() })).json()) as { cables: { handle: string; id?: string }[] };
    const h = list.cables.find((c) => c.id === '08OTTAWA372')!.handle;
    const doc = (body: object) => fetch(`${base}/api/cables/${h}/document`, { method: 'POST', headers: { ...headers(), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const made = (await (await doc({ format: 'docx', template: 'teletype', choices: { redact: ['contacts'] } })).json()) as { document: { url: string; name: string } };
    expect(made.document.name).toBe('08OTTAWA372.docx');
    const file = await fetch(`${base}${made.document.url}`, { headers: headers() });
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="08OTTAWA372.docx"');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const badTemplate = await doc({ format: 'pdf', template: '/etc' });
    expect(badTemplate.status).toBe(422);
    expect(((await badTemplate.json()) as { error: string }).error).toBe('cablekit: unknown template "/etc" (use cable, teletype, handout)');
    const badCategory = await doc({ format: 'pdf', choices: { redact: ['gossip'] } });
    expect(((await badCategory.json()) as { error: string }).error).toMatch(/^cablekit: unknown --redact category "gossip"/);
  });

  it('removes its temporary folder when it stops', async () => {
    const other = await startWorkbench({ port: 0 });
    expect(existsSync(other.dir)).toBe(true);
    await other.close();
    expect(existsSync(other.dir)).toBe(false);
  });
});
