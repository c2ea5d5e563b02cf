/**
 * One unit of batch work — read or parse one cable, convert it, hash the bytes — run the same
 * way in a worker process or in the main thread (`--jobs 1`), so both give identical results.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cable, Warning } from '../model/cable.js';
import { parseCable, readCableFile } from '../readers/cable/parse.js';
import type { SourceMeta } from '../readers/cable/parse.js';
import { convertCable, type ConvertOptions } from '../pipeline/convert.js';
import { CableError } from '../errors.js';
import { deserializeFilter, matchesCable, matchesContent, type CableFilter, type SerializedFilter } from '../select/filter.js';

/** What one batch input asks for: a cable file, or a row of the bulk CSV already split out. */
export type BatchTask =
  | { seq: number; kind: 'file'; input: string }
  | { seq: number; kind: 'csv-row'; input: string; text: string; meta: SourceMeta }
  /** A cable already parsed and selected (from a search index): converted as it is. */
  | { seq: number; kind: 'cable'; input: string; cable: Cable };

/**
 * What came of one input. The output's bytes are in `data`, or, when the context names a
 * `staging` folder, already written to `staged` there; the main thread names the output and
 * writes (or renames) it, in input order.
 */
export interface TaskOutcome {
  seq: number;
  input: string;
  id?: string;
  data?: Uint8Array;
  /** Path of the temp file holding the output (see TaskContext.staging). */
  staged?: string;
  pages?: number | null;
  sha256?: string;
  warnings?: Warning[];
  /** The cable did not pass `--filter` (file inputs: all of it; CSV rows: its tag and text parts, the rest is decided on the columns). */
  filtered?: boolean;
  error?: string;
}

/** Everything a worker needs besides the task: plain data, so it crosses to worker processes. */
export interface TaskContext {
  convert: ConvertOptions;
  filter?: SerializedFilter;
  /**
   * Write each output to a temp file in this folder (the output folder, so the final rename
   * stays on one file system) instead of returning its bytes: a worker then sends a path,
   * not a copy of the file, and the main thread only renames it.
   */
  staging?: { dir: string; prefix: string };
}

/** The temp file a task with this sequence number stages its output in. */
export function stagedPath(staging: { dir: string; prefix: string }, seq: number): string {
  return join(staging.dir, `${staging.prefix}${seq}.tmp`);
}

/** The one line a manifest gives for a failed input: the problem, without the file name. */
export function errorMessage(err: unknown): string {
  const msg = err instanceof CableError ? err.message : err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? '').trim() || 'unknown error';
}

/** The context's filter, deserialized once per context. */
const filters = new WeakMap<SerializedFilter, CableFilter>();
function filterOf(ctx: TaskContext): CableFilter | undefined {
  if (!ctx.filter) return undefined;
  let f = filters.get(ctx.filter);
  if (!f) filters.set(ctx.filter, (f = deserializeFilter(ctx.filter)));
  return f;
}

export async function executeTask(task: BatchTask, ctx: TaskContext): Promise<TaskOutcome> {
  const base = { seq: task.seq, input: task.input };
  try {
    const cable =
      task.kind === 'file'
        ? await readCableFile(task.input)
        : task.kind === 'cable'
          ? task.cable
          : parseCable(task.text, { file: task.input, shape: 'csv-row', meta: task.meta });
    const filter = task.kind === 'cable' ? undefined : filterOf(ctx);
    if (filter && !(task.kind === 'file' ? matchesCable(cable, filter) : matchesContent(cable, filter))) {
      return { ...base, id: cable.id, filtered: true };
    }
    const result = await convertCable(cable, ctx.convert);
    const warnings: Warning[] = [
      ...(result.cable.warnings ?? []),
      ...result.warnings.map((message) => ({ kind: 'writer', line: null, message })),
    ];
    const sha256 = createHash('sha256').update(result.data).digest('hex');
    const done = { ...base, id: result.cable.id, pages: result.pages ?? null, sha256, warnings };
    if (!ctx.staging) return { ...done, data: new Uint8Array(result.data) };
    const staged = stagedPath(ctx.staging, task.seq);
    try {
      // Synchronously, as the input was read: a worker does one task at a time, and an output is
      // small; fs/promises' open, write and close (three trips through the thread pool) cost
      // two to three times the CPU of the same calls made directly.
      writeFileSync(staged, result.data);
    } catch (err) {
      await rm(staged, { force: true });
      return { ...base, id: result.cable.id, error: `cannot write the output: ${errorMessage(err)}` };
    }
    return { ...done, staged };
  } catch (err) {
    return { ...base, error: errorMessage(err) };
  }
}
