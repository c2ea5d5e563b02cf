/** Worker-thread entry of the batch pool: runs tasks from the main thread one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { executeTask, type BatchTask, type TaskContext } from './task.js';

const ctx = workerData as TaskContext;
const port = parentPort;
if (!port) throw new Error('batch/worker.js must run in a worker thread');

port.on('message', (task: BatchTask) => {
  void executeTask(task, ctx).then((outcome) => {
    // The bytes are a fresh copy, so their buffer can be moved instead of cloned.
    port.postMessage(outcome, outcome.data ? [outcome.data.buffer as ArrayBuffer] : []);
  });
});
