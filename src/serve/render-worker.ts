/**
 * The workbench's document maker, in a worker thread: PDF, DOCX, audit logs and books take
 * hundreds of milliseconds of CPU, and the server's own thread must stay free to answer the page
 * (a toggle is answered in milliseconds even while a preview is being made). It runs the same
 * functions as the server would (src/serve/documents.ts, i.e. the CLI's pipeline).
 */
import { parentPort } from 'node:worker_threads';
import { CableError } from '../errors.js';
import { ResidualError } from '../redact/verify/residual.js';
import { bookDocument, cableAudit, cableDocument } from './documents.js';
import type { RenderJob, RenderAnswer } from './renderer.js';

async function run(job: RenderJob) {
  switch (job.kind) {
    case 'cable':
      return cableDocument(job.cable, job.input, job.request, job.plan);
    case 'audit':
      return cableAudit(job.cable, job.input, job.request, job.plan);
    case 'book':
      return bookDocument(job.cables, job.request, job.plan);
  }
}

parentPort!.on('message', async ({ id, job }: { id: number; job: RenderJob }) => {
  let answer: RenderAnswer;
  try {
    const made = await run(job);
    answer = { id, ok: true, made: { name: made.name, type: made.type, data: made.data, pages: made.pages, warnings: made.warnings } };
  } catch (err) {
    answer =
      err instanceof ResidualError
        ? { id, ok: false, cableError: { message: err.message, file: err.file, secondLook: err.hits.map((h) => ({ category: h.category, where: h.where, sha256: h.sha256 })) } }
        : err instanceof CableError
        ? { id, ok: false, cableError: { message: err.message, file: err.file } }
        : { id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  const transfer = answer.ok && answer.made.data.byteOffset === 0 && answer.made.data.byteLength === answer.made.data.buffer.byteLength ? [answer.made.data.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(answer, transfer);
});
