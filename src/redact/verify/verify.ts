/**
 * Verification, fail closed: read an output back the way a reader of it could — PDF text layer
 * (pdftotext), decompressed streams, every string in the file (document info, XMP, outlines,
 * annotations, link targets); every XML part of a DOCX (document, headers, footers, comments,
 * docProps, relationship targets); text, Markdown and JSON directly — and search it for every
 * probe (removed value or withheld chunk). A leak names its category and where, never the value.
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { decodeHTML, decodeXML } from 'entities';
import { unzipSync } from 'fflate';
import { CableError } from '../../errors.js';
import { findProbes, type Probe } from '../fingerprint.js';
import { namesIn } from './sources.js';

export type VerifiableFormat = 'text' | 'markdown' | 'json' | 'pdf' | 'docx';

export interface Leak {
  category: string;
  /** Where it was found: `pdf text layer`, `pdf strings`, `docx word/header1.xml`, … */
  part: string;
  /** For a protected person's name: the id of the form found (as the plan lists it), never the name. */
  id?: string;
}

/** A part of an output as a reader could see it. */
export interface OutputView {
  part: string;
  text: string;
}

export class LeakError extends CableError {
  constructor(
    readonly leaks: Leak[],
    file: string | null = null,
  ) {
    const what = [...new Set(leaks.map((l) => `${l.category}${l.id ? ` (${l.id.slice(0, 12)})` : ''} in ${l.part}`))].join(', ');
    super(`redaction leak: ${what}`, file);
    this.name = 'LeakError';
  }
}

export function sniffFormat(data: Uint8Array): VerifiableFormat {
  const head = Buffer.from(data.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return 'docx';
  const text = Buffer.from(data).toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      /* text */
    }
  }
  return 'text';
}

/**
 * An output read back: `views` hold everything in it (for the probe search: every string, raw and
 * decoded, every part); `reader` holds what a reader sees, part by part and page by page (the PDF
 * text layer per page and its document strings, the text of each DOCX part with paragraph breaks,
 * external link targets, the JSON strings), for the residual scan and the level-echo check.
 */
export interface OutputReading {
  views: OutputView[];
  reader: OutputView[];
}

export async function readOutput(data: Uint8Array, format: VerifiableFormat): Promise<OutputReading> {
  const buffer = Buffer.from(data);
  switch (format) {
    case 'pdf':
      return pdfReading(buffer);
    case 'docx':
      return docxReading(buffer);
    case 'json': {
      const raw = buffer.toString('utf8');
      const views: OutputView[] = [{ part: 'json', text: raw }];
      const reader: OutputView[] = [];
      try {
        const values: string[] = [];
        const keys: string[] = [];
        collectStrings(JSON.parse(raw), values, keys);
        views.push({ part: 'json strings', text: [...keys, ...values].join('\n') });
        reader.push({ part: 'json', text: values.join('\n') });
      } catch {
        reader.push({ part: 'json', text: raw });
      }
      return { views, reader };
    }
    default: {
      const raw = buffer.toString('utf8');
      const decoded = decodeHTML(raw);
      return {
        views: [
          { part: format, text: raw },
          { part: `${format} (entities decoded)`, text: decoded },
        ],
        reader: [{ part: format, text: decoded === raw ? raw : `${raw}\n${decoded}` }],
      };
    }
  }
}

export async function outputViews(data: Uint8Array, format: VerifiableFormat): Promise<OutputView[]> {
  return (await readOutput(data, format)).views;
}

function collectStrings(value: unknown, out: string[], keys: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out, keys);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.push(k);
      collectStrings(v, out, keys);
    }
  }
}

export async function findLeaks(data: Uint8Array, format: VerifiableFormat, probes: Probe[]): Promise<Leak[]> {
  if (probes.length === 0) return [];
  return leaksIn((await readOutput(data, format)).views, probes);
}

/** The probes found in views, one leak per probe and part. */
export function leaksIn(views: OutputView[], probes: Probe[]): Leak[] {
  const leaks: Leak[] = [];
  const names = probes.filter((p) => p.tokens !== undefined);
  for (const view of views) {
    for (const probe of findProbes(view.text, probes)) leaks.push({ category: probe.category, part: view.part });
    // a protected person's name: as whole words, the form's id named (the plan lists it)
    if (names.length) for (const probe of namesIn(view.text, names)) leaks.push({ category: probe.category, part: view.part, id: probe.sha256 });
  }
  return leaks;
}

