/**
 * Runs batch tasks on N worker processes (each running the compiled `dist/batch/child.js`), or in
 * the main thread for one job. Processes rather than threads: each has its own heap and garbage
 * collector, and a crash in native code (an image library, a runaway allocation) takes down one
 * worker, which fails only its current task and is replaced.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { executeTask, type BatchTask, type TaskContext, type TaskOutcome } from './task.js';
import type { ChildMessage, READY } from './child.js';

export interface Executor {
  run(task: BatchTask): Promise<TaskOutcome>;
  close(): Promise<void>;
}

/** The compiled worker module; when this file runs from `src/` (tests), the one in `dist/`. */
export function workerModulePath(): string {
  const here = new URL('./child.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(here))) return fileURLToPath(here);
  const dist = new URL('../../dist/batch/child.js', import.meta.url);
  if (existsSync(fileURLToPath(dist))) return fileURLToPath(dist);
  throw new Error('dist/batch/child.js is missing: run `npm run build` first');
}

export class InProcessExecutor implements Executor {
  private readonly running = new Set<Promise<TaskOutcome>>();
  constructor(private readonly ctx: TaskContext) {}
  run(task: BatchTask): Promise<TaskOutcome> {
    const p = executeTask(task, this.ctx);
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }
  /** Waits for the tasks already started (they cannot be stopped halfway), so none writes after. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

/**
 * Messages of tasks sent ahead to each worker: with two, a worker starts its next tasks as soon
 * as it has sent its results, without waiting for the main thread to answer.
 */
const PREFETCH = 2;

/**
 * Tasks a message carries, by the work they are. Text, Markdown and JSON take well under a
 * millisecond a cable, so that a message (a serialization, a pipe write and a read on each side)
 * for each, there and back, costs as much as a tenth of the work: they go 16 to a message, and
 * come back 16 to an answer. PDF and DOCX take ten times as long and go one at a time.
 */
export function tasksPerMessage(ctx: TaskContext): number {
  const format = ctx.convert.format;
  return format === 'text' || format === 'markdown' || format === 'json' ? 16 : 1;
}

/** Workers in a row that die before they are ready: then the pool gives up rather than loop. */
const MAX_START_FAILURES = 3;

/**
 * The Node options a worker inherits: the main process's, without those that only make sense
 * once — code given with -e/-p (and its --input-type), a debugger port every worker would fight
 * for, a watcher or test runner, a REPL or syntax check.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  /** Options dropped together with the value that follows them when it is a separate word. */
  const withValue = new Set(['-e', '--eval', '-p', '--print', '-pe', '-ep', '--input-type', '--inspect-port', '--debug-port', '--watch-path']);
  const dropped = /^(--(eval|print|input-type|inspect|debug|watch|test|check|interactive)\b|-(c|i)$)/;
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (withValue.has(a)) {
      i++;
      continue;
    }
    if (dropped.test(a)) continue;
    out.push(a);
  }
  return out;
}

/**
 * V8 options for a worker by the work it does. Text, Markdown and JSON are parsing and little
 * else: short-lived objects by the million, collected by the young generation. A larger young
 * generation (32 MB semi-spaces instead of V8's 16) halves how often it is swept: measured, 20–30%
 * less CPU per cable for normalize. PDF and DOCX gain from none of this and keep V8's defaults.
 *
 * And each worker compiles the parser anew, with V8's optimizing compiler (TurboFan) on threads
 * of its own that compete with the other workers for the cores. With V8's defaults it optimizes
 * (and, as types settle, optimizes again) most of the parser's functions within a worker's first
 * few hundred cables: on a worker's first 2,000 real cables that compiling is close to half the
 * instructions it runs, and pays for itself only over a long run. A 22× larger interrupt budget
 * (the work a function does before V8 considers optimizing it) leaves all but the hottest functions
 * to the interpreter and baseline code for longer, and optimizes those alone, each by itself (no
 * inlining: a third less compiling, the running code within 1% of the instructions). Measured with
 * `normalize --jobs 2`, whole command, on 1,000 / 4,000 / 16,000 real cables: V8's defaults but no
 * inlining 1.03 / 2.1 / 4.7 s; no optimizing compiler at all (`--no-opt`) 0.68 / 1.65 / 5.4 s; these
 * options 0.69 / 1.63 / 4.7 s, the better of the two at every size.
 */
export function heapArgv(ctx: TaskContext): string[] {
  const format = ctx.convert.format;
  return format === 'text' || format === 'markdown' || format === 'json' ? TEXT_WORKER_V8 : [];
}

/** The V8 options of a text, Markdown or JSON worker (see heapArgv; the bench measures the parser with them). */
export const TEXT_WORKER_V8 = ['--max-semi-space-size=32', '--no-turbo-inlining', '--interrupt-budget=1500000'];

