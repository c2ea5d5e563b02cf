/**
 * What several bench stages measure the same way: the CPU seconds of a process and its reaped
 * children, the resident memory of a process tree (Linux /proc; elsewhere null and 0), and medians.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** This process's and its reaped children's CPU seconds (Linux /proc; null elsewhere). */
export function cpuWithChildren() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of stat(5); f[0] is field 3. Clock ticks: 100/s.
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return null;
  }
}

/** Resident memory of this process and its children now, in KB (Linux /proc; 0 elsewhere). */
export function treeRssKB() {
  const rss = (pid) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  let total = rss(process.pid);
  try {
    for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
      for (const child of readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) total += rss(child);
    }
  } catch {
    /* not Linux */
  }
  return total;
}

/** The median of the values that are not null (null when there are none). */
export function median(xs) {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