/** Throws LeakError when any probe is found in the output bytes. */
export async function verifyOutput(data: Uint8Array, format: VerifiableFormat, probes: Probe[], file: string | null = null): Promise<void> {
  const leaks = await findLeaks(data, format, probes);
  if (leaks.length) throw new LeakError(leaks, file);
}

/** Reads a written output back; on a leak deletes it and throws LeakError. */
export async function verifyWrittenFile(path: string, format: VerifiableFormat, probes: Probe[]): Promise<void> {
  const data = await readFile(path);
  const leaks = await findLeaks(data, format, probes);
  if (leaks.length) {
    await rm(path, { force: true });
    throw new LeakError(leaks, path);
  }
}

// ---------- DOCX ----------

function docxReading(buffer: Buffer): OutputReading {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(buffer);
  } catch {
    throw new CableError('cannot verify: DOCX is not a readable zip');
  }
  const views: OutputView[] = [];
  const reader: OutputView[] = [];
  for (const [name, bytes] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
    if (!/\.(xml|rels|vml|txt|htm|html)$/i.test(name)) continue;
    const xml = Buffer.from(bytes).toString('utf8');
    // text nodes joined (a value split over runs is whole again) and attribute values (link targets)
    views.push({ part: `docx ${name}`, text: decodeXML(xml.replace(/<[^>]*>/g, '')) });
    const attributes = [...xml.matchAll(/=\s*"([^"]*)"|=\s*'([^']*)'/g)].map((m) => decodeXML(m[1] ?? m[2] ?? ''));
    views.push({ part: `docx ${name} attributes`, text: attributes.join('\n') });
    if (name.endsWith('.rels')) {
      // what a reader can follow: the targets of external relationships (hyperlinks)
      const external = [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).filter((r) => /TargetMode\s*=\s*["']External["']/.test(r));
      const targets = external.map((r) => decodeXML(/Target\s*=\s*"([^"]*)"|Target\s*=\s*'([^']*)'/.exec(r)?.slice(1).find((x) => x !== undefined) ?? ''));
      if (targets.length) reader.push({ part: `docx ${name} link targets`, text: targets.join('\n') });
    } else if (!/^customXml\//.test(name)) {
      // paragraphs, table cells and tabs apart, runs joined
      const text = xml
        .replace(/<\/w:p>|<w:br\b[^>]*>|<\/a:p>/g, '\n')
        .replace(/<\/w:tc>|<w:tab\b[^>]*\/>/g, '\t')
        .replace(/<\/(?:dc|cp|dcterms):[^>]*>/g, '\n')
        .replace(/<[^>]*>/g, '');
      reader.push({ part: `docx ${name}`, text: decodeXML(text) });
    }
  }
  return { views, reader };
}

// ---------- PDF ----------

async function pdfReading(buffer: Buffer): Promise<OutputReading> {
  const latin = buffer.toString('latin1');
  if (!latin.startsWith('%PDF')) throw new CableError('cannot verify: not a PDF');
  const layer = await pdftotext(buffer);
  const views: OutputView[] = [{ part: 'pdf text layer', text: layer }];

  const outside: string[] = [];
  const streamTexts: string[] = [];
  let last = 0;
  const streamRe = /stream\r?\n/g;
  for (let m = streamRe.exec(latin); m; m = streamRe.exec(latin)) {
    if (latin.slice(m.index - 3, m.index) === 'end') continue;
    const dictStart = latin.lastIndexOf(' obj', m.index);
    const dict = latin.slice(dictStart, m.index);
    const dataStart = m.index + m[0].length;
    const dataEnd = latin.indexOf('endstream', dataStart);
    if (dataEnd < 0) break;
    outside.push(latin.slice(last, dataStart));
    last = dataEnd;
    let bytes = buffer.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(dict)) {
      try {
        bytes = inflateSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      } catch {
        continue; // not inflatable: binary we cannot read either way
      }
    } else if (/\/Filter/.test(dict)) {
      continue; // images (DCT) and other binary filters carry no text
    }
    if (/\/Subtype\s*\/Image|\/FontFile|\/Length1/.test(dict)) continue;
    const text = bytes.toString('latin1');
    // XMP and other XML streams: read as text; content streams and object streams: their strings
    if (/<\?xpacket|<x:xmpmeta|<rdf:RDF/.test(text)) {
      const utf8 = bytes.toString('utf8');
      streamTexts.push(decodeXML(utf8.replace(/<[^>]*>/g, ' ')));
      streamTexts.push([...utf8.matchAll(/=\s*"([^"]*)"/g)].map((x) => decodeXML(x[1]!)).join('\n'));
    } else {
      streamTexts.push(pdfStrings(text).join(''));
    }
  }
  outside.push(latin.slice(last));
  views.push({ part: 'pdf streams', text: streamTexts.join('\n') });
  // document info, outline titles, annotations, link URIs: strings in the objects themselves
  const objects = pdfStrings(outside.join('\n')).join('\n');
  views.push({ part: 'pdf objects', text: objects });
  // a reader sees the pages (pdftotext ends each with a form feed) and the document strings
  const reader: OutputView[] = layer
    .split('\f')
    .map((text, i) => ({ part: `pdf page ${i + 1}`, text }))
    .filter((v) => v.text.trim().length > 0);
  reader.push({ part: 'pdf document strings', text: objects });
  return { views, reader };
}

/** The text layer as poppler reads it; the PDF goes to pdftotext on its standard input (no temp file). */
function pdftotext(buffer: Buffer): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn('pdftotext', ['-q', '-enc', 'UTF-8', '-', '-'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdin.on('error', () => undefined); // EPIPE when pdftotext gives up early: its exit code tells
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new CableError('cannot verify PDF: pdftotext not found (install poppler-utils)')
          : new CableError(`cannot verify PDF: pdftotext failed (${err.message.split('\n')[0]})`),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(new CableError(`cannot verify PDF: pdftotext failed (exit code ${code})`));
    });
    child.stdin.end(buffer);
  });
}

