/**
 * The batch journal (`manifest.json.journal`, `manifest-K-of-N.json.journal`): an append-only
 * record of the outputs committed so far, one JSON line each, written as soon as an output is
 * renamed into place. The manifest is only written whole at the end; when a batch is stopped
 * before (Ctrl-C, `kill -9`, a crash, power loss), the journal is what `--resume` picks up from.
 * Each run starts with a head line (format, options, filter, shard); a resumed run made the same
 * way appends its own head and lines to the file, so nothing an earlier stopped run did is lost.
 *
 * Each line is handed to the operating system before the next output is committed (a killed
 * process loses nothing), and forced to the disk at most once a second and on close (a power
 * cut loses at most the last second's lines, whose outputs are then simply made again). A torn
 * last line is ignored. `--resume` trusts no line blindly: an output is kept only if it exists,
 * is newer than its input and still has the recorded sha256.
 */
import { closeSync, fdatasyncSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ManifestHead, ManifestOk } from './manifest.js';

/** The first line of a journal: what kind of file it is, and the run's head (format, options, …). */
export interface JournalHead extends ManifestHead {
  journal: 'cablekit-batch';
  version: 1;
}

export function journalFileName(manifestName: string): string {
  return `${manifestName}.journal`;
}

/** Seconds between forced writes to the disk (fdatasync). */
const SYNC_INTERVAL_MS = 1000;

export class Journal {
  private lastSync = Date.now();
  private closed = false;
  /** Lines this run added. */
  count = 0;

  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /**
   * Starts this run's part of the journal: a new file, or, with `append` (the journal of earlier
   * runs made the same way, picked up by `--resume`), that file, with `head` as the next line.
   */
  static open(path: string, head: ManifestHead, append: boolean): Journal {
    const fd = openSync(path, append ? 'a+' : 'w');
    try {
      if (append) {
        // A line torn by a power cut would swallow the next one: start on a fresh line.
        const size = fstatSync(fd).size;
        if (size > 0) {
          const last = Buffer.alloc(1);
          readSync(fd, last, 0, 1, size - 1);
          if (last[0] !== 0x0a) writeSync(fd, '\n');
        }
      }
      const line: JournalHead = { journal: 'cablekit-batch', version: 1, ...head };
      writeSync(fd, `${JSON.stringify(line)}\n`);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    return new Journal(path, fd);
  }

  /** Records one committed output. Synchronous: the line is the system's before this returns. */
  add(entry: ManifestOk): void {
    if (this.closed) return;
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.count++;
    if (Date.now() - this.lastSync >= SYNC_INTERVAL_MS) this.sync();
  }

  private sync(): void {
    try {
      fdatasyncSync(this.fd);
    } catch {
      /* a file system without fsync: the lines are written all the same */
    }
    this.lastSync = Date.now();
  }

  /** Flushes and closes; `remove` deletes the file (the run finished and its manifest is written). */
  async close(remove = false): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!remove) this.sync();
    closeSync(this.fd);
    if (remove) await rm(this.path, { force: true });
  }
}

/** One run's part of a journal: its head and the outputs it committed, in order. */
export interface JournalRun {
  head: JournalHead;
  entries: ManifestOk[];
}

/**
 * Reads a journal: the runs it records, oldest first (a later line for an input supersedes an
 * earlier one). Null when there is none or it does not start with a journal head.
 */
export async function readJournal(path: string): Promise<JournalRun[] | null> {
  const runs: JournalRun[] = [];
  try {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue; // a torn line
      }
      const h = value as JournalHead;
      if (h?.journal === 'cablekit-batch' && h.version === 1) {
        runs.push({ head: h, entries: [] });
        continue;
      }
      if (!runs.length) return null;
      const e = value as ManifestOk;
      if (e && typeof e.input === 'string' && typeof e.output === 'string' && typeof e.sha256 === 'string') runs.at(-1)!.entries.push(e);
    }
  } catch {
    return null;
  }
  return runs.length ? runs : null;
}

/** The head without the journal's own fields, to compare with a run's manifest head. */
export function journalRunHead(h: JournalHead): ManifestHead {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { journal, version, ...head } = h;
  return head;
}
