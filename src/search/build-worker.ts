/**
 * A worker thread of `buildIndex`: parses cables (files, or CSV rows split out by the main
 * thread) and makes their index rows, a batch at a time. The main thread only reads and writes.
 */
import { parentPort } from 'node:worker_threads';
import { indexTask, type IndexTask, type IndexTaskResult } from './task.js';

parentPort!.on('message', async (batch: { id: number; tasks: IndexTask[] }) => {
  const results: IndexTaskResult[] = [];
  for (const task of batch.tasks) results.push(await indexTask(task));
  const transfer = results.flatMap((r) => ('row' in r ? [r.row.packedBody.buffer, r.row.doc.buffer] : [])) as ArrayBuffer[];
  parentPort!.postMessage({ id: batch.id, results }, transfer);
});