/** Every literal `( … )` and hex `< … >` string in PDF syntax, decoded (UTF-16BE with BOM, else Latin-1). */
export function pdfStrings(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i]!;
    if (ch === '%') {
      // comment to end of line (but not inside strings)
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (ch === '(') {
      let depth = 1;
      let bytes = '';
      i++;
      while (i < n && depth > 0) {
        const c = source[i]!;
        if (c === '\\') {
          const e = source[i + 1] ?? '';
          if (/[0-7]/.test(e)) {
            const oct = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4))![0];
            bytes += String.fromCharCode(parseInt(oct, 8) & 0xff);
            i += 1 + oct.length;
            continue;
          }
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
          if (e === '\r' || e === '\n') {
            i += e === '\r' && source[i + 2] === '\n' ? 3 : 2;
            continue;
          }
          bytes += map[e] ?? e;
          i += 2;
          continue;
        }
        if (c === '(') depth++;
        if (c === ')') depth--;
        if (depth > 0) bytes += c;
        i++;
      }
      out.push(decodePdfBytes(bytes));
    } else if (ch === '<' && source[i + 1] !== '<') {
      const end = source.indexOf('>', i);
      if (end < 0) break;
      const hex = source.slice(i + 1, end).replace(/\s+/g, '');
      if (/^[0-9a-fA-F]*$/.test(hex)) {
        const padded = hex.length % 2 ? hex + '0' : hex;
        out.push(decodePdfBytes(Buffer.from(padded, 'hex').toString('latin1')));
      }
      i = end + 1;
    } else if (ch === '<') {
      i += 2;
    } else {
      i++;
    }
  }
  return out;
}

function decodePdfBytes(bytes: string): string {
  const even = (s: string): Buffer => Buffer.from(s.length % 2 ? s + '\u0000' : s, 'latin1');
  if (bytes.startsWith('\u00fe\u00ff')) return even(bytes.slice(2)).swap16().toString('utf16le');
  if (bytes.startsWith('\u00ff\u00fe')) return even(bytes.slice(2)).toString('utf16le');
  return bytes;
}
