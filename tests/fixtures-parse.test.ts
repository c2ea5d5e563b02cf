/**
 * Every real cable of the development set (the shared `cables/` and `cables-more/` sets, read in
 * ../shared/ directly; see their SOURCES.md) parses with the id, date and level that the release
 * page's own metadata gives, a subject and paragraphs — or a warning that says why not. (No word
 * lost, no reader-made gap, idempotence and the metadata figure over every shared page:
 * tests/corpus.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readCableFile } from '../src/readers/cable/parse.js';
import { describeShared, sharedExists, sharedPages, SHARED } from './support/shared.js';

/** `[dir, file name]` of every page of the two development sets. */
const files: Array<[string, string]> = sharedExists
  ? sharedPages(['cables', 'cables-more']).flatMap((p) => [p.txt, p.html].filter((f): f is string => !!f).map((f): [string, string] => [`${SHARED}${p.dir}`, f.split('/').pop()!]))
  : [];

interface PageMeta {
  id: string;
  created: string;
  classification: string;
}

/** The release page's metadata table (id, created, released, classification, origin). */
function pageMeta(html: string): PageMeta | null {
  const at = html.indexOf("<table class='cable'>");
  if (at < 0) return null;
  const cells = [...html.slice(at).matchAll(/<td>\s*<a [^>]*>([^<]*)<\/a>\s*<\/td>/g)].map((m) => m[1]!.trim());
  return cells.length >= 4 ? { id: cells[0]!, created: cells[1]!, classification: cells[3]! } : null;
}

/** The inventory rows of the development set's SOURCES.md, for the PDF-derived texts that have no page. */
function inventory(): Map<string, PageMeta> {
  const rows = new Map<string, PageMeta>();
  for (const line of readFileSync(`${SHARED}cables/SOURCES.md`, 'utf8').split('\n')) {
    const m = /^\| (\w+) \| ([^|]+) \| [^|]+ \| (\d{4}-\d{2}-\d{2}) \|/.exec(line);
    if (m) rows.set(m[1]!, { id: m[1]!, classification: m[2]!.trim(), created: m[3]! });
  }
  return rows;
}

/** The release calls SBU cables UNCLASSIFIED//FOR OFFICIAL USE ONLY. */
function levelOf(classification: string): string {
  const t = classification.toUpperCase();
  if (t.startsWith('TOP SECRET')) return 'TOP SECRET';
  if (t.startsWith('SECRET')) return 'SECRET';
  if (t.startsWith('CONFIDENTIAL')) return 'CONFIDENTIAL';
  if (/FOR OFFICIAL USE ONLY|SENSITIVE|SBU/.test(t)) return 'SENSITIVE BUT UNCLASSIFIED';
  return 'UNCLASSIFIED';
}

/**
 * Pages whose metadata the text contradicts; the text wins. 09TBILISI1123: the page says
 * SECRET//NOFORN, the cable's classification line, routing echo (ZNY CCCCC) and every portion
 * marking say CONFIDENTIAL.
 */
const LEVEL_FROM_TEXT: Record<string, string> = { '09TBILISI1123': 'CONFIDENTIAL' };

/** Cables published without a SUBJECT line (checked by reading each one). */
const NO_SUBJECT = new Set(['02BRASILIA4227', '08OSLO585', '08BRASILIA504', '09PESHAWAR2', '09CARACAS1296', '10RIYADH61', '03ABUDHABI2641']);
/** Cables published with no body text at all. */
const NO_TEXT = new Set(['09CARACAS1296', '09DUSHANBE575', '09BERLIN406']);
/** Bodies without paragraph numbers (media reactions, marked but unnumbered paragraphs, 1970s texts). */
const UNNUMBERED = new Set(['09CARACAS1296', '09DUSHANBE575', '09SAOPAULO487', '10CARACAS107', '09BERLIN406', '09STATE63812']);

describeShared('development set', () => {
  const inv = inventory();
  it('holds both shared sets', () => {
    expect(files.filter(([, f]) => f.endsWith('.html')).length).toBeGreaterThanOrEqual(156);
  });
  for (const [dir, name] of files) {
    const expectedId = name.replace(/\.(txt|html)$/, '');
    it(`${name} parses with the release's id, date and level, a subject and paragraphs`, async () => {
      const cable = await readCableFile(`${dir}/${name}`);
      const htmlName = `${dir}/${expectedId}.html`;
      let meta: PageMeta | null = null;
      try {
        meta = pageMeta(readFileSync(htmlName, 'utf8'));
      } catch {
        meta = inv.get(expectedId) ?? null;
      }
      expect(meta, 'metadata for the cable').not.toBeNull();
      expect(cable.id).toBe(meta!.id);
      const raw = readFileSync(`${dir}/${name}`, 'latin1');
      if (cable.date) {
        // The release's creation time and the cable's date-time group agree on the hour when the text has one.
        if (/\b\d{6}Z\s+[A-Z]{3}\s+\d{2}\b/.test(raw) && meta!.created.length > 10) {
          expect(cable.date.slice(0, 13).replace('T', ' ')).toBe(meta!.created.slice(0, 13));
        } else {
          expect(cable.date.slice(0, 10)).toBe(meta!.created.slice(0, 10));
        }
      } else {
        expect(cable.warnings.map((w) => w.kind)).toContain('no-date');
      }
      expect(cable.classification.level).toBe(LEVEL_FROM_TEXT[expectedId] ?? levelOf(meta!.classification));
      if (NO_SUBJECT.has(expectedId)) expect(cable.subject === null || expectedId === '03ABUDHABI2641').toBe(true);
      else expect(cable.subject).toMatch(/\w{3}/);
      if (!NO_TEXT.has(expectedId)) expect(cable.paragraphs.length).toBeGreaterThan(0);
      if (!UNNUMBERED.has(expectedId) && !/^[6-8]\d/.test(expectedId)) {
        const numbered = cable.paragraphs.filter((p) => p.number !== null);
        expect(numbered.length).toBeGreaterThan(0);
        expect(numbered[0]!.number).toBe(1);
      }
      for (const p of cable.paragraphs) expect(p.text).not.toMatch(/\]\(#\)|^¶|\bSIPDIS\b/);
    });
  }
});
