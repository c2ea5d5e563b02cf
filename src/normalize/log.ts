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
}
