/**
 * Worker-process entry of the batch pool. The main process sends the context once, then messages
 * of tasks (a few ahead, see pool.ts); the tasks run one at a time, in the order received, and the
 * outcomes of a message go back in one answer as soon as its last task is done.
 */
import { rmSync } from 'node:fs';
import { executeTask, stagedPath, type BatchTask, type TaskContext, type TaskOutcome } from './task.js';

export type ChildMessage = { kind: 'context'; ctx: TaskContext } | { kind: 'tasks'; tasks: BatchTask[] };
/** Sent once the worker has loaded: from then on, its death is a task's fault, not a start-up failure. */
export const READY = { ready: true } as const;

const send = process.send?.bind(process);
if (send) {
  let ctx: TaskContext | null = null;
  /** Messages of tasks received, each answered with one message of their outcomes. */
  const queue: BatchTask[][] = [];
  let running = false;
  /** Every task received: if the main process dies, their staged files are this worker's to remove. */
  const received: number[] = [];

  const drain = async (): Promise<void> => {
    if (running) return;
    running = true;
    while (queue.length) {
      const outcomes: TaskOutcome[] = [];
      for (const task of queue.shift()!) outcomes.push(await executeTask(task, ctx!));
      send(outcomes);
    }
    running = false;
  };

  process.on('message', (msg: ChildMessage) => {
    if (msg.kind === 'context') ctx = msg.ctx;
    else {
      for (const task of msg.tasks) received.push(task.seq);
      queue.push(msg.tasks);
      void drain();
    }
  });
  // The main process decides when to stop (Ctrl-C reaches the whole process group): it lets the
  // commit in progress finish, then ends its workers.
  process.on('SIGINT', () => {});
  // The main process is gone (killed, crashed): nobody will rename or remove what this worker
  // staged, so it removes it (files already renamed are no longer there) and stops.
  process.on('disconnect', () => {
    if (ctx?.staging) for (const seq of received) rmSync(stagedPath(ctx.staging, seq), { force: true });
    process.exit(0);
  });
  send(READY);
}
