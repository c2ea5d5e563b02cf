/**
 * A bound on the garbage a long single-threaded job leaves standing. V8 lets the old generation
 * grow to a few times what is live before it collects, so a PDF book that keeps ~100 MB live
 * would still reach 400–800 MB of resident memory. `HeapGuard.check()`, called between units of
 * work (a book's chapters), runs a full collection when the heap has grown `headroom` bytes past
 * what was live after the last one: resident memory then stays near live + headroom, at the cost
 * of one collection per `headroom` bytes of promoted garbage (a few per thousand chapters).
 * When the collector cannot be reached (`--expose-gc` refused), `check()` does nothing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') return (collect = exposed);
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

export class HeapGuard {
  private live: number;
  /** Collections run so far. */
  collections = 0;

  constructor(private readonly headroom = 128 * 1024 * 1024) {
    this.live = v8.getHeapStatistics().used_heap_size;
  }

  /** Collects when the heap has grown `headroom` past the last live size. */
  check(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used < this.live + this.headroom) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.collections++;
    this.live = v8.getHeapStatistics().used_heap_size;
  }
}