interface Pending {
  task: BatchTask;
  resolve: (o: TaskOutcome) => void;
  reject: (err: Error) => void;
  /**
   * Sent alone: it was in a message of several that a worker died running, and which of them
   * killed it is not known (the others are run again, each on its own, and only the one that
   * kills a worker again fails).
   */
  alone?: boolean;
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  /** Messages of tasks sent and not yet answered, oldest first (a worker answers in order). */
  pending: Pending[][];
}

export class WorkerPool implements Executor {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;
  private readonly path: string;
  private startFailures = 0;
  /** Set when workers cannot start: every task is then refused with it. */
  private broken: Error | null = null;
  private readonly perMessage: number;
  private pumpQueued = false;

  constructor(
    readonly size: number,
    private readonly ctx: TaskContext,
  ) {
    this.path = workerModulePath();
    this.perMessage = tasksPerMessage(ctx);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // stdout is the parent's to write (progress, results); a worker's warnings go to stderr.
    const child = fork(this.path, [], {
      execArgv: [...workerExecArgv(process.execArgv), ...heapArgv(this.ctx)],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let markReady!: () => void;
    const slot: Slot = { child, pending: [], ready: new Promise<void>((r) => (markReady = r)) };
    let ready = false;
    child.send({ kind: 'context', ctx: this.ctx } satisfies ChildMessage);
    child.on('message', (msg: TaskOutcome[] | typeof READY) => {
      if (!Array.isArray(msg)) {
        ready = true;
        this.startFailures = 0;
        markReady();
        return;
      }
      // One answer for each message, in the order they were sent; tasks matched by number all the same.
      const sent = slot.pending.shift() ?? [];
      for (const outcome of msg) sent.find((p) => p.task.seq === outcome.seq)?.resolve(outcome);
      this.pump();
    });
    let failed = false;
    const fail = (why: string): void => {
      if (failed) return;
      failed = true;
      const i = this.slots.indexOf(slot);
      if (i < 0 || this.closed) return;
      const [running = [], ...waiting] = slot.pending.splice(0);
      const later = waiting.flat();
      if (!ready) {
        // Died while starting: its tasks were never run, so none of them is to blame.
        if (++this.startFailures >= MAX_START_FAILURES) {
          // Not a bad cable but a worker that cannot run at all (a broken install, a bad Node option).
          this.broken = new Error(`batch worker processes exit before converting anything (${why}); see the messages above`);
          this.slots.splice(i, 1);
          for (const p of [...running, ...later, ...this.queue.splice(0)]) p.reject(this.broken);
          return;
        }
        this.queue.unshift(...running, ...later);
      } else if (running.length === 1) {
        // The task being run fails; those sent after it go back to the front of the queue.
        const [current] = running;
        this.queue.unshift(...later);
        current!.resolve({ seq: current!.task.seq, input: current!.task.input, error: `worker crashed: ${why}` });
      } else {
        // One of the tasks of the message being run killed it (or something else did): each is run
        // again on its own, so that only one that kills a worker again fails.
        for (const p of running) p.alone = true;
        this.queue.unshift(...running, ...later);
      }
      this.slots[i] = this.spawn();
      this.pump();
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      // A message sent to a worker that has just died: its 'close' follows, with the real cause
      // (the signal or exit code), which is the one to report.
      if (err.code === 'EPIPE' || err.code === 'ERR_IPC_CHANNEL_CLOSED') return;
      fail(err.message.split('\n')[0] ?? 'error');
    });
    // 'close', not 'exit': it comes after the last message the worker sent has been delivered.
    child.on('close', (code, signal) => fail(signal ? `killed by ${signal}` : `exit code ${code}`));
    return slot;
  }

  /** Resolves once every worker has started (for tests that need a worker busy with a task). */
  async whenReady(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private pump(): void {
    for (let depth = 1; depth <= PREFETCH; depth++) {
      for (const slot of this.slots) {
        if (slot.pending.length >= depth || this.queue.length === 0) continue;
        const sent: Pending[] = [this.queue.shift()!];
        if (!sent[0]!.alone) while (sent.length < this.perMessage && this.queue.length && !this.queue[0]!.alone) sent.push(this.queue.shift()!);
        slot.pending.push(sent);
        slot.child.send({ kind: 'tasks', tasks: sent.map((p) => p.task) } satisfies ChildMessage);
      }
    }
  }

  run(task: BatchTask): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      // Tasks handed over together (one turn of the event loop) are sent together.
      if (this.pumpQueued) return;
      this.pumpQueued = true;
      setImmediate(() => {
        this.pumpQueued = false;
        this.pump();
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('close', () => resolve());
            child.kill();
          }),
      ),
    );
  }
}

export function createExecutor(jobs: number, ctx: TaskContext): Executor {
  return jobs <= 1 ? new InProcessExecutor(ctx) : new WorkerPool(jobs, ctx);
}
