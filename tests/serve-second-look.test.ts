/**
 * The second look over the workbench's API: a hit the detectors miss is a proposal of the cable's
 * plan, marked `source: "residual"` and pending; previews show the plan as it stands (the hit
 * redacted), downloads wait until a person decides it and answer with the hits (key, category,
 * place) and words without a command-line flag; Keep needs a reason; a book waits too.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkbench, type Workbench } from '../src/serve/server.js';

const FIXTURE = 'tests/fixtures/redaction/second-look/10OTTAWA77.txt';
const CHOICES = { redact: ['email', 'phone', 'fax', 'url', 'address'] };

interface View {
  proposals: { key: number; category: string; source?: string; pending?: boolean; action: string; reason?: string; where: string; value: string; clean: unknown }[];
}

describe('the second look in the workbench API', () => {
  let bench: Workbench;
  let base: string;
  let handle: string;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'X-Cablekit-Token': bench.token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    bench = await startWorkbench({ port: 0 });
    base = `http://127.0.0.1:${bench.port}`;
    const up = await fetch(`${base}/api/cables?name=10OTTAWA77.txt`, { method: 'POST', headers: { 'X-Cablekit-Token': bench.token }, body: readFileSync(FIXTURE) });
    handle = ((await up.json()) as { entry: { handle: string } }).entry.handle;
  });
  afterAll(async () => {
    await bench.close();
  });

  it('a hit the detectors miss is a pending proposal found by the second look, at its place in the clean text', async () => {
    const view = (await (await post(`/api/cables/${handle}/redaction`, { choices: CHOICES })).json()) as View;
    const hits = view.proposals.filter((p) => p.source === 'residual');
    expect(hits).toEqual([expect.objectContaining({ category: 'phone', where: 'paragraph 1', value: '613 99 51 234', pending: true, action: 'redact', clean: expect.any(Object) })]);
  });

  it('a download waits for the decision, naming the hit without a flag; a preview does not', async () => {
    const refused = await post(`/api/cables/${handle}/document`, { format: 'pdf', template: 'cable', choices: CHOICES, plan: true });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; secondLook: unknown[] };
    const view = (await (await post(`/api/cables/${handle}/redaction`, { choices: CHOICES })).json()) as View;
    const key = view.proposals.find((p) => p.source === 'residual')!.key;
    expect(body.secondLook).toEqual([{ key, category: 'phone', where: 'paragraph 1' }]);
    expect(body.error).toBe('10OTTAWA77: the second look found a contact detail the detectors missed (phone in paragraph 1): redact or keep it before downloading');
    const audit = await post(`/api/cables/${handle}/document`, { kind: 'audit', format: 'pdf', template: 'cable', choices: CHOICES, plan: true });
    expect(audit.status).toBe(409);
    const preview = await post(`/api/cables/${handle}/document`, { format: 'pdf', template: 'cable', choices: CHOICES, plan: true, preview: true });
    expect(preview.status).toBe(200);
    // a book of it waits too
    const book = await post('/api/book', { cables: [handle], format: 'pdf', title: 'B', sort: 'date', choices: CHOICES });
    expect(book.status).toBe(409);
    expect(((await book.json()) as { error: string }).error).toMatch(/^the second look found contact details to decide in 10OTTAWA77/);
  });

  it('Keep needs a reason; decided, the document is made, and the decision survives a change of choices', async () => {
    let view = (await (await post(`/api/cables/${handle}/redaction`, { choices: CHOICES })).json()) as View;
    const key = view.proposals.find((p) => p.source === 'residual')!.key;
    const bare = await post(`/api/cables/${handle}/redaction`, { choices: CHOICES, set: { key, action: 'keep' } });
    expect(bare.status).toBe(422);
    expect(((await bare.json()) as { error: string }).error).toBe('cablekit: say why you keep it: the reason goes in the audit log');
    view = (await (await post(`/api/cables/${handle}/redaction`, { choices: CHOICES, set: { key, action: 'keep', reason: 'published switchboard' } })).json()) as View;
    expect(view.proposals[key]).toMatchObject({ pending: false, action: 'keep', reason: 'published switchboard' });
    const made = await post(`/api/cables/${handle}/document`, { format: 'docx', template: 'cable', choices: CHOICES, plan: true });
    expect(made.status).toBe(200);
    // another style keeps the plan; another category set proposes again and carries the decision over
    view = (await (await post(`/api/cables/${handle}/redaction`, { choices: { ...CHOICES, redact: [...CHOICES.redact, 'names'] } })).json()) as View;
    expect(view.proposals.find((p) => p.source === 'residual')).toMatchObject({ pending: false, action: 'keep', reason: 'published switchboard' });
  });
});
