/**
 * Worker-process entry of the batch pool. The main process sends the context once, then tasks
 * (a few ahead, see pool.ts); they run one at a time, in the order received, and each answer is
 * sent back as soon as its task is done.
 */
import { executeTask, type BatchTask, type TaskContext } from './task.js';

export type ChildMessage = { kind: 'context'; ctx: TaskContext } | { kind: 'task'; task: BatchTask };
/** Sent once the worker has loaded: from then on, its death is a task's fault, not a start-up failure. */
export const READY = { ready: true } as const;

const send = process.send?.bind(process);
if (send) {
  let ctx: TaskContext | null = null;
  const queue: BatchTask[] = [];
  let running = false;

  const drain = async (): Promise<void> => {
    if (running) return;
    running = true;
    while (queue.length) send(await executeTask(queue.shift()!, ctx!));
    running = false;
  };

  process.on('message', (msg: ChildMessage) => {
    if (msg.kind === 'context') ctx = msg.ctx;
    else {
      queue.push(msg.task);
      void drain();
    }
  });
  // The main process decides when to stop (Ctrl-C reaches the whole process group): it lets the
  // commit in progress finish, then ends its workers.
  process.on('SIGINT', () => {});
  process.on('disconnect', () => process.exit(0));
  send(READY);
}
