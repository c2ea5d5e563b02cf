/**
 * Writing the audit log: one file per run holds every cable converted in it. Entries are merged
 * into an existing log (same id replaced), serialized within a process; with parallel workers
 * use `{id}` in the path for one file per cable.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../io/atomic.js';
import { auditLog, parseAudit, serializeAudit, type AuditCable } from './audit.js';

let queue: Promise<void> = Promise.resolve();

export function writeAuditEntry(pathTemplate: string, entry: AuditCable): Promise<void> {
  const path = pathTemplate.replace(/\{id\}/g, entry.id);
  const task = queue.then(async () => {
    let cables: AuditCable[] = [];
    try {
      cables = parseAudit(await readFile(path, 'utf8'), path).cables.filter((c) => c.id !== entry.id);
    } catch {
      cables = [];
    }
    cables.push(entry);
    await writeFileAtomic(path, serializeAudit(auditLog(cables)));
  });
  queue = task.catch(() => undefined);
  return task;
}
