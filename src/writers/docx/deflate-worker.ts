/**
 * The worker of `PieceDeflater`: deflates each piece it is sent (level 6, fflate) and ends it
 * with a sync flush, so the pieces of one entry concatenate into one deflate stream.
 */
import { parentPort } from 'node:worker_threads';
import { deflatePiece } from './deflate.js';

parentPort?.on('message', (msg: { id: number; data: Uint8Array; final: boolean }) => {
  const out = deflatePiece(msg.data, msg.final);
  parentPort!.postMessage({ id: msg.id, data: out }, [out.buffer as ArrayBuffer]);
});
