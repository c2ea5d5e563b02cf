// Regenerates tests/golden/<id>.txt and <id>.json from samples/ (after `npm run build`).
// Review the diff by eye before committing: the goldens are the reviewed expected output.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCableFile, formatCable } from '../dist/index.js';

const dir = new URL('../samples/', import.meta.url).pathname;
const out = new URL('../tests/golden/', import.meta.url).pathname;
for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) {
  const cable = await readCableFile(join('samples', name));
  await writeFile(join(out, `${cable.id}.txt`), formatCable(cable, 'text'));
  await writeFile(join(out, `${cable.id}.json`), formatCable(cable, 'json'));
  console.log(`${name} → tests/golden/${cable.id}.{txt,json}`);
}
