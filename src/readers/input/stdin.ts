/**
 * `-` as an input: one cable read from standard input, as pandoc users expect
 * (`cat cable.txt | cablekit normalize -`).
 */
import type { Readable } from 'node:stream';
import type { Cable } from '../../model/cable.js';
import { parseCableBytes } from '../cable/parse.js';

/** The input argument that means standard input (and, for `-o`, standard output). */
export const STDIN_ARG = '-';
/**
 * What the command line hands yargs for a lone `-`, which yargs would drop (yargs issue 1312):
 * a NUL cannot be in a real argument, so no file name can collide with it.
 */
export const STDIN_TOKEN = '\u0000-';

/** Whether a command-line value means standard input or output: `-`. */
export function isStdinArg(arg: unknown): boolean {
  return arg === STDIN_ARG || arg === STDIN_TOKEN;
}

/** Arguments with each lone `-` (also `--output=-`) replaced by `STDIN_TOKEN` for yargs. */
export function protectDashArgs(argv: string[]): string[] {
  let options = true;
  return argv.map((a) => {
    if (a === '--') options = false;
    if (a === STDIN_ARG) return STDIN_TOKEN;
    return options ? a.replace(/^(--[A-Za-z][\w-]*=)-$/, `$1${STDIN_TOKEN}`) : a;
  });
}
/** How messages name standard input: `<stdin>: not a cable: …`. */
export const STDIN_NAME = '<stdin>';

/** Reads a stream to its end (standard input by default). */
export async function readStream(stream: Readable = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Reads one cable from standard input (or the stream given): decoded and parsed like a file. */
export async function readCableStdin(stream?: Readable): Promise<Cable> {
  return parseCableBytes(await readStream(stream), STDIN_NAME);
}
