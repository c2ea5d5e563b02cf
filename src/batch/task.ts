/**
 * One unit of batch work — read or parse one cable, convert it, hash the bytes — run the same
 * way in a worker thread or in the main thread (`--jobs 1`), so both give identical results.
 */
import { createHash } from 'node:crypto';
import type { Warning } from '../model/cable.js';
import { parseCable, readCableFile } from '../parse/index.js';
import type { SourceMeta } from '../parse/index.js';
import { convertCable, type ConvertOptions } from '../pipeline/convert.js';
import { CableError } from '../errors.js';
import { cableFilterSubject, deserializeFilter, matchesFilter, type SerializedFilter } from '../csv/filter.js';

/** What one batch input asks for: a cable file, or a row of the bulk CSV already split out. */
export type BatchTask =
  | { seq: number; kind: 'file'; input: string }
  | { seq: number; kind: 'csv-row'; input: string; text: string; meta: SourceMeta };

/** What came of one input. `data` is the output file's bytes; the main thread names and writes it. */
export interface TaskOutcome {
  seq: number;
  input: string;
  id?: string;
  data?: Uint8Array;
  pages?: number | null;
  sha256?: string;
  warnings?: Warning[];
  /** The cable did not pass `--filter` (file inputs; CSV rows are filtered before parsing). */
  filtered?: boolean;
  error?: string;
}

/** Everything a worker needs besides the task: plain data, so it crosses to worker threads. */
export interface TaskContext {
  convert: ConvertOptions;
  filter?: SerializedFilter;
}

/** The one line a manifest gives for a failed input: the problem, without the file name. */
export function errorMessage(err: unknown): string {
  const msg = err instanceof CableError ? err.message : err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? '').trim() || 'unknown error';
}

export async function executeTask(task: BatchTask, ctx: TaskContext): Promise<TaskOutcome> {
  const base = { seq: task.seq, input: task.input };
  try {
    const cable =
      task.kind === 'file'
        ? await readCableFile(task.input)
        : parseCable(task.text, { file: task.input, shape: 'csv-row', meta: task.meta });
    if (task.kind === 'file' && ctx.filter && !matchesFilter(cableFilterSubject(cable), deserializeFilter(ctx.filter))) {
      return { ...base, id: cable.id, filtered: true };
    }
    const result = await convertCable(cable, ctx.convert);
    const data = new Uint8Array(result.data);
    const warnings: Warning[] = [
      ...(result.cable.warnings ?? []),
      ...result.warnings.map((message) => ({ kind: 'writer', line: null, message })),
    ];
    return {
      ...base,
      id: result.cable.id,
      data,
      pages: result.pages ?? null,
      sha256: createHash('sha256').update(data).digest('hex'),
      warnings,
    };
  } catch (err) {
    return { ...base, error: errorMessage(err) };
  }
}
