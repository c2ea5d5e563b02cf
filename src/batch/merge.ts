/**
 * `cablekit manifest merge`: the manifests of a sharded batch (`manifest-K-of-N.json`, one per
 * shard, in one folder or several) joined into one manifest in input order — the manifest an
 * unsharded run would have written — after checking that they fit together: every shard of the
 * split present once, made with the same format, options and filter over the same inputs, and
 * every input accounted for exactly once (converted, failed or filtered out), no two outputs in
 * one place. Any mismatch is an error and no manifest is written.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CableError } from '../errors.js';
import { ManifestWriter, isManifestOk, sha256File, type Manifest, type ManifestEntry, type ManifestSummary } from './manifest.js';

export interface MergeOptions {
  /** Where the merged manifest goes. Default: `manifest.json` in the shards' folder (when they share one). */
  out?: string;
  /** Also re-hash every output and check it against its sha256. */
  verify?: boolean;
}

export interface MergeResult {
  manifestPath: string;
  shards: number;
  summary: ManifestSummary;
}

const SHARD_MANIFEST = /^manifest-(\d+)-of-(\d+)\.json$/;
const SHARD_JOURNAL = /^manifest-(\d+)-of-(\d+)\.json\.journal$/;

interface ShardFile {
  path: string;
  manifest: Manifest;
  index: number;
  count: number;
}

/** A problem list made into one line: the first few, and how many more. */
function problems(list: string[]): CableError {
  const shown = list.slice(0, 3).join('; ');
  return new CableError(list.length > 3 ? `${shown}; and ${list.length - 3} more problems` : shown);
}

/** The shard manifests among the arguments (files, or folders holding them), and interrupted shards seen. */
async function findShardManifests(args: string[]): Promise<{ files: string[]; interrupted: string[] }> {
  const files: string[] = [];
  const interrupted: string[] = [];
  for (const arg of args) {
    const st = await stat(arg).catch(() => null);
    if (!st) throw new CableError('no such file or folder', arg);
    if (st.isFile()) {
      files.push(arg);
      continue;
    }
    const names = (await readdir(arg)).sort();
    const found = names.filter((n) => SHARD_MANIFEST.test(n));
    for (const n of names) if (SHARD_JOURNAL.test(n) && !names.includes(n.replace(/\.journal$/, ''))) interrupted.push(join(arg, n));
    if (!found.length && !names.some((n) => SHARD_JOURNAL.test(n))) {
      throw new CableError('no shard manifests (manifest-K-of-N.json) in this folder', arg);
    }
    files.push(...found.map((n) => join(arg, n)));
  }
  return { files, interrupted };
}

