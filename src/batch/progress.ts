/**
 * Batch progress on stderr: a redrawn bar on a terminal, plain lines every few seconds otherwise
 * (logs, CI). Nothing at all with `--quiet`.
 */
import type { BatchProgress } from './run.js';

export interface ProgressReporter {
  update(p: BatchProgress): void;
  /** Clears the bar (the final summary line is printed by the caller). */
  end(): void;
}

function rate(p: BatchProgress): string {
  const s = p.elapsedMs / 1000;
  return s > 0 ? `${(p.done / s).toFixed(1)}/s` : '';
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function createProgressReporter(stream: NodeJS.WriteStream, options: { quiet?: boolean } = {}): ProgressReporter {
  if (options.quiet) return { update: () => {}, end: () => {} };
  if (stream.isTTY) {
    let last = 0;
    let drawn = false;
    return {
      update(p) {
        const now = Date.now();
        if (now - last < 100 && p.done !== p.total) return;
        last = now;
        const width = 30;
        let bar: string;
        if (p.total) {
          const filled = Math.round((p.done / p.total) * width);
          const eta = p.done > 0 ? clock((p.elapsedMs / p.done) * (p.total - p.done)) : '?';
          bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${rate(p)} ETA ${eta}`;
        } else bar = `${p.done} cables ${rate(p)}`;
        if (p.failed) bar += `, ${p.failed} failed`;
        stream.write(`\r\x1b[2K${bar}`);
        drawn = true;
      },
      end() {
        if (drawn) stream.write('\r\x1b[2K');
      },
    };
  }
  let last = Date.now();
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const of = p.total ? ` of ${p.total}` : '';
      stream.write(
        `render: ${p.done}${of} done (${p.converted} converted, ${p.upToDate} up to date, ${p.failed} failed) ${rate(p)} after ${clock(p.elapsedMs)}\n`,
      );
    },
    end() {},
  };
}
