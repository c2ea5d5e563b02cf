/**
 * Acceptance on the sample cables: every output format, read back with tools independent of the
 * verifier (pdftotext, qpdf, an unzip of every DOCX part), holds none of the removed contacts and
 * none of the withheld text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertCable, OUTPUT_FORMATS, parseRedactCategories, type Cable, type OutputFormat } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'cablekit-redact-samples-'));

/** Everything a reader could get out of the bytes, lower-cased, whitespace and hyphens removed. */
function readBack(data: Buffer, format: OutputFormat, name: string): string {
  let text: string;
  if (format === 'pdf') {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, data);
    const layer = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-']).toString('utf8');
    const qdf = join(dir, `${name}.qdf.pdf`);
    try {
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    } catch {
      /* qpdf exits 3 on warnings; the file is still written */
    }
    text = layer + '\n' + readFileSync(qdf).toString('latin1');
  } else if (format === 'docx') {
    const parts = unzipSync(new Uint8Array(data));
    text = Object.entries(parts)
      .filter(([n]) => /\.(xml|rels)$/.test(n))
      .map(([, b]) => {
        const xml = strFromU8(b);
        return xml + '\n' + xml.replace(/<[^>]*>/g, '');
      })
      .join('\n');
  } else {
    text = data.toString('utf8');
  }
  return squash(text);
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s\-\u00ad]+/g, '');
}

const CONTACT_SAMPLES: Record<string, string[]> = {
  '07OTTAWA117': ['(613) 995-9282', '(613) 944-2501', 'earl.turcotte@international.gc.ca', 'turcotte@', 'state.sgov.gov/p/wha/ottawa'],
  '08STATE125628': ['202-663-0104', '202-663-0290'],
};

const cables = new Map<string, Cable>();
async function sample(id: string): Promise<Cable> {
  let c = cables.get(id);
  if (!c) cables.set(id, (c = await readCableFile(`samples/${id}.txt`)));
  return c;
}

describe('--redact contacts on the samples, every format', () => {
  for (const [id, values] of Object.entries(CONTACT_SAMPLES)) {
    for (const format of OUTPUT_FORMATS) {
      it(`${id} as ${format}`, async () => {
        const cable = await sample(id);
        // the unredacted output does show them: the read-back can see what it looks for
        const plain = readBack((await convertCable(cable, { format })).data, format, `${id}-plain`);
        const visible = values.filter((v) => plain.includes(squash(v)));
        expect(visible.length).toBeGreaterThan(0);
        const result = await convertCable(cable, { format, redact: parseRedactCategories('contacts') });
        const back = readBack(result.data, format, id);
        for (const v of values) expect(back, `${v} in ${format}`).not.toContain(squash(v));
        expect(result.audit!.redactions.length).toBeGreaterThanOrEqual(id === '07OTTAWA117' ? 4 : 2);
      });
    }
  }
});

/** Distinctive phrases of 08OTTAWA372's C and C/NF paragraphs and its unmarked subject. */
const WITHHELD = [
  'worrisome lack of interagency coordination',
  'Senior NATO Policy Adviser Amy Galigan',
  'free-lancing',
  'Sarah Tarry',
  'Defence Minister MacKay would reject',
  'biggest concern...and a red line issue',
  'took a pounding',
  'dumb clusters',
  'part-time JAG reservist',
  'DISCORD OVER OSLO PROCESS',
];

describe('--max-level SBU on 08OTTAWA372, every format', () => {
  for (const format of OUTPUT_FORMATS) {
    it(`as ${format}: no text of its C/NF paragraphs; the banner is no longer CONFIDENTIAL`, async () => {
      const cable = await sample('08OTTAWA372');
      const plain = readBack((await convertCable(cable, { format })).data, format, `372-plain`);
      expect(WITHHELD.filter((p) => plain.includes(squash(p))).length).toBeGreaterThan(5);
      const result = await convertCable(cable, { format, maxLevel: 'SENSITIVE BUT UNCLASSIFIED', redact: parseRedactCategories('contacts') });
      const back = readBack(result.data, format, '372');
      for (const phrase of WITHHELD) expect(back, phrase).not.toContain(squash(phrase));
      expect(result.cable.classification.level).toBe('UNCLASSIFIED');
      // seven paragraphs, the subject, and the routing echo of the old level (`ZNY CCCCC ZZH`)
      expect(result.audit!.withheld.map((w) => w.field)).toEqual([...Array(7).fill('paragraph'), 'subject', 'routing']);
      expect(back).not.toContain('znyccccczzh');
      if (format === 'pdf') {
        const file = join(dir, '372.pdf');
        const firstLines = execFileSync('pdftotext', ['-q', '-l', '1', file, '-']).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 2);
        expect(firstLines.join(' ')).not.toMatch(/CONFIDENTIAL/);
        expect(firstLines.join(' ')).toMatch(/UNCLASSIFIED/);
      }
      if (format === 'text' || format === 'markdown') {
        const lines = result.data.toString('utf8').split('\n');
        const banner = format === 'text' ? lines.find((l) => /SECTION 01 OF 02/.test(l)) : lines.find((l) => /^\*\*[A-Z /]+\*\*$/.test(l));
        expect(banner).toMatch(/^\W*UNCLASSIFIED/);
      }
    });
  }
});
