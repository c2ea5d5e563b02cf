/**
 * Acceptance of `--redact sources` on every real cable under ../shared that carries a source
 * marker, against a set labelled by reading the cables (not by cablekit):
 * tests/fixtures/redaction/protected-sources.json — 31 cables, their markers, each marked person
 * with the forms of their name and the mentions counted in the .txt, the people of each cable who are
 * not marked, and 187 cables where "protect" is ordinary prose.
 *  - rendered to text (the .txt and the .html page), PDF (read back with poppler) and DOCX (unzip):
 *    no form of a marked person's name is left (whole words, any case but lower case, across lines);
 *    the people who are not marked are still there;
 *  - a marker the detector cannot resolve to a name (a role, a pronoun, a date) is decided as a
 *    reviewer would, through the plan — which must offer the labelled person as a candidate;
 *  - each person the detector finds has the labelled number of mentions (outside the summary,
 *    which repeats the body); the markers that resolve by themselves are counted and printed;
 *  - no marker is found in the 187 cables of ordinary prose, and none beyond the labelled ones on
 *    any of the ~730 real pages (.txt and .html): the false alarms are counted and printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, expect, it } from 'vitest';
import { parseRedactCategories } from '../src/redact/categories.js';
import { buildPlan, convertCable, findProtectedSources, parsePlan, serializePlan, textSlots, type Cable, type RedactionPlan } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { findSourceMarkers } from '../src/redact/detect/source-markers.js';
import { describeShared, SHARED, sharedPages } from './support/shared.js';

interface Label {
  id: string;
  file: string;
  alsoFiles: string[];
  markers: Array<{ text: string; marks: 'person' | 'description' | 'publisher-removed'; person?: string }>;
  people: Array<{ name: string; forms: string[]; mentions: number }>;
  unmarkedPeople: string[];
  sharedSurnames: string[];
}

const LABELS = JSON.parse(readFileSync('tests/fixtures/redaction/protected-sources.json', 'utf8')) as {
  cables: Label[];
  notMarkers: Array<{ id: string; file: string; alsoFiles: string[] }>;
};
const dir = mkdtempSync(join(tmpdir(), 'cablekit-sources-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const surnameOf = (name: string): string => name.split(/\s+/).pop()!.toLowerCase();

/** The places in `text` where a form of the name stands: whole words, any white space or punctuation between, not in lower case. */
function formsLeft(text: string, forms: string[]): string[] {
  const left: string[] = [];
  for (const form of forms) {
    const words = form.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.normalize('NFKC').matchAll(re)) if (/\p{Lu}/u.test(m[0])) left.push(m[0]);
  }
  return left;
}

function readBack(data: Buffer, format: 'text' | 'pdf' | 'docx', name: string): string {
  if (format === 'text') return data.toString('utf8');
  const file = join(dir, `${name}.${format}`);
  writeFileSync(file, data);
  if (format === 'pdf') return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-']).toString('utf8') + execFileSync('pdfinfo', [file]).toString('utf8');
  return Object.entries(unzipSync(new Uint8Array(data)))
    .filter(([n]) => /\.xml$/.test(n))
    .map(([, b]) => strFromU8(b).replace(/<[^>]*>/g, ' '))
    .join('\n');
}

/**
 * The plan for a cable with a reviewer's decisions: every labelled person the detector did not
 * resolve is picked among the candidates the plan offers (the test fails when it offers none).
 */
function reviewedPlan(cable: Cable, label: Label): { plan: RedactionPlan; picked: string[]; offered: boolean } {
  const plan = parsePlan(serializePlan(buildPlan([cable], { redact: parseRedactCategories('sources') })));
  const entries = plan.cables[0]!.sources ?? [];
  const picked: string[] = [];
  let offered = true;
  for (const person of label.people) {
    const marked = entries.find((e) => e.person && !e.candidate && surnameOf(e.person) === surnameOf(person.name));
    if (marked) continue;
    const candidate = entries.find((e) => e.candidate && e.person && surnameOf(e.person) === surnameOf(person.name));
    const unresolved = entries.filter((e) => e.person === null);
    if (!candidate || !unresolved.some((u) => u.candidates?.includes(candidate.person!))) {
      offered = false;
      continue;
    }
    candidate.action = 'redact';
    delete candidate.reason;
    picked.push(candidate.person!);
  }
  return { plan, picked, offered };
}

