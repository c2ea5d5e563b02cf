/**
 * Runs batch tasks on N worker threads (each importing the compiled `dist/batch/worker.js`), or in
 * the main thread for one job. A worker that crashes fails only its current task and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { executeTask, type BatchTask, type TaskContext, type TaskOutcome } from './task.js';

export interface Executor {
  run(task: BatchTask): Promise<TaskOutcome>;
  close(): Promise<void>;
}

/** The compiled worker module; when this file runs from `src/` (tests), the one in `dist/`. */
export function workerModuleUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(here))) return here;
  const dist = new URL('../../dist/batch/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(dist))) return dist;
  throw new Error('dist/batch/worker.js is missing: run `npm run build` first');
}

export class InProcessExecutor implements Executor {
  constructor(private readonly ctx: TaskContext) {}
  run(task: BatchTask): Promise<TaskOutcome> {
    return executeTask(task, this.ctx);
  }
  async close(): Promise<void> {}
}

interface Slot {
  worker: Worker;
  current: { task: BatchTask; resolve: (o: TaskOutcome) => void } | null;
}

export class WorkerPool implements Executor {
  private readonly slots: Slot[] = [];
  private readonly queue: { task: BatchTask; resolve: (o: TaskOutcome) => void }[] = [];
  private closed = false;
  private readonly url: URL;

  constructor(
    readonly size: number,
    private readonly ctx: TaskContext,
  ) {
    this.url = workerModuleUrl();
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.url, { workerData: this.ctx }), current: null };
    slot.worker.on('message', (outcome: TaskOutcome) => {
      const cur = slot.current;
      slot.current = null;
      if (outcome.data && !(outcome.data instanceof Uint8Array)) outcome.data = new Uint8Array(outcome.data);
      cur?.resolve(outcome);
      this.pump();
    });
    const fail = (why: string): void => {
      const cur = slot.current;
      slot.current = null;
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
      if (cur) cur.resolve({ seq: cur.task.seq, input: cur.task.input, error: `worker crashed: ${why}` });
      this.pump();
    };
    slot.worker.on('error', (err) => fail(err.message.split('\n')[0] ?? 'error'));
    slot.worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) fail(`exit code ${code}`);
    });
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.current || this.queue.length === 0) continue;
      const next = this.queue.shift()!;
      slot.current = next;
      slot.worker.postMessage(next.task);
    }
  }

  run(task: BatchTask): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

export function createExecutor(jobs: number, ctx: TaskContext): Executor {
  return jobs <= 1 ? new InProcessExecutor(ctx) : new WorkerPool(jobs, ctx);
}
