// Shared by the PDF and book benchmarks: the samples and development cables, parsed, and
// `count` distinct cables made from them at run time (never committed).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadSamples(root) {
  const { readCableFile } = await import(pathToFileURL(join(root, 'dist/readers/cable/parse.js')).href);
  const files = [
    ...(await readdir(join(root, 'samples'))).filter((f) => f.endsWith('.txt')).map((f) => join(root, 'samples', f)),
    ...(await readdir(join(root, 'tests/fixtures/cables'))).filter((f) => f.endsWith('.txt')).map((f) => join(root, 'tests/fixtures/cables', f)),
  ];
  const cables = [];
  for (const file of files.sort()) cables.push(await readCableFile(file));
  return cables;
}

/** `count` distinct cables: the samples with rotated paragraphs and a new id, so no two are alike. */
export function synthesize(samples, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const base = samples[i % samples.length];
    const shift = Math.floor(i / samples.length) % Math.max(base.paragraphs.length, 1);
    const paragraphs = [...base.paragraphs.slice(shift), ...base.paragraphs.slice(0, shift)];
    out.push({ ...base, id: `${base.id}-${i}`, paragraphs });
  }
  return out;
}