describeShared('--redact sources on every real cable that carries a marker (the labelled set)', () => {
  it('holds what its about says', () => {
    expect(LABELS.cables).toHaveLength(31);
    expect(LABELS.cables.flatMap((c) => c.people)).toHaveLength(26);
    expect(LABELS.cables.flatMap((c) => c.markers)).toHaveLength(40);
    expect(LABELS.cables.flatMap((c) => c.people).reduce((a, p) => a + p.mentions, 0)).toBe(224);
    expect(LABELS.notMarkers).toHaveLength(187);
  });

  it('finds every marked person (or offers them as a candidate), every mention, and leaves no form of their names in text, PDF or DOCX', async () => {
    let resolved = 0;
    let markers = 0;
    const picks: string[] = [];
    const problems: string[] = [];
    for (const label of LABELS.cables) {
      for (const file of [label.file, ...label.alsoFiles]) {
        const cable = await readCableFile(join(SHARED, file));
        const found = findProtectedSources(cable);
        const marked = found.people.filter((p) => !p.candidate);
        if (file === label.file) {
          for (const m of label.markers.filter((x) => x.marks === 'person')) {
            markers++;
            if (marked.some((p) => surnameOf(p.name) === surnameOf(m.person!) && p.markers.length)) resolved++;
          }
        }
        // each person the detector resolves: the labelled number of mentions (the summary repeats the body)
        for (const p of marked) {
          const want = label.people.find((x) => surnameOf(x.name) === surnameOf(p.name));
          if (!want) problems.push(`${file}: ${p.name} is not a labelled person`);
          else if (p.mentions.filter((m) => m.field !== 'summary').length + p.ambiguous.length !== want.mentions) {
            problems.push(`${file}: ${p.name}: ${p.mentions.length} mentions, labelled ${want.mentions}`);
          }
        }
        const { plan, picked, offered } = reviewedPlan(cable, label);
        if (!offered) problems.push(`${file}: the plan offers no candidate for a labelled person`);
        if (file === label.file) picks.push(...picked.map((p) => `${label.id}: ${p}`));
        const formats = file.endsWith('.txt') ? (['text', 'pdf', 'docx'] as const) : (['text'] as const);
        for (const format of formats) {
          const out = await convertCable(cable, { format, plan });
          const text = readBack(out.data, format, `${label.id}-${format}`);
          for (const person of label.people) {
            const left = formsLeft(text, [...person.forms, person.name]);
            if (left.length) problems.push(`${file} ${format}: ${person.name} left as ${left.join(', ')}`);
          }
          for (const other of label.unmarkedPeople) {
            if (label.people.some((p) => surnameOf(p.name) === surnameOf(other))) continue;
            const plainLeft = formsLeft(text, [other]).length + formsLeft(text, [other.toUpperCase()]).length;
            if (plainLeft === 0) problems.push(`${file} ${format}: the unmarked ${other} is gone`);
          }
        }
      }
    }
    console.log(`protected sources: ${resolved} of ${markers} labelled markers of a person resolve to that person by themselves; the plan offers the rest as candidates (picked: ${picks.join('; ')})`);
    expect(problems).toEqual([]);
    expect(resolved).toBeGreaterThanOrEqual(27);
  }, 600_000);

  it('finds no marker in the cables where "protect" is prose, and none beyond the labelled ones on any real page', async () => {
    const labelled = new Map(LABELS.cables.map((c) => [c.id, c.markers.length]));
    const falseAlarms: string[] = [];
    let pages = 0;
    for (const page of sharedPages()) {
      for (const file of [page.txt, page.html].filter((f): f is string => !!f)) {
        pages++;
        let cable: Cable;
        try {
          cable = await readCableFile(file);
        } catch {
          continue;
        }
        // a marker the summary repeats from the body is the same marker
        const found = textSlots(cable)
          .filter((s) => s.field !== 'summary')
          .flatMap((s) => findSourceMarkers(s.text));
        const want = labelled.get(page.id) ?? 0;
        if (found.length > want) falseAlarms.push(`${file}: ${found.length - want} (${found.map((m) => m.text).join(', ')})`);
      }
    }
    for (const c of LABELS.notMarkers) {
      const cable = await readCableFile(join(SHARED, c.file));
      expect(textSlots(cable).flatMap((s) => findSourceMarkers(s.text)), c.file).toEqual([]);
    }
    console.log(`protected sources: ${falseAlarms.length} false alarms (a marker found where the labels have none) on ${pages} real pages (.txt and .html)`);
    expect(pages).toBeGreaterThanOrEqual(1400);
    expect(falseAlarms).toEqual([]);
  }, 300_000);
});
