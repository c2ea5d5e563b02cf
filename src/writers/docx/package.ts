/**
 * Makes a DOCX package byte-stable: the `docx` library writes the time of the run into
 * core.xml and into every zip entry, and random GUIDs as the keys of embedded fonts. We set
 * the document dates to a date the caller chooses (the cable's, or a book's newest), give
 * each embedded font a key derived from its name and face, and repack the zip with fixed
 * timestamps and a stable entry order, so re-running a batch changes no file.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';

/** DOS date of every zip entry: 1980-01-01 00:00, the earliest a zip can say. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** `2008-03-14T14:23:00Z` as W3CDTF without milliseconds, as Word writes it. */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The 16 key bytes of a font GUID, in the order they are XORed over the font's first 32 bytes. */
function keyBytes(guid: string): number[] {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) throw new Error(`bad font key ${guid}`);
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes.reverse();
}

/** Re-obfuscates an embedded font (ECMA-376 part 1, 17.8.1) from one key to another. */
function rekeyFont(data: Uint8Array, oldKey: string, newKey: string): Uint8Array {
  const a = keyBytes(oldKey);
  const b = keyBytes(newKey);
  const out = data.slice();
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = out[i]! ^ a[i % 16]! ^ b[i % 16]!;
  return out;
}

function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

function rewriteCoreDates(xml: string, date: Date): string {
  const stamp = w3cdtf(date);
  return xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
}

/** Gives every embedded font a key derived from its font name and face, re-obfuscating its file. */
function rekeyFonts(files: Record<string, Uint8Array>): void {
  const tablePath = 'word/fontTable.xml';
  const relsPath = 'word/_rels/fontTable.xml.rels';
  if (!files[tablePath] || !files[relsPath]) return;
  const rels = strFromU8(files[relsPath]!);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, `word/${target.replace(/^\.?\//, '')}`);
  }
  let table = strFromU8(files[tablePath]!);
  table = table.replace(/<w:font w:name="([^"]*)"[\s\S]*?<\/w:font>/g, (font, name: string) =>
    font.replace(/<w:(embed\w+) r:id="([^"]+)" w:fontKey="([^"]+)"/g, (embed, face: string, rid: string, oldKey: string) => {
      const path = targets.get(rid);
      const data = path ? files[path] : undefined;
      if (!path || !data) return embed;
      const newKey = stableGuid(`${name}/${face}`);
      files[path] = rekeyFont(data, oldKey, newKey);
      return `<w:${face} r:id="${rid}" w:fontKey="${newKey}"`;
    }),
  );
  files[tablePath] = strToU8(table);
}

/**
 * Bookmark ids come from a counter that lives as long as the process, so the same document
 * gets other ids on a second render: number them again in the order they appear.
 */
function renumberBookmarks(xml: string): string {
  if (!xml.includes('<w:bookmark')) return xml;
  const ids = new Map<string, string>();
  return xml.replace(/<w:bookmark(Start|End)\b[^>]*>/g, (tag) =>
    tag.replace(/\bw:id="([^"]*)"/, (_m, id: string) => {
      let next = ids.get(id);
      if (next === undefined) {
        next = String(ids.size + 1);
        ids.set(id, next);
      }
      return `w:id="${next}"`;
    }),
  );
}

/** Entry order: `[Content_Types].xml` and the package relationships first (some readers expect it), then by path. */
function entryOrder(a: string, b: string): number {
  const rank = (p: string) => (p === '[Content_Types].xml' ? 0 : p === '_rels/.rels' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Zip deflate level: fflate's default. */
const LEVEL = 6;

export interface Deflated {
  crc: number;
  size: number;
  data: Uint8Array;
  method: 0 | 8;
}

/**
 * Embedded fonts are most of a small DOCX's bytes and the same in every file of a batch:
 * their deflated bytes are kept (keyed by a hash of the content), so each is compressed once
 * per process rather than once per file.
 */
const fontCache = new Map<string, Deflated>();

function deflateEntry(path: string, data: Uint8Array): Deflated {
  const stored = /\.(png|jpe?g)$/i.test(path);
  const key = path.endsWith('.odttf') ? createHash('sha1').update(data).digest('hex') : null;
  const hit = key ? fontCache.get(key) : undefined;
  if (hit) return hit;
  const entry: Deflated = stored
    ? { crc: crc32(data) >>> 0, size: data.length, data, method: 0 }
    : { crc: crc32(data) >>> 0, size: data.length, data: deflateSync(data, { level: LEVEL }), method: 8 };
  if (key) {
    if (fontCache.size > 32) fontCache.clear();
    fontCache.set(key, entry);
  }
  return entry;
}

/** A zip of the entries in the order given, deflated by fflate (pure JS: the same bytes on every machine). */
function zipEntries(entries: [string, Uint8Array | Deflated][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [path, data] of entries) {
    const name = Buffer.from(path, 'utf8');
    const d = data instanceof Uint8Array ? deflateEntry(path, data) : data;
    const flags = /^[\x20-\x7e]*$/.test(path) ? 0 : 0x0800; // UTF-8 names flagged
    // The fields a local header and its central-directory record share, at `at` in each.
    const shared = (buf: Buffer, at: number): void => {
      buf.writeUInt16LE(flags, at);
      buf.writeUInt16LE(d.method, at + 2);
      buf.writeUInt16LE(DOS_TIME, at + 4);
      buf.writeUInt16LE(DOS_DATE, at + 6);
      buf.writeUInt32LE(d.crc, at + 8);
      buf.writeUInt32LE(d.data.length, at + 12);
      buf.writeUInt32LE(d.size, at + 16);
      buf.writeUInt16LE(name.length, at + 20);
    };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    shared(head, 6);
    head.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    shared(dir, 8);
    dir.writeUInt32LE(offset, 42);
    local.push(head, name, Buffer.from(d.data.buffer, d.data.byteOffset, d.data.byteLength));
    central.push(dir, name);
    offset += 30 + name.length + d.data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/**
 * Makes a package's parts byte-stable (see the module comment) and zips them with fixed
 * timestamps. Parts may be given as text. Bookmark ids are numbered again unless the caller
 * wrote them itself (`ownBookmarks`: cablekit's writers number theirs by chapter).
 */
export function packStable(
  parts: Record<string, string | Uint8Array>,
  date: Date,
  options: { ownBookmarks?: boolean; deflated?: Record<string, Deflated> } = {},
): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(parts)) {
    let part = data;
    if (path === 'docProps/core.xml') part = rewriteCoreDates(typeof part === 'string' ? part : strFromU8(part), date);
    else if (!options.ownBookmarks && /^word\/(document|header\d+|footer\d+|footnotes|endnotes)\.xml$/.test(path)) {
      part = renumberBookmarks(typeof part === 'string' ? part : strFromU8(part));
    }
    files[path] = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
  }
  rekeyFonts(files);
  const all: Record<string, Uint8Array | Deflated> = { ...files, ...options.deflated };
  return zipEntries(Object.keys(all).sort(entryOrder).map((path) => [path, all[path]!]));
}

/** `packStable` for a DOCX that is already zipped. */
export function stabilizeDocx(docx: Uint8Array, date: Date): Buffer {
  return packStable(unzipSync(docx), date);
}
