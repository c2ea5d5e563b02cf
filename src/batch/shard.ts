/**
 * `--shard K/N` and `--shard auto`: which slice of the inputs this run converts. `auto` reads the
 * slice from the environment an array-job runner gives each of its tasks:
 *
 * - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based). The Job's `completions` is not in
 *   the pod's environment: pass it as `--shard auto/N` or `CABLEKIT_SHARD_COUNT=N`.
 * - Slurm job array (`sbatch --array=0-7`, `1-8`, `0-15:2`): `SLURM_ARRAY_TASK_ID` with
 *   `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_STEP`, `SLURM_ARRAY_TASK_MAX` and
 *   `SLURM_ARRAY_TASK_COUNT` — the count is known, so `auto` alone is enough.
 * - AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX` (0-based), with the size as for Kubernetes.
 */
import { CableError } from '../errors.js';

export interface Shard {
  /** 1-based: shard K of N. */
  index: number;
  count: number;
}

export type Environment = Record<string, string | undefined>;

/** `2/8` → `{ index: 2, count: 8 }`; `auto` and `auto/8` read the index (and count) from `env`. */
export function parseShard(s: string, env: Environment = process.env): Shard {
  const auto = /^\s*auto\s*(?:\/\s*(\S+)\s*)?$/i.exec(s);
  if (auto) {
    const given = auto[1] === undefined ? undefined : positiveInt(auto[1]);
    if (given === null) throw new CableError(`--shard auto/N needs a whole number N ≥ 1 (got "${s}")`);
    return shardFromEnvironment(env, given);
  }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new CableError(`--shard must be K/N with 1 ≤ K ≤ N (e.g. 1/4), auto or auto/N (got "${s}")`);
  }
  return { index, count };
}

function positiveInt(v: string | undefined): number | null {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && Number.isSafeInteger(n) ? n : null;
}

function nonNegativeInt(v: string | undefined): number | null {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

const set = (env: Environment, name: string): boolean => (env[name] ?? '').trim() !== '';

/** The runners `--shard auto` knows, by the variable that holds the task's index. */
const RUNNERS = [
  { name: 'Kubernetes', variable: 'JOB_COMPLETION_INDEX' },
  { name: 'Slurm', variable: 'SLURM_ARRAY_TASK_ID' },
  { name: 'AWS Batch', variable: 'AWS_BATCH_JOB_ARRAY_INDEX' },
] as const;

/**
 * The shard of this array-job task. `count` is the number of shards when given as `auto/N`;
 * otherwise it comes from the runner (Slurm) or from `CABLEKIT_SHARD_COUNT`.
 */
export function shardFromEnvironment(env: Environment, count?: number): Shard {
  const found = RUNNERS.filter((r) => set(env, r.variable));
  if (found.length === 0) {
    throw new CableError(
      `--shard auto: no array-job index in the environment (${RUNNERS.map((r) => `${r.name} ${r.variable}`).join(', ')}); give --shard K/N`,
    );
  }
  if (found.length > 1) {
    throw new CableError(`--shard auto: ${found.map((r) => r.variable).join(' and ')} are both set; give --shard K/N`);
  }
  const runner = found[0]!;
  let fromEnv: number | undefined;
  if (set(env, 'CABLEKIT_SHARD_COUNT')) {
    const n = positiveInt(env.CABLEKIT_SHARD_COUNT);
    if (n === null) throw new CableError(`--shard auto: CABLEKIT_SHARD_COUNT must be a whole number ≥ 1 (got "${env.CABLEKIT_SHARD_COUNT}")`);
    fromEnv = n;
  }
  if (count !== undefined && fromEnv !== undefined && count !== fromEnv) {
    throw new CableError(`--shard auto/${count} disagrees with CABLEKIT_SHARD_COUNT=${fromEnv}`);
  }
  const want = count ?? fromEnv;

  if (runner.name === 'Slurm') return slurmShard(env, want);
  const index = nonNegativeInt(env[runner.variable]);
  if (index === null) throw new CableError(`--shard auto: ${runner.variable} must be a whole number (got "${env[runner.variable]}")`);
  if (want === undefined) {
    throw new CableError(
      `--shard auto: ${runner.name} ${runner.variable}=${index} gives the index but not the number of shards: use --shard auto/N or set CABLEKIT_SHARD_COUNT=N` +
        (runner.name === 'Kubernetes' ? " (the Job's completions)" : ' (the array size)'),
    );
  }
  if (index >= want) {
    throw new CableError(`--shard auto: ${runner.variable}=${index} is not below the number of shards, ${want}`);
  }
  return { index: index + 1, count: want };
}

/** Slurm numbers tasks MIN, MIN+STEP, … MAX (COUNT of them): the K-th of them is shard K. */
function slurmShard(env: Environment, want: number | undefined): Shard {
  const read = (name: string, fallback?: number): number => {
    if (!set(env, name) && fallback !== undefined) return fallback;
    const n = nonNegativeInt(env[name]);
    if (n === null) throw new CableError(`--shard auto: ${name} must be a whole number (got "${env[name] ?? ''}")`);
    return n;
  };
  const id = read('SLURM_ARRAY_TASK_ID');
  const min = read('SLURM_ARRAY_TASK_MIN');
  const step = Math.max(1, read('SLURM_ARRAY_TASK_STEP', 1));
  const count = read('SLURM_ARRAY_TASK_COUNT');
  const max = read('SLURM_ARRAY_TASK_MAX', min + (count - 1) * step);
  if (count < 1 || max !== min + (count - 1) * step || id < min || id > max || (id - min) % step !== 0) {
    throw new CableError(
      `--shard auto: the Slurm array (tasks ${min}–${max}, step ${step}, ${count} tasks) is not an evenly spaced range holding task ${id}: use --array=A-B or A-B:S, or --shard K/N`,
    );
  }
  if (want !== undefined && want !== count) {
    throw new CableError(`--shard auto: ${want} shards asked for, but the Slurm array has ${count} tasks (SLURM_ARRAY_TASK_COUNT)`);
  }
  return { index: (id - min) / step + 1, count };
}

/** `manifest-K-of-N.json` ↔ the shard. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
