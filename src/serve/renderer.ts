/**
 * Hands document jobs to one worker thread (src/serve/render-worker.ts), one at a time, in order.
 * A preview asked for again before its turn replaces the one waiting (the page wants the newest).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Cable } from '../model/cable.js';
import { CableError } from '../errors.js';
import type { RedactionPlan } from '../redact/apply/plan.js';
import type { BookRequest, DocumentRequest, MadeDocument } from './documents.js';
import { HttpError } from './http.js';

export type RenderJob =
  | { kind: 'cable' | 'audit'; cable: Cable; input: string; request: DocumentRequest; plan?: RedactionPlan }
  | { kind: 'book'; cables: Cable[]; request: BookRequest; plan?: RedactionPlan };

/** A second-look hit of a refused document, as the worker sends it back (no value). */
export interface RefusedHit {
  category: string;
  where: string;
  sha256: string;
}

export type RenderAnswer =
  | { id: number; ok: true; made: MadeDocument }
  | { id: number; ok: false; cableError: { message: string; file: string | null; secondLook?: RefusedHit[] } }
  | { id: number; ok: false; error: string };

interface Waiting {
  id: number;
  job: RenderJob;
  /** Jobs with the same key replace each other while waiting (a cable's preview). */
  supersedes?: string;
  resolve: (made: MadeDocument) => void;
  reject: (err: Error) => void;
}

/** dist/serve/render-worker.js (next to this module when built; the built one when running from src/). */
function workerFile(): URL {
  const here = new URL('./render-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/serve/render-worker.js', import.meta.url);
}

/** A document refused because the second look found contact details in it: the hits, for the page to point at. */
export class SecondLookRefusal extends CableError {
  constructor(
    message: string,
    file: string | null,
    readonly hits: RefusedHit[],
  ) {
    super(message, file);
    this.name = 'SecondLookRefusal';
  }
}

export class Renderer {
  private worker: Worker | null = null;
  private queue: Waiting[] = [];
  private running: Waiting | null = null;
  private counter = 0;
  private closed = false;

  /** Makes a document in the worker. `supersedes`: a key under which a newer job replaces a waiting one. */
  make(job: RenderJob, supersedes?: string): Promise<MadeDocument> {
    if (this.closed) return Promise.reject(new HttpError(503, 'the workbench is stopping'));
    return new Promise((resolve, reject) => {
      if (supersedes) {
        for (const w of this.queue.filter((q) => q.supersedes === supersedes)) w.reject(new HttpError(409, 'replaced by a newer preview'));
        this.queue = this.queue.filter((q) => q.supersedes !== supersedes);
      }
      this.queue.push({ id: ++this.counter, job, supersedes, resolve, reject });
      this.next();
    });
  }

  private start(): Worker {
    const worker = new Worker(workerFile());
    worker.on('message', (answer: RenderAnswer) => {
      const job = this.running;
      if (!job || job.id !== answer.id) return;
      this.running = null;
      if (answer.ok) job.resolve({ ...answer.made, data: Buffer.from(answer.made.data.buffer, answer.made.data.byteOffset, answer.made.data.byteLength) });
      else if ('cableError' in answer) {
        const { message, file, secondLook } = answer.cableError;
        job.reject(secondLook ? new SecondLookRefusal(message, file, secondLook) : new CableError(message, file));
      }
      else job.reject(new Error(answer.error));
      this.next();
    });
    const fail = (err: Error): void => {
      this.worker = null;
      const job = this.running;
      this.running = null;
      job?.reject(err);
      if (!this.closed) this.next();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`the document worker stopped (exit code ${code})`));
    });
    worker.unref();
    return worker;
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.worker ??= this.start();
    this.worker.postMessage({ id: job.id, job: job.job });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue) w.reject(new HttpError(503, 'the workbench is stopping'));
    this.queue = [];
    this.running?.reject(new HttpError(503, 'the workbench is stopping'));
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
