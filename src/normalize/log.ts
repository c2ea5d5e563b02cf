/** Collects what the normalizer changed (repairs) and what it could not resolve (warnings). */
import type { Repair, Warning } from '../model/cable.js';

export class ChangeLog {
  readonly repairs: Repair[] = [];
  readonly warnings: Warning[] = [];

  repair(kind: string, line: number, before: string, after: string): void {
    this.repairs.push({ kind, line, before, after });
  }

  warn(kind: string, line: number | null, message: string): void {
    this.warnings.push({ kind, line, message });
  }

  /** Takes back the warnings of a kind that a later step resolved. */
  withdraw(kind: string, resolved: (w: Warning) => boolean): void {
    for (let i = this.warnings.length - 1; i >= 0; i--) {
      const w = this.warnings[i]!;
      if (w.kind === kind && resolved(w)) this.warnings.splice(i, 1);
    }
  }
}