async function readShard(path: string): Promise<ShardFile> {
  let m: Manifest;
  try {
    m = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch (err) {
    throw new CableError(`not a manifest: ${(err as Error).message.split('\n')[0]}`, path);
  }
  const shard = /^(\d+)\/(\d+)$/.exec(String(m?.shard ?? ''));
  if (m?.generator !== 'cablekit' || !Array.isArray(m.cables) || !m.summary) throw new CableError('not a cablekit manifest', path);
  if (!shard) throw new CableError('not a shard\'s manifest (it has no "shard": "K/N")', path);
  if (typeof m.summary.allInputs !== 'number' || typeof m.summary.allInputsSha256 !== 'string' || m.cables.some((e) => typeof e.index !== 'number')) {
    throw new CableError('made by an older cablekit (no input positions): convert this shard again', path);
  }
  return { path, manifest: m, index: Number(shard[1]), count: Number(shard[2]) };
}

/** Everything but the cables and the counts, which must be the same in every shard. */
function runKey(m: Manifest): string {
  return JSON.stringify({ generator: m.generator, format: m.format, options: m.options, filter: m.filter ?? [] });
}

/** The first top-level field (or option) in which two manifests differ, for the error message. */
function firstDifference(a: Manifest, b: Manifest): string {
  if (a.format !== b.format) return `format (${a.format} vs ${b.format})`;
  if (JSON.stringify(a.filter ?? []) !== JSON.stringify(b.filter ?? [])) return 'filter';
  const keys = [...new Set([...Object.keys(a.options ?? {}), ...Object.keys(b.options ?? {})])].sort();
  const key = keys.find((k) => JSON.stringify(a.options?.[k]) !== JSON.stringify(b.options?.[k]));
  return key ? `options.${key}` : 'options';
}

/** How many of `total` inputs shard K of N takes (every N-th, from the K-th). */
function shardSize(total: number, k: number, n: number): number {
  return total >= k ? Math.floor((total - k) / n) + 1 : 0;
}

export async function mergeManifests(args: string[], options: MergeOptions = {}): Promise<MergeResult> {
  const { files, interrupted } = await findShardManifests(args);
  const shards: ShardFile[] = [];
  for (const f of files) shards.push(await readShard(f));
  const n = checkSplit(shards, interrupted);
  const first = shards.find((s) => s.index === 1)!;
  checkAlike(shards, first);
  checkSlices(shards, n, first.manifest.summary.allInputs!);
  const out = mergedPath(shards, first, options.out);
  const places = new OutputPlaces(out);
  await checkOutputs(shards, places, options.verify ?? false);
  const summary = await writeMerged(shards, first, out, places);
  return { manifestPath: out, shards: n, summary };
}

/** One split: the same N everywhere, each K once, none missing. Returns N. */
function checkSplit(shards: ShardFile[], interrupted: string[]): number {
  const list: string[] = [];
  const counts = [...new Set(shards.map((s) => s.count))];
  if (counts.length > 1) {
    const a = shards.find((s) => s.count === counts[0])!;
    const b = shards.find((s) => s.count === counts[1])!;
    throw new CableError(`shards of different splits: ${a.path} is ${a.index}/${a.count}, ${b.path} is ${b.index}/${b.count}`);
  }
  const n = counts[0] ?? 0;
  const byIndex = new Map<number, ShardFile>();
  for (const s of shards) {
    const other = byIndex.get(s.index);
    if (other) list.push(`shard ${s.index}/${n} twice: ${other.path} and ${s.path}`);
    else byIndex.set(s.index, s);
  }
  const missing: number[] = [];
  for (let k = 1; k <= n; k++) if (!byIndex.has(k)) missing.push(k);
  if (!shards.length || missing.length) {
    const what = shards.length ? `missing shards ${missing.map((k) => `${k}/${n}`).join(', ')}` : 'no finished shard';
    const why = interrupted.length ? ` (interrupted, run again with --resume: ${interrupted.join(', ')})` : '';
    list.push(what + why);
  }
  if (list.length) throw problems(list);
  return n;
}

/** Made alike (format, options, filter), over the same inputs. */
function checkAlike(shards: ShardFile[], first: ShardFile): void {
  const list: string[] = [];
  for (const s of shards) {
    if (runKey(s.manifest) !== runKey(first.manifest)) {
      list.push(`mismatched options: ${s.path} differs from ${first.path} in ${firstDifference(first.manifest, s.manifest)}`);
    } else if (
      s.manifest.summary.allInputs !== first.manifest.summary.allInputs ||
      s.manifest.summary.allInputsSha256 !== first.manifest.summary.allInputsSha256
    ) {
      list.push(`${s.path} was made from other inputs than ${first.path} (${s.manifest.summary.allInputs} vs ${first.manifest.summary.allInputs} inputs, or other names)`);
    }
  }
  if (list.length) throw problems(list);
}

/** Every input once: each shard holds exactly its slice of the `total` inputs, in order, and its counts add up. */
function checkSlices(shards: ShardFile[], n: number, total: number): void {
  const list: string[] = [];
  for (const s of shards) {
    const m = s.manifest;
    const ok = m.cables.filter(isManifestOk).length;
    const expected = shardSize(total, s.index, n);
    let last = -1;
    const stray = m.cables.find((e) => {
      const i = e.index!;
      const bad = !Number.isInteger(i) || i <= last || i >= total || i % n !== s.index - 1;
      last = i;
      return bad;
    });
    if (stray) list.push(`${s.path}: input ${stray.input} at position ${stray.index} does not belong to shard ${s.index}/${n} (or comes twice)`);
    else if (m.summary.inputs !== expected || m.cables.length + m.summary.filtered !== expected || m.summary.converted !== ok || m.summary.failed !== m.cables.length - ok) {
      list.push(`${s.path}: accounts for ${m.cables.length + m.summary.filtered} of the ${expected} inputs of shard ${s.index}/${n}`);
    }
  }
  if (list.length) throw problems(list);
}

/** Where the merged manifest goes: `out`, or `manifest.json` in the shards' one folder. */
function mergedPath(shards: ShardFile[], first: ShardFile, out: string | undefined): string {
  const folders = [...new Set(shards.map((s) => resolve(dirname(s.path))))];
  if (!out && folders.length > 1) {
    throw new CableError('the shards are in several folders: say where the merged manifest goes with --out FILE');
  }
  return out ?? join(dirname(first.path), 'manifest.json');
}

/** Where a shard's output is, and its name relative to the merged manifest. */
class OutputPlaces {
  private readonly outDir: string;

  constructor(out: string) {
    this.outDir = resolve(dirname(out));
  }

  place(s: ShardFile, output: string): string {
    return resolve(dirname(s.path), output);
  }

  name(s: ShardFile, output: string): string {
    return relative(this.outDir, this.place(s, output)).split(sep).join('/');
  }
}

/** No two outputs in one place (two shards writing the same name into one folder); with `verify`, every output is the one recorded. */
async function checkOutputs(shards: ShardFile[], places: OutputPlaces, verify: boolean): Promise<void> {
  const list: string[] = [];
  const owners = new Map<string, string>();
  for (const s of shards) {
    for (const e of s.manifest.cables) {
      if (!isManifestOk(e)) continue;
      const where = places.place(s, e.output);
      const other = owners.get(where);
      if (other !== undefined) list.push(`${e.input} and ${other} were both written to ${places.name(s, e.output)}: one overwrote the other (use one folder per shard, or ids without repeats)`);
      owners.set(where, e.input);
    }
  }
  if (list.length) throw problems(list);
  if (!verify) return;
  for (const s of shards) {
    for (const e of s.manifest.cables) {
      if (isManifestOk(e) && (await sha256File(places.place(s, e.output))) !== e.sha256) {
        list.push(`${places.name(s, e.output)} (${e.input}) is missing or not the output recorded`);
      }
    }
  }
  if (list.length) throw problems(list);
}

/** The merged manifest, in input order: the shards' entries interleaved by position. */
async function writeMerged(shards: ShardFile[], first: ShardFile, out: string, places: OutputPlaces): Promise<ManifestSummary> {
  const ordered = [...shards].sort((a, b) => a.index - b.index);
  const cursors = ordered.map(() => 0);
  const summary: ManifestSummary = { inputs: 0, converted: 0, failed: 0, filtered: 0 };
  for (const s of ordered) {
    summary.inputs += s.manifest.summary.inputs;
    summary.converted += s.manifest.summary.converted;
    summary.failed += s.manifest.summary.failed;
    summary.filtered += s.manifest.summary.filtered;
  }
  const m = first.manifest;
  const writer = await ManifestWriter.open(out, {
    generator: 'cablekit',
    format: m.format,
    options: m.options,
    ...(m.filter ? { filter: m.filter } : {}),
    shard: null,
  });
  try {
    for (;;) {
      let pick = -1;
      for (let i = 0; i < ordered.length; i++) {
        const e = ordered[i]!.manifest.cables[cursors[i]!];
        if (e && (pick < 0 || e.index! < ordered[pick]!.manifest.cables[cursors[pick]!]!.index!)) pick = i;
      }
      if (pick < 0) break;
      const s = ordered[pick]!;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { index, ...entry } = s.manifest.cables[cursors[pick]!++]!;
      await writer.add((isManifestOk(entry as ManifestEntry) ? { ...entry, output: places.name(s, (entry as { output: string }).output) } : entry) as ManifestEntry);
    }
    await writer.finish(summary);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return summary;
}
