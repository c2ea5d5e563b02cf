/** One input of an index build, as a worker thread (or the main thread) parses it. */
import type { SourceMeta } from '../readers/cable/parse.js';
import { parseCable, readCableFile } from '../readers/cable/parse.js';
import { CableError, errorLine } from '../errors.js';
import { indexRow, type IndexedRow } from './row.js';

export type IndexTask = { seq: number; kind: 'file'; input: string } | { seq: number; kind: 'csv-row'; input: string; text: string; meta: SourceMeta };

export type IndexTaskResult = { seq: number; row: IndexedRow } | { seq: number; error: string };

export async function indexTask(task: IndexTask): Promise<IndexTaskResult> {
  try {
    const cable = task.kind === 'file' ? await readCableFile(task.input) : parseCable(task.text, { file: task.input, shape: 'csv-row', meta: task.meta });
    return { seq: task.seq, row: indexRow(cable) };
  } catch (err) {
    const line = err instanceof CableError && err.file ? errorLine(err) : `${task.input}: ${errorLine(err)}`;
    return { seq: task.seq, error: line };
  }
}
