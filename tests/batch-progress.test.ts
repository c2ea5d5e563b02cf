import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createProgressReporter } from '../src/batch/progress.js';
import { runBatch, summaryLine } from '../src/batch/run.js';
import { ManifestWriter } from '../src/batch/manifest.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

const p = (done: number, total: number | null, elapsedMs: number) => ({ done, converted: done, upToDate: 0, failed: 0, total, elapsedMs });

describe('batch progress', () => {
  it('draws a bar on a terminal and clears it at the end', () => {
    const { stream, text } = fakeStream(true);
    const r = createProgressReporter(stream);
    r.update(p(10, 10, 2000));
    r.end();
    expect(text()).toContain('[##############################] 10/10 5.0/s');
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('writes a plain line every 5 s when not a terminal, and nothing when quiet', () => {
    vi.useFakeTimers();
    try {
      const { stream, text } = fakeStream(false);
      const r = createProgressReporter(stream);
      r.update(p(1, null, 100));
      expect(text()).toBe('');
      vi.advanceTimersByTime(5001);
      r.update(p(50, null, 5100));
      expect(text()).toMatch(/^render: 50 done \(50 converted, 0 up to date, 0 failed\) 9\.8\/s after 0:05\n$/);
      const quiet = fakeStream(true);
      const q = createProgressReporter(quiet.stream, { quiet: true });
      q.update(p(10, 10, 1000));
      q.end();
      expect(quiet.text()).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('manifest', () => {
  it('is valid JSON with no inputs at all, and leaves no temp file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cablekit-empty-'));
    const s = await runBatch({ inputs: [], outDir: out, convert: { format: 'json' }, jobs: 2 });
    expect(summaryLine(s)).toBe(`converted 0 of 0; manifest: ${join(out, 'manifest.json')}`);
    expect(readdirSync(out)).toEqual(['manifest.json']);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m).toEqual({
      generator: 'cablekit',
      format: 'json',
      options: { format: 'json' },
      shard: null,
      cables: [],
      summary: { inputs: 0, converted: 0, failed: 0, filtered: 0 },
    });
  });

  it('an aborted manifest leaves nothing behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cablekit-abort-'));
    const w = await ManifestWriter.open(join(out, 'manifest.json'), { generator: 'cablekit', format: 'json', options: {}, shard: null });
    await w.add({ input: 'a.txt', error: 'empty file' });
    await w.abort();
    expect(readdirSync(out)).toEqual([]);
  });
});
