/**
 * A bulk CSV shaped like the release, made from the sample rows in tests/fixtures/cables: new
 * sequence numbers, ids, origins and dates; backslash-escaped quotes and multi-line fields as in
 * the release. Seeded, so the same file on every run. The benchmarks (bench/csv.mjs,
 * bench/select.mjs), the search tests and the workbench screenshots use it.
 *
 *   import { generateCsv } from './release-csv.mjs';  await generateCsv(path, rows[, seed])
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A small seeded PRNG (mulberry32): the same corpus on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ORIGINS = [
  'OTTAWA', 'LIMA', 'NAIROBI', 'ANKARA', 'CAIRO', 'TOKYO', 'MOSCOW', 'BERLIN', 'PARIS', 'MADRID', 'ROME', 'BOGOTA',
  'CARACAS', 'ACCRA', 'DAKAR', 'HANOI', 'MANILA', 'JAKARTA', 'SEOUL', 'BEIJING', 'ISLAMABAD', 'KABUL', 'BAGHDAD',
  'AMMAN', 'RIYADH', 'TUNIS', 'RABAT', 'ALGIERS', 'PRETORIA', 'HARARE', 'LUSAKA', 'KAMPALA', 'OSLO', 'STOCKHOLM',
  'HELSINKI', 'WARSAW', 'PRAGUE', 'VIENNA', 'ATHENS', 'SOFIA', 'KYIV', 'MINSK', 'BAKU', 'TBILISI', 'YEREVAN',
];

const SAMPLE = join(root, 'tests', 'fixtures', 'cables', 'cables-sample.csv');

/** The sample's rows as raw CSV text, split with the same library the product uses. */
async function sampleRows() {
  const { parse } = await import('csv-parse/sync');
  return parse(await readFile(SAMPLE, 'utf8'), { escape: '\\' });
}

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'")}"`;

/** Writes a `rows`-row CSV shaped like the release; returns its size in bytes. */
export async function generateCsv(path, rows, seedValue = 4242) {
  await mkdir(join(path, '..'), { recursive: true });
  const samples = await sampleRows();
  const random = rng(seedValue);
  const out = createWriteStream(path);
  for (let i = 0; i < rows; i++) {
    const [, , id, , classification, refs, header, body] = samples[i % samples.length];
    const m = /^(\d{2})([A-Z]+?)(\d+)$/.exec(id);
    const year = 1966 + Math.floor(random() * 44);
    const yy = String(year % 100).padStart(2, '0');
    const origin = ORIGINS[Math.floor(random() * ORIGINS.length)];
    const number = 1 + Math.floor(random() * 9000);
    const newId = `${yy}${origin}${number}`;
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const created = `${month}/${day}/${year} ${Math.floor(random() * 24)}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    const swap = (s) => (m ? s.replaceAll(m[2], origin).replace(new RegExp(`\\b${origin} 0*${m[3]}\\b`, 'g'), `${origin} ${number}`) : s);
    const line = [String(i + 1), created, newId, `Embassy ${origin[0]}${origin.slice(1).toLowerCase()}`, classification, refs, swap(header), swap(body)]
      .map(quote)
      .join(',');
    if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return (await stat(path)).size;
}
