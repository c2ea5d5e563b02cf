/**
 * Beyond one machine (issue 12 item 8): `--shard auto` from the environment of array-job runners,
 * and `manifest merge` joining the shards' manifests — checked to fit together, and equal to the
 * manifest of an unsharded run.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseShard, shardFromEnvironment } from '../src/batch/shard.js';
import { runBatch } from '../src/batch/run.js';
import { mergeManifests } from '../src/batch/merge.js';
import { discoverInputs } from '../src/readers/input/discover.js';
import { parseFilter } from '../src/select/filter.js';
import type { CableError } from '../src/errors.js';

const CSV = 'tests/fixtures/cables/cables-sample.csv';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'cablekit-shard-'));
const lineOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as CableError).toLine?.() ?? String(err);
  }
  return 'no error';
};

describe('--shard auto', () => {
  it('takes the index from a Kubernetes Indexed Job, the count from auto/N or CABLEKIT_SHARD_COUNT', () => {
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '3', CABLEKIT_SHARD_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(lineOf(() => parseShard('auto', { JOB_COMPLETION_INDEX: '3' }))).toBe(
      "--shard auto: Kubernetes JOB_COMPLETION_INDEX=3 gives the index but not the number of shards: use --shard auto/N or set CABLEKIT_SHARD_COUNT=N (the Job's completions)",
    );
    expect(lineOf(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '4' }))).toMatch(/JOB_COMPLETION_INDEX=4 is not below the number of shards, 4/);
    expect(lineOf(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: '0', CABLEKIT_SHARD_COUNT: '4' }))).toMatch(/auto\/3 disagrees with CABLEKIT_SHARD_COUNT=4/);
    expect(lineOf(() => parseShard('auto', { JOB_COMPLETION_INDEX: 'x', CABLEKIT_SHARD_COUNT: '4' }))).toMatch(/JOB_COMPLETION_INDEX must be a whole number/);
  });

  it('takes index and count from a Slurm job array, whatever its first index and step', () => {
    const slurm = (id: number, min: number, max: number, step: number | null, count: number) => ({
      SLURM_ARRAY_TASK_ID: String(id),
      SLURM_ARRAY_TASK_MIN: String(min),
      SLURM_ARRAY_TASK_MAX: String(max),
      SLURM_ARRAY_TASK_COUNT: String(count),
      ...(step === null ? {} : { SLURM_ARRAY_TASK_STEP: String(step) }),
    });
    expect(parseShard('auto', slurm(0, 0, 7, 1, 8))).toEqual({ index: 1, count: 8 }); // --array=0-7
    expect(parseShard('auto', slurm(8, 1, 8, null, 8))).toEqual({ index: 8, count: 8 }); // --array=1-8
    expect(parseShard('auto', slurm(6, 0, 14, 2, 8))).toEqual({ index: 4, count: 8 }); // --array=0-14:2
    expect(parseShard('auto/8', slurm(3, 0, 7, 1, 8))).toEqual({ index: 4, count: 8 });
    expect(lineOf(() => parseShard('auto/4', slurm(3, 0, 7, 1, 8)))).toMatch(/4 shards asked for, but the Slurm array has 8 tasks/);
    // --array=1,2,9: not evenly spaced, so no K/N.
    expect(lineOf(() => parseShard('auto', slurm(9, 1, 9, 1, 3)))).toMatch(/^--shard auto: the Slurm array \(tasks 1–9, step 1, 3 tasks\) is not an evenly spaced range holding task 9/);
  });

  it('takes an AWS Batch array index, and says in one line when there is no array job', () => {
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '2' }, 5)).toEqual({ index: 3, count: 5 });
    expect(lineOf(() => parseShard('auto', { HOME: '/root', SLURM_JOB_ID: '12' }))).toBe(
      '--shard auto: no array-job index in the environment (Kubernetes JOB_COMPLETION_INDEX, Slurm SLURM_ARRAY_TASK_ID, AWS Batch AWS_BATCH_JOB_ARRAY_INDEX); give --shard K/N',
    );
    expect(lineOf(() => parseShard('auto/2', { JOB_COMPLETION_INDEX: '0', SLURM_ARRAY_TASK_ID: '0' }))).toMatch(/JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID are both set/);
    expect(lineOf(() => parseShard('auto/0', {}))).toMatch(/auto\/N needs a whole number N ≥ 1/);
    expect(lineOf(() => parseShard('3/2'))).toMatch(/K\/N/);
  });

  it('on the command line: the shard the environment names, its manifest named after it', () => {
    const out = tmp();
    const r = spawnSync(process.execPath, ['bin/cablekit.js', 'render', 'samples', '--format', 'json', '--out', out, '--shard', 'auto', '--jobs', '1'], {
      encoding: 'utf8',
      env: { ...process.env, SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_MAX: '2' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['07OTTAWA117.json', '08OTTAWA647.json', 'manifest-2-of-2.json']);
    const bad = spawnSync(process.execPath, ['bin/cablekit.js', 'render', 'samples', '--format', 'json', '--out', out, '--shard', 'auto'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^cablekit: --shard auto: no array-job index/);
  });
});

describe('manifest merge', () => {
  /** Inputs with a bad file among them, so failures are merged too. */
  async function inputs() {
    const dir = tmp();
    for (const f of ['samples/08OTTAWA372.txt', 'samples/07OTTAWA117.txt', 'samples/05OTTAWA1502.txt', 'tests/fixtures/cables/00HARARE6677.txt']) copyFileSync(f, join(dir, f.split('/').pop()!));
    writeFileSync(join(dir, 'not-a-cable.txt'), 'Dear diary,\n\nNothing here.\n');
    return discoverInputs([dir, CSV]);
  }

  it('joins the shards of one folder into the manifest an unsharded run writes', async () => {
    const list = await inputs();
    const filter = parseFilter(['text~canada|shah|zimbabwe|harare']);
    const shared = tmp();
    for (let k = 1; k <= 3; k++) {
      await runBatch({ inputs: list, outDir: shared, convert: { format: 'json' }, jobs: 1, filter, shard: { index: k, count: 3 } });
    }
    const whole = tmp();
    const all = await runBatch({ inputs: list, outDir: whole, convert: { format: 'json' }, jobs: 1, filter });
    expect(all).toMatchObject({ inputs: 11, failed: 1 });
    expect(all.filtered).toBeGreaterThan(0);

    const result = await mergeManifests([shared]);
    expect(result.manifestPath).toBe(join(shared, 'manifest.json'));
    expect(result.summary).toEqual({ inputs: 11, converted: all.converted, failed: 1, filtered: all.filtered });
    expect(readFileSync(join(shared, 'manifest.json'), 'utf8')).toBe(readFileSync(join(whole, 'manifest.json'), 'utf8'));
    for (const f of readdirSync(whole)) expect(readFileSync(join(shared, f)).equals(readFileSync(join(whole, f))), f).toBe(true);
  });

  it('joins shards from folders of their own, naming outputs from the merged manifest', async () => {
    const list = await inputs();
    const root = tmp();
    for (let k = 1; k <= 2; k++) await runBatch({ inputs: list, outDir: join(root, `s${k}`), convert: { format: 'json' }, jobs: 1, shard: { index: k, count: 2 } });
    await expect(mergeManifests([join(root, 's1'), join(root, 's2')])).rejects.toThrow(/several folders: say where the merged manifest goes with --out FILE/);
    const out = join(root, 'manifest.json');
    const result = await mergeManifests([join(root, 's2'), join(root, 's1')], { out, verify: true });
    expect(result.summary).toMatchObject({ inputs: 11, failed: 1 });
    const m = JSON.parse(readFileSync(out, 'utf8'));
    expect(m.shard).toBeNull();
    expect(m.cables.map((e: { input: string }) => e.input)).toEqual(list.flatMap((s) => (s.kind === 'file' ? [s.path] : [1, 2, 3, 4, 5, 6].map((r) => `${CSV}:${r}`))));
    expect(m.cables[0]).toEqual(expect.objectContaining({ output: 's1/00HARARE6677.json' }));
    expect(m.cables[1]).toEqual(expect.objectContaining({ output: 's2/05OTTAWA1502.json' }));
    expect(m.cables.some((e: object) => 'index' in e)).toBe(false);

    // --verify re-hashes the outputs.
    writeFileSync(join(root, 's2', '05OTTAWA1502.json'), 'changed');
    await expect(mergeManifests([join(root, 's1'), join(root, 's2')], { out, verify: true })).rejects.toThrow(/s2\/05OTTAWA1502\.json \(.*05OTTAWA1502\.txt\) is missing or not the output recorded/);
  });

  it('refuses shards that do not fit: missing, twice, other options, other inputs, one output for two inputs', async () => {
    const list = await inputs();
    const root = tmp();
    const run = (dir: string, k: number, n: number, extra: object = {}, which = list) =>
      runBatch({ inputs: which, outDir: join(root, dir), convert: { format: 'json' }, jobs: 1, shard: { index: k, count: n }, ...extra });
    await run('a', 1, 3);
    await run('a', 2, 3);
    // Missing: shard 3 never finished (it left only its journal).
    writeFileSync(join(root, 'a', 'manifest-3-of-3.json.journal'), '{"journal":"cablekit-batch","version":1}\n');
    await expect(mergeManifests([join(root, 'a')])).rejects.toThrow(
      `missing shards 3/3 (interrupted, run again with --resume: ${join(root, 'a', 'manifest-3-of-3.json.journal')})`,
    );
    // Twice.
    await run('b', 2, 3);
    await run('b', 3, 3);
    await expect(mergeManifests([join(root, 'a'), join(root, 'b')], { out: join(root, 'm.json') })).rejects.toThrow(/^shard 2\/3 twice: .*a\/manifest-2-of-3\.json and .*b\/manifest-2-of-3\.json$/);
    // Other options.
    await run('c', 3, 3, { convert: { format: 'json', watermark: 'DRAFT' } });
    await expect(mergeManifests([join(root, 'a', 'manifest-1-of-3.json'), join(root, 'a', 'manifest-2-of-3.json'), join(root, 'c')], { out: join(root, 'm.json') })).rejects.toThrow(
      /mismatched options: .*c\/manifest-3-of-3\.json differs from .*a\/manifest-1-of-3\.json in options\.watermark/,
    );
    await run('d', 3, 3, { filter: parseFilter(['tag=PINS']) });
    await expect(mergeManifests([join(root, 'a', 'manifest-1-of-3.json'), join(root, 'a', 'manifest-2-of-3.json'), join(root, 'd')], { out: join(root, 'm.json') })).rejects.toThrow(/in filter/);
    // Other inputs.
    await run('e', 3, 3, {}, list.slice(1));
    await expect(mergeManifests([join(root, 'a', 'manifest-1-of-3.json'), join(root, 'a', 'manifest-2-of-3.json'), join(root, 'e')], { out: join(root, 'm.json') })).rejects.toThrow(/was made from other inputs than/);
    // Other splits.
    await run('f', 1, 2);
    await expect(mergeManifests([join(root, 'a'), join(root, 'f')], { out: join(root, 'm.json') })).rejects.toThrow(/shards of different splits/);
    // A shard's manifest edited by hand: an input missing from it.
    const edited = JSON.parse(readFileSync(join(root, 'b', 'manifest-3-of-3.json'), 'utf8'));
    edited.cables.pop();
    writeFileSync(join(root, 'b', 'manifest-3-of-3.json'), JSON.stringify(edited));
    rmSync(join(root, 'a', 'manifest-3-of-3.json.journal'));
    renameSync(join(root, 'b', 'manifest-3-of-3.json'), join(root, 'a', 'manifest-3-of-3.json'));
    await expect(mergeManifests([join(root, 'a')])).rejects.toThrow(/manifest-3-of-3\.json: accounts for \d+ of the \d+ inputs of shard 3\/3/);
    expect(readdirSync(join(root, 'a'))).not.toContain('manifest.json');

    // Two shards writing the same id into one folder: one output lost.
    const twice = tmp();
    copyFileSync('samples/08OTTAWA372.txt', join(twice, 'a.txt'));
    copyFileSync('samples/08OTTAWA372.txt', join(twice, 'b.txt'));
    const same = tmp();
    for (let k = 1; k <= 2; k++) await runBatch({ inputs: await discoverInputs([twice]), outDir: same, convert: { format: 'json' }, jobs: 1, shard: { index: k, count: 2 } });
    await expect(mergeManifests([same])).rejects.toThrow(/b\.txt and .*a\.txt were both written to 08OTTAWA372\.json: one overwrote the other/);
  });

  it('on the command line: one line, exit 2 when inputs failed, 1 when the shards do not fit', async () => {
    const list = await inputs();
    const out = tmp();
    for (let k = 1; k <= 2; k++) await runBatch({ inputs: list, outDir: out, convert: { format: 'json' }, jobs: 1, shard: { index: k, count: 2 } });
    const ok = spawnSync(process.execPath, ['bin/cablekit.js', 'manifest', 'merge', out], { encoding: 'utf8' });
    expect(ok.status).toBe(2);
    expect(ok.stderr).toBe(`merged 2 shards: converted 10 of 11; 1 failed, see ${join(out, 'manifest.json')}\n`);
    rmSync(join(out, 'manifest-1-of-2.json'));
    const bad = spawnSync(process.execPath, ['bin/cablekit.js', 'manifest', 'merge', out, '--out', join(out, 'x.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('cablekit: missing shards 1/2\n');
  });
});
