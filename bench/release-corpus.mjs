/**
 * The release-size corpus of `npm run bench` (stage `release`): `count` real cable texts,
 * re-serialled so that no two share an id. The texts are every real cable at hand — the shared
 * real cables (../shared: cables, cables-more, cables-release) when present, and always the
 * samples and the development cables — each used whole (no shuffling, no synthesis), taken in
 * turn until `count` is reached. Made at bench time in bench/corpus/ (git-ignored), never
 * committed.
 *
 * Re-serialling: the cable's own serial (as the parser reads its id), where it stands as the
 * serial — after the office on the classification or section line (`PARIS 001461`, `ankara
 * 000348`) and in the DE line (`#1461/01`) — becomes 5000 + the file's index (four digits, as a
 * DE line has them; zero-padded to the width it had), so every file has a distinct id and the
 * text is otherwise unchanged.
 *
 *   node bench/release-corpus.mjs [--count N] [DIR]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, corpusRoot } from './normalize.mjs';

/** Where real cable texts are found, in order (a later copy of the same id is skipped). */
export const REAL_DIRS = ['samples', 'tests/fixtures/cables', '../shared/cables', '../shared/cables-more', '../shared/cables-release'];

/**
 * The real texts: `{ name, id, serial, bytes }` for every `.txt` whose name is a cable id, with
 * the id and serial the parser (dist/) reads from it; a file it cannot read is left out.
 */
export async function loadRealTexts() {
  const { parseCableBytes } = await import(pathToFileURL(join(root, 'dist', 'parse', 'index.js')).href);
  const seen = new Set();
  const texts = [];
  for (const dir of REAL_DIRS.map((d) => join(root, d)).filter(existsSync)) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      if (!/^\d{2}[A-Z]+\d+\.txt$/.test(name) || seen.has(name)) continue;
      seen.add(name);
      const bytes = readFileSync(join(dir, name));
      let id;
      try {
        id = parseCableBytes(bytes, name).id;
      } catch {
        continue;
      }
      const m = /^(\d{2}[A-Z]+?)(\d+)$/.exec(id);
      if (m) texts.push({ name, id, office: m[1], serial: Number(m[2]), bytes });
    }
  }
  return texts;
}

/** The text with its serial replaced by `serial` where it stands as the cable's serial. */
export function reserial(text, oldSerial, serial) {
  const old = String(oldSerial);
  const fresh = String(serial);
  const padded = (written) => fresh.padStart(written.length, '0');
  // `PARIS 001461`, `STATE 125628`, `NEW DELHI 005239`, `ankara 000348`: after an office word.
  const office = new RegExp(`(\\b[A-Za-z]{2,}[ \\t]+)(0*${old})(?!\\d)`, 'g');
  // `DE RUEHFR #1461/01 3021757`: four digits, the serial's last four.
  const de = new RegExp(`#(0*${old.slice(-4)})(?=[/ ])`, 'g');
  return text.replace(office, (_, lead, written) => `${lead}${padded(written)}`).replace(de, (_, written) => `#${padded(written)}`);
}

/**
 * Writes `count` re-serialled real cables into `dir` (emptied first) unless it already holds
 * exactly them (a stamp file records count and sources). Returns `{ files, bytes, sources }`.
 */
export async function generateReleaseCorpus(dir = join(corpusRoot, 'release'), count = 4000) {
  if (count > 5000) throw new Error('the release corpus has room for 5,000 cables (serials 5000–9999)');
  const texts = await loadRealTexts();
  const stamp = `${count} ${texts.length} ${texts.reduce((n, t) => n + t.bytes.length, 0)} v3`;
  const stampFile = join(dir, '.corpus');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    let bytes = 0;
    for (const f of files) bytes += readFileSync(join(dir, f)).length;
    return { dir, files: files.length, bytes, sources: texts.length };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const t = texts[i % texts.length];
    const serial = 5000 + i;
    // latin1 round-trips every byte: the file keeps its encoding (UTF-8, Latin-1, CRLF) as it was.
    const data = Buffer.from(reserial(t.bytes.toString('latin1'), t.serial, serial), 'latin1');
    bytes += data.length;
    await writeFile(join(dir, `${String(i).padStart(5, '0')}-${t.office}${serial}.txt`), data);
  }
  await writeFile(stampFile, stamp);
  return { dir, files: count, bytes, sources: texts.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--count');
  const count = i >= 0 ? Number(argv[i + 1]) : 4000;
  const dir = argv.find((a, k) => !a.startsWith('--') && argv[k - 1] !== '--count');
  const r = await generateReleaseCorpus(dir ?? undefined, count);
  // How many distinct ids the parser reads from it (each file should have its own).
  const { readCableFile } = await import(pathToFileURL(join(root, 'dist', 'parse', 'index.js')).href);
  const ids = new Set();
  let failed = 0;
  for (const f of readdirSync(r.dir).filter((n) => n.endsWith('.txt'))) {
    try {
      ids.add((await readCableFile(join(r.dir, f))).id);
    } catch {
      failed++;
    }
  }
  console.log(`${r.files} cables, ${(r.bytes / 1e6).toFixed(1)} MB, from ${r.sources} real texts, in ${r.dir}: ${ids.size} distinct ids, ${failed} unreadable`);
}
