// Variants of the peer's cases (cablemap's test expectations, ../shared/peer/README.md): each case
// rewritten the ways unseen cables write the same thing — other offices and their spellings, other
// names and titles, label forms, separators, wraps, cases, what follows a field — with the expected
// value rewritten to match. Run the reader on them and print the failures per kind and family: a
// family that fails is a form the reader does not hold yet, not a case to patch.
//
// Usage (after `npm run build`):
//   node scripts/reader-variants.mjs CASES_JSON [--show KIND[/FAMILY]] [--max N]
// CASES_JSON is the peer's shared half (cablemap-cases-dev.json). The variants are deterministic.
import fs from 'node:fs';
import { parseCable, canonicalCableId } from '../dist/index.js';
import { OFFICES, OFFICE_ALIASES } from '../dist/readers/cable/offices.js';

const args = process.argv.slice(2);
const casesFile = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (n) => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const show = opt('--show');
const maxShow = Number(opt('--max') ?? 12);
const cases = casesFile ? JSON.parse(fs.readFileSync(casesFile, 'utf8')) : [];

// ---- deterministic choice ---------------------------------------------------------------------
let seed = 19;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];

// ---- judging, as the peer's runner does ---------------------------------------------------------
const fold = (s) => String(s ?? '').toUpperCase().replace(/\s+/g, ' ').trim();
const name = (r) => fold(typeof r === 'string' ? r : r?.name);
function parseLoose(text, params) {
  try { return parseCable(text); } catch { /* a fragment */ }
  const yy = String((params?.year ?? 2008) % 100).padStart(2, '0');
  const head = `R 011200Z JAN ${yy}\nFM SECSTATE WASHDC\nTO ALL DIPLOMATIC POSTS\n\nUNCLAS SECTION 01 OF 01 STATE 000001\n\n`;
  try { return parseCable(head + text); } catch { /* no body */ }
  try { return parseCable(`${head}${text}\n\n1. (U) End of fragment.\n`); } catch { return null; }
}
const judges = {
  tags: (c, e) => JSON.stringify((c.tags ?? []).map(fold)) === JSON.stringify(e.map(fold)),
  subject: (c, e) => fold(c.subject).replace(/^\([A-Z/ ]+\)\s*/, '') === fold(e).replace(/^\([A-Z/ ]+\)\s*/, ''),
  signer: (c, e) => (e.length === 0 ? !c.signature : e.map(fold).includes(fold(c.signature))),
  nondisclosure_deadline: (c, e) => String(c.declassify ?? '') === String(e ?? ''),
  classified_by: (c, e) => (e.length ? e.every((n) => fold(c.classifiedBy).includes(fold(n))) : !c.classifiedBy),
  references: (c, e) => JSON.stringify((c.references ?? []).map((r) => r.id).filter(Boolean)) === JSON.stringify(e),
  summary: (c, e) => fold(c.summary) === fold(e),
  recipients: (c, e) => JSON.stringify((c.to ?? []).map(name)) === JSON.stringify(e.map(name)),
  info_recipients: (c, e) => JSON.stringify((c.info ?? []).map(name)) === JSON.stringify(e.map(name)),
};
const got = (kind, c) =>
  !c ? 'no parse'
  : kind === 'tags' ? c.tags
  : kind === 'subject' ? c.subject
  : kind === 'signer' ? c.signature
  : kind === 'nondisclosure_deadline' ? c.declassify
  : kind === 'classified_by' ? c.classifiedBy
  : kind === 'references' ? c.references.map((r) => r.id).filter(Boolean)
  : kind === 'summary' ? c.summary
  : kind === 'recipients' ? c.to.map((r) => r.name)
  : c.info.map((r) => r.name);

// ---- offices as cables write them ---------------------------------------------------------------
/** The release's office names written with their spaces and marks, as REF lines spell them. */
const SPACED = {
  ABUDHABI: ['ABU DHABI'], ADDISABABA: ['ADDIS ABABA', 'ADDIS'], AITTAIPEI: ['AIT TAIPEI', 'TAIPEI'],
  BANDARSERIBEGAWAN: ['BANDAR SERI BEGAWAN'], BUENOSAIRES: ['BUENOS AIRES', 'BA'], CAPETOWN: ['CAPE TOWN'],
  CDGENEVA: ['CD GENEVA'], CHIANGMAI: ['CHIANG MAI'], CIUDADJUAREZ: ['CIUDAD JUAREZ'],
  DARESSALAAM: ['DAR ES SALAAM', 'DAR-ES-SALAAM', 'DAR'], HOCHIMINHCITY: ['HO CHI MINH CITY', 'HCMC'],
  HONGKONG: ['HONG KONG'], KUALALUMPUR: ['KUALA LUMPUR', 'KL'], LAPAZ: ['LA PAZ'], NEWDELHI: ['NEW DELHI'],
  NUEVOLAREDO: ['NUEVO LAREDO'], OSAKAKOBE: ['OSAKA KOBE', 'OSAKA-KOBE', 'OSAKA'], PHNOMPENH: ['PHNOM PENH'],
  PONTADELGADA: ['PONTA DELGADA'], PORTAUPRINCE: ['PORT AU PRINCE', 'PORT-AU-PRINCE'], PORTLOUIS: ['PORT LOUIS'],
  PORTMORESBY: ['PORT MORESBY'], PORTOFSPAIN: ['PORT OF SPAIN', 'PORT-OF-SPAIN'],
  RIODEJANEIRO: ['RIO DE JANEIRO', 'RIO'], SANJOSE: ['SAN JOSE'], SANSALVADOR: ['SAN SALVADOR'],
  SANTODOMINGO: ['SANTO DOMINGO'], SAOPAULO: ['SAO PAULO'], STPETERSBURG: ['ST PETERSBURG', 'ST. PETERSBURG'],
  TELAVIV: ['TEL AVIV'], THEHAGUE: ['THE HAGUE', 'HAGUE'], UNESCOPARISFR: ['UNESCO PARIS FR', 'USUNESCO PARIS'],
  UNROME: ['UN ROME', 'USUN ROME'], UNVIEVIENNA: ['UNVIE VIENNA', 'UNVIE'], USEUBRUSSELS: ['USEU BRUSSELS', 'USEU'],
  USUNNEWYORK: ['USUN NEW YORK', 'USUN'], USTRGENEVA: ['USTR GENEVA'], RPODUBAI: ['RPO DUBAI', 'IRPO DUBAI'],
  FSCCHARLESTON: ['FSC CHARLESTON'], FSINFATC: ['FSI NFATC'], FESTTWO: ['FEST TWO'], USNATO: ['USNATO'],
  USOSCE: ['USOSCE'], MEXICO: ['MEXICO', 'MEXICO CITY'], STATE: ['STATE', 'SECSTATE'], KUWAIT: ['KUWAIT'],
  NDJAMENA: ['NDJAMENA', "N'DJAMENA"], SANAA: ['SANAA'], CDCATLANTAGA: ['CDC ATLANTA'], USDAFAS: ['USDA FAS'],
  GUATEMALA: ['GUATEMALA', 'GUATEMALA CITY'], PANAMA: ['PANAMA'], VATICAN: ['VATICAN'],
};
const writtenForms = (o) => SPACED[o] ?? [o];
/** Offices a REF line may name: the release's origins and the agencies. */
const ORIGINS = OFFICES;

// ---- families ---------------------------------------------------------------------------------
/** Each family: (kind) → [{ input, expected, params }]. */
const families = {};
const fam = (kind, familyName, list) => ((families[kind] ??= {})[familyName] = list);
const byKind = (k) => cases.filter((c) => c.kind === k);

// id_c14n ----------------------------------------------------------------------------------------
{
  const yy = () => pick(['66', '75', '89', '99', '01', '05', '08', '10']);
  const serial = () => String(1 + Math.floor(rand() * 9999));
  fam('id_c14n', 'office-as-id', ORIGINS.map((o) => { const y = yy(), s = serial(); return { input: `${y}${o}${s}`, expected: `${y}${o}${s}` }; }));
  fam('id_c14n', 'office-written', ORIGINS.flatMap((o) => writtenForms(o).map((w) => { const y = yy(), s = serial(); return { input: `${y} ${w} ${s}`, expected: `${y}${o}${s}` }; })));
  fam('id_c14n', 'office-written-glued', ORIGINS.flatMap((o) => writtenForms(o).map((w) => { const y = yy(), s = serial(); return { input: `${y}${w.replace(/[ '.-]/g, '')}${s}`, expected: `${y}${o}${s}` }; })));
  fam('id_c14n', 'four-digit-year-padded', ORIGINS.map((o) => { const y = yy(), s = serial(); const full = (+y > 50 ? '19' : '20') + y; return { input: `${full} ${pick(writtenForms(o))} ${s.padStart(6, '0')}`, expected: `${y}${o}${s}` }; }));
  fam('id_c14n', 'lower-case', ORIGINS.map((o) => { const y = yy(), s = serial(); return { input: `${y}${o.toLowerCase()}${s}`, expected: `${y}${o}${s}` }; }));
  fam('id_c14n', 'amembassy', ORIGINS.filter((o) => !/^(?:STATE|SECDEF|USD|CDC|USCBP|USDOC|USDOJ|US|UN)/.test(o)).map((o) => { const y = yy(), s = serial(); return { input: `${y} AMEMBASSY ${pick(writtenForms(o))} ${s}`, expected: `${y}${o}${s}` }; }));
  // Misspellings: a letter dropped, two letters swapped, a letter doubled — only for names of 7 letters or more.
  const miss = [];
  for (const o of ORIGINS) {
    if (o.length < 7) continue;
    const i = 2 + Math.floor(rand() * (o.length - 4));
    const y = yy(), s = serial();
    miss.push({ input: `${y}${o.slice(0, i)}${o.slice(i + 1)}${s}`, expected: `${y}${o}${s}`, family: 'drop' });
    miss.push({ input: `${y}${o.slice(0, i)}${o[i + 1]}${o[i]}${o.slice(i + 2)}${s}`, expected: `${y}${o}${s}`, family: 'swap' });
    miss.push({ input: `${y}${o.slice(0, i)}${o[i]}${o.slice(i)}${s}`, expected: `${y}${o}${s}`, family: 'double' });
  }
  fam('id_c14n', 'misspelled', miss);
  fam('id_c14n', 'truncated', ORIGINS.filter((o) => o.length >= 9).map((o) => { const y = yy(), s = serial(); return { input: `${y}${o.slice(0, o.length - 2)}${s}`, expected: `${y}${o}${s}` }; }));
  // Cut as page headers and routing lines cut them: ten characters (`RIO DE JAN`, `PORT AU PR`, `UNVIE VIEN`).
  fam('id_c14n', 'cut-to-ten', ORIGINS.flatMap((o) => writtenForms(o).filter((w) => w.length > 10 && w.slice(0, 10).trim().replace(/[^A-Z]/g, '').length >= 5).map((w) => { const y = yy(), s = serial(); return { input: `${y} ${w.slice(0, 10).trim()} ${s}`, expected: `${y}${o}${s}` }; })));
  fam('id_c14n', 'consulate-prefix', ORIGINS.filter((o) => !/^(?:STATE|SECDEF|USD|CDC|USCBP|USDOC|USDOJ|US|UN)/.test(o)).map((o) => { const y = yy(), s = serial(); return { input: `${y} ${pick(['AMCONSUL', 'USMISSION', 'AMEMBASSY', 'AMCONGEN', 'CONGEN', 'EMBASSY'])} ${pick(writtenForms(o))} ${s}`, expected: `${y}${o}${s}` }; }));
  fam('id_c14n', 'aliases', Object.entries(OFFICE_ALIASES).map(([a, o]) => { const y = yy(), s = serial(); return { input: `${y}${a}${s}`, expected: `${y}${o}${s}` }; }));
  fam('id_c14n', 'zero-for-o', ORIGINS.filter((o) => /O/.test(o.slice(1))).map((o) => { const y = yy(), s = serial(); return { input: `${y}${o[0]}${o.slice(1).replace('O', '0')}${s}`, expected: `${y}${o}${s}` }; }));
}

// references -------------------------------------------------------------------------------------
{
  const refCases = byKind('references').filter((c) => c.expected.length);
  // Another office: every mention of the case's offices replaced by another office written as cables do.
  const officeSwap = [];
  for (const c of refCases) {
    for (let k = 0; k < 4; k++) {
      const target = pick(ORIGINS);
      const w = pick(writtenForms(target));
      const offices = [...new Set(c.expected.map((id) => /^\d{2}([A-Z]+?)\d+$/.exec(id)[1]))];
      if (offices.length !== 1) continue;
      const from = offices[0];
      // the spellings of that office in the input
      const spell = new RegExp(String.raw`(?<![A-Za-z])(?:${[from, ...writtenForms(from), 'SECSTATE', 'SECTSTATE', 'SAO PAUO', 'SAO PAUL', 'TRIPOLII', 'BRASILA', 'PHNOM PEN', 'RIO DE JAN', 'MEXICO CITY']
        .filter((s) => new RegExp(`^(?:${from}|${from.replace(/(.)/g, '$1 ?')})$`.replace(/ \?$/, ''), 'i').test(s.replace(/[^A-Z]/gi, '')) || s.replace(/[^A-Z]/g, '').length > 3)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=\s+0*\d)`, 'gi');
      const input = c.input.replace(spell, () => w);
      if (input === c.input) continue;
      officeSwap.push({ input, expected: c.expected.map((id) => id.replace(from, target)), params: c.params, from: c.source });
    }
  }
  fam('references', 'other-office', officeSwap);
  // Label styles: `A.` → `A)`, `(A)`, `A:`, `a.`.
  const labelStyles = [(l) => `${l})`, (l) => `(${l})`, (l) => `${l}:`, (l) => `${l.toLowerCase()}.`, (l) => `${l}.`, (l) => `¶${l}.`];
  const relabel = [];
  for (const c of refCases) {
    if (!/(?:^|\s)[A-Z]\.\s/.test(c.input)) continue;
    for (const style of labelStyles) {
      const input = c.input.replace(/(^|\s)(?:¶)?([A-Z])\.(?=\s)/g, (m, sp, l) => `${sp}${style(l)}`);
      relabel.push({ input, expected: c.expected, params: c.params });
    }
  }
  fam('references', 'label-style', relabel);
  // Made-up REF fields: one office, each year form, lettered or not, one line or several, with non-cables.
  const yearForms = [
    (y, w, s) => [`${y} ${w} ${s}`, y],
    (y, w, s) => [`${2000 + +y} ${w} ${s}`, y],
    (y, w, s) => [`${w} ${s} (${y})`, y],
    (y, w, s) => [`(${y}) ${w} ${s}`, y],
    (y, w, s) => [`${y}${w.replace(/[ '.-]/g, '')}${s}`, y],
    (y, w, s) => [`${y} ${w} ${String(s).padStart(6, '0')}`, y],
    (y, w, s) => [`${w} ${s}`, null],
    (y, w, s) => [`${w} ${String(s).padStart(4, '0')}`, null],
  ];
  const notCables = ['E-MAIL SMITH-JONES 03/12/08', 'JONES/SMITH EMAIL OF MARCH 3', 'TELCON 3/4/08', 'PHONE CALL SMITH-JONES MARCH 3', 'DEMARCHE OF MARCH 3',
    'SECDEF R162245Z OCT 08', 'OSD REPORT DTG 251847Z MAR 08', 'IIR 6 832 0617 08', 'MEMO FROM EUR/WE DATED 3/4/08', 'FAX FROM MFA OF 4 MARCH', 'USDAO PARIS IIR 6 832 0626 08', 'STATE CABLE OF MARCH 3', 'EMBASSY LETTER OF 12/3/2007'];
  const made = [];
  const labelsOf = [(k) => `${'ABCDEFGH'[k]}. `, (k) => `${'ABCDEFGH'[k]}) `, (k) => `(${'ABCDEFGH'[k]}) `, (k) => ''];
  for (let n = 0; n < 400; n++) {
    const cableYear = 2000 + Math.floor(rand() * 11);
    const cy = String(cableYear % 100).padStart(2, '0');
    const count = 1 + Math.floor(rand() * 4);
    const label = pick(labelsOf);
    const sep = label(0) ? pick([' ', '\n', '  ', '; ', ', ', '\n     ']) : pick(['; ', ', ', '\n', '; \n']);
    const entries = [];
    const expected = [];
    for (let k = 0; k < count; k++) {
      if (rand() < 0.2 && k > 0) { entries.push(pick(notCables)); continue; }
      const o = pick(ORIGINS);
      const w = pick(writtenForms(o));
      const s = 1 + Math.floor(rand() * 99999);
      const y = String(Math.floor(rand() * 10)).padStart(2, '0');
      const [text, yr] = pick(yearForms)(y, w, s);
      entries.push(text);
      expected.push(`${yr ?? cy}${o}${s}`);
    }
    const body = entries.map((e, k) => `${label(k)}${e}`).join(sep);
    made.push({ input: `SUBJECT: A MADE-UP SUBJECT\n\nREF: ${body}\n\nClassified By: Ambassador John Smith for reasons 1.4 (b) and (d).\n`, expected, params: { year: cableYear }, family: label(0) ? 'lettered' : 'plain' });
  }
  fam('references', 'made-up', made);
  // Label forms of the field itself.
  const labelForms = ['REF:', 'REFS:', 'REFTEL:', 'REF(S):', 'Ref:', 'Refs:', 'REFERENCE:', 'REFERENCES:', 'REF', 'REF.', 'REFTELS:'];
  fam('references', 'field-label', labelForms.map((l) => ({ input: `SUBJECT: SOMETHING\n\n${l} A. STATE 12345 B. PARIS 678\n\n1. (C) Text.\n`, expected: ['08STATE12345', '08PARIS678'], params: { year: 2008 } })));
  // Several serials after one office.
  fam('references', 'multi-serial', [
    { input: 'REF: A. STATE 1234 B. PARIS 567, 890\n', expected: ['08STATE1234', '08PARIS567'], params: { year: 2008 } },
    { input: 'REF: STATE 1234; PARIS 567; 07 PARIS 890\n', expected: ['08STATE1234', '08PARIS567', '07PARIS890'], params: { year: 2008 } },
    { input: 'REF: (A) 07 ROME 1234 (B) 07 ROME 5678 (C) ROME 12\n', expected: ['07ROME1234', '07ROME5678', '08ROME12'], params: { year: 2008 } },
  ]);
}

// tags ---------------------------------------------------------------------------------------------
{
  // Cases whose expected tags are codes only (a plain list), re-written.
  const codeCases = byKind('tags').filter((c) => c.expected.every((t) => /^[A-Z]{2,6}$/.test(t)) && c.expected.length >= 3);
  const lists = codeCases.map((c) => c.expected);
  const fams = {
    'lower-case': (t) => `TAGS: ${t.join(', ').toLowerCase()}`,
    'mixed-label': (t) => `Tags: ${t.join(', ')}`,
    'no-colon': (t) => `TAGS ${t.join(' ')}`,
    'semicolons': (t) => `TAGS: ${t.join('; ')}`,
    'comma-no-space': (t) => `TAGS: ${t.join(',')}`,
    'wrapped-comma': (t) => `TAGS: ${t.slice(0, 2).join(', ')},\n${t.slice(2).join(', ')}`,
    'wrapped-codes': (t) => `TAGS: ${t.slice(0, 2).join(' ')}\n${t.slice(2).join(' ')}`,
    'trailing-comma': (t) => `TAGS: ${t.join(', ')},`,
    'then-subject': (t) => `TAGS: ${t.join(', ')}\nSUBJECT: A SUBJECT OF SOME LENGTH`,
    'then-subject-same-line': (t) => `E.O. 12958: DECL: 01/01/2018 TAGS: ${t.join(', ')} SUBJECT: A SUBJECT OF SOME LENGTH`,
    'eo-before': (t) => `E.O. 12958: DECL: 1.6X6\nTAGS: ${t.join(', ')}\nSUBJECT: SOMETHING`,
    'tag-label': (t) => `TAG: ${t.join(', ')}`,
    'tags-in-caps-then-ref': (t) => `TAGS: ${t.join(' ')}\n\nREF: STATE 12345`,
    'slashes': (t) => `TAGS: ${t.join('/')}`,
    'marking-first': (t) => `TAGS: (C) ${t.join(', ')}`,
    'closing-stop': (t) => `TAGS: ${t.join(', ')}.`,
  };
  for (const [f, mk] of Object.entries(fams)) fam('tags', f, lists.map((t) => ({ input: mk(t), expected: t })));
  // With a phrase or person after the codes.
  const phrases = ['HUMAN RIGHTS', 'TRADE POLICY', 'OIL AND GAS', 'ENERGY SECURITY', 'COUNTERNARCOTICS', 'NATIONAL ELECTIONS', 'IRAQI FREEDOM', 'DEMOCRATIC REFORM', 'AVIAN INFLUENZA', 'MIDDLE EAST PEACE PROCESS'];
  fam('tags', 'phrase-after', lists.map((t) => { const p = pick(phrases); return { input: `TAGS: ${t.join(' ')} ${p}`, expected: [...t, p] }; }));
  const words = ['FRANCE ECONOMIC', 'ECONOMIC REFORM', 'PRESIDENTIAL ELECTIONS', 'MEDIA REACTION', 'COUNTRY CLEARANCE', 'AFGHANISTAN RECONSTRUCTION'];
  fam('tags', 'english-phrase-after', lists.map((t) => { const p = pick(words); return { input: `TAGS: ${t.join(' ')} ${p}`, expected: [...t, p] }; }));
  fam('tags', 'phrase-after-comma', lists.map((t) => { const p = pick(phrases); return { input: `TAGS: ${t.join(', ')}, ${p}`, expected: [...t, p] }; }));
  const people = [['RICE', 'CONDOLEEZZA'], ['CLINTON', 'HILLARY'], ['BURNS', 'WILLIAM'], ['GATES', 'ROBERT'], ['NEGROPONTE', 'JOHN']];
  fam('tags', 'person-parenthesized', lists.map((t) => { const [s, g] = pick(people); return { input: `TAGS: OVIP (${s}, ${g}), ${t.join(', ')}`, expected: ['OVIP', `${s}, ${g}`, ...t] }; }));
  fam('tags', 'glued-codes', lists.map((t) => ({ input: `TAGS: ${t.slice(0, -2).join(' ')} ${t[t.length - 2]}${t[t.length - 1]}`, expected: t })));
  fam('tags', 'repeated', lists.map((t) => ({ input: `TAGS: ${t.join(', ')}, ${t.join(', ')}`, expected: t })));
}

// subject ----------------------------------------------------------------------------------------
{
  const subjects = byKind('subject').filter((c) => c.expected && !/\n/.test(c.expected) && c.expected.length > 20).map((c) => c.expected);
  const wrap = (s) => {
    const w = s.split(' ');
    const at = Math.max(1, Math.floor(w.length / 2));
    return `${w.slice(0, at).join(' ')} \n${w.slice(at).join(' ')}`;
  };
  const fams = {
    'then-blank-ref': (s) => `SUBJECT: ${s}\n\nREF: STATE 12345\n`,
    'then-ref-line': (s) => `SUBJECT: ${s}\nREF: STATE 12345\n`,
    'then-ref-same-line': (s) => `SUBJECT: ${s} REF: STATE 12345\n`,
    'then-classified-by': (s) => `SUBJECT: ${s}\n\nClassified By: Ambassador John Smith for reasons 1.4 (b) and (d).\n`,
    'then-classified-by-line': (s) => `SUBJECT: ${s}\nClassified By: Ambassador John Smith for reasons 1.4 (b) and (d).\n`,
    'then-paragraph': (s) => `SUBJECT: ${s}\n\n1. (C) Summary: Something happened here today.\n`,
    'then-paragraph-line': (s) => `SUBJECT: ${s}\n1. (C) Summary: Something happened here today.\n`,
    'then-unmarked-paragraph': (s) => `SUBJECT: ${s}\n\n1. Something happened here today.\n`,
    'wrapped': (s) => `SUBJECT: ${wrap(s)}\n\nREF: STATE 12345\n`,
    'wrapped-then-classified-by': (s) => `SUBJECT: ${wrap(s)}\n\nClassified By: DCM Jane Doe, reasons 1.4 (b,d)\n`,
    'wrapped-then-paragraph': (s) => `SUBJECT: ${wrap(s)}\n1. (U) Text of the first paragraph.\n`,
    'subj-label': (s) => `SUBJ: ${s}\n\n1. Text.\n`,
    'lower-label': (s) => `Subject: ${s}\n\n1. Text.\n`,
    'lower-label-no-space': (s) => `SUBJECT:${s}\n\n1. Text.\n`,
    'marking': (s) => `SUBJECT: (C) ${s}\n\n1. Text.\n`,
    'tags-before': (s) => `TAGS: PREL, PGOV, XX\nSUBJECT: ${s}\n\nREF: STATE 12345\n`,
    'header-before': (s) => `E.O. 12958: DECL: 01/01/2018\nTAGS: PREL, PGOV\nSUBJECT: ${s}\n\nClassified By: Ambassador John Smith. Reason: 1.4 (d)\n\n1. (C) Text.\n`,
    'then-summary-heading': (s) => `SUBJECT: ${s}\n\nSUMMARY\n-------\n\n1. Text.\n`,
    'then-refs-same-line': (s) => `SUBJECT: ${s} REFS: A) STATE 12345, B) PARIS 678\n`,
    'then-sbu-line': (s) => `SUBJECT: ${s}\n\nSENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY\n\n1. Text.\n`,
  };
  for (const [f, mk] of Object.entries(fams)) fam('subject', f, subjects.map((s) => ({ input: mk(s), expected: s })));
}

// classified_by --------------------------------------------------------------------------------
{
  const names = [...new Set(byKind('classified_by').filter((c) => c.expected.length === 1 && !c.params?.normalize).map((c) => c.expected[0]))]
    .filter((n) => /^[A-Z][A-Za-z.' -]+[A-Za-z.]$/.test(n));
  names.push('John A. Smith, Jr.', "Mary-Ann O'Neill", 'D. Brent Hardt', 'Robert E. Lee III', 'JAMES P. MCGEE', 'Kurt Volker', 'LARRY L. MEMMOTT', 'Erica J. Barks-Ruggles');
  const titles = ['Ambassador', 'DCM', "Charge d'Affaires a.i.", 'Political Counselor', 'PolOff', 'CDA', 'Deputy Chief of Mission', 'Consul General', 'Principal Officer', 'A/DCM', 'Acting Political Counselor', 'Econ/Pol Chief', 'Poloff', 'Political Minister Counselor', 'Charge', 'Ambassador-at-Large', 'Deputy Assistant Secretary', 'EUR Assistant Secretary'];
  const reasons = ['for reasons 1.4 (b) and (d).', ', reasons 1.4(b) and (d)', '. Reason: 1.4 (b), (d).', '; REASON: 1.4(B), (D)', '. Reasons 1.4 (b/d)', ' under 1.4 b/d', ' for reason 1.5 (d)', ' per 1.4(b)', ', for E.O. 12958 reasons 1.4 (b) and (d)', ', E.O. 12958, reasons 1.4 (b) and (d).', ' for Reasons 1.4 (B) AND (D)', '. Reason: 1.4 (d)', ', Reason 1.4 (b)', ' for reasons b and d.', ' Reasons: 1.4 (c), (d).', ', reason: 1.5 (b)(d)', ' 1.4 (b), (d)', ' for reasons 1.4(b),(d)', '. REASONS: 1.4 (B), (D), AND (H).'];
  const up = (s, u) => (u ? s.toUpperCase() : s);
  const mk = (f, fn) => {
    const list = [];
    for (const n of names) for (let k = 0; k < 3; k++) {
      const t = pick(titles), r = pick(reasons), u = rand() < 0.3;
      const input = fn(n, t, r, u);
      if (input) list.push({ input, expected: [up(n, u)] });
    }
    fam('classified_by', f, list);
  };
  mk('title-before', (n, t, r, u) => `\nClassified By: ${up(`${t} ${n}${r}`, u)}\n\n1. (C) Text.\n`);
  mk('no-title', (n, t, r, u) => `\nClassified By: ${up(`${n}${r}`, u)}\n\n1. (C) Text.\n`);
  mk('title-after', (n, t, r, u) => `\nClassified By: ${up(`${n}, ${t}${r.startsWith(',') || r.startsWith(';') || r.startsWith('.') ? r : `,${r}`}`, u)}\n\n1. (C) Text.\n`);
  mk('title-after-office', (n, t, r, u) => `\nCLASSIFIED BY: ${up(`${n}, ${t}, Embassy Paris, Department of State.${/^[.,;]/.test(r) ? r.slice(1) : r}`, u)}\n\n1. (C) Text.\n`);
  mk('wrapped-before-reasons', (n, t, r, u) => `\nClassified By: ${up(`${t} ${n}`, u)}\n${up(r.replace(/^[ ,.;]+/, ''), u)}\n\n1. (C) Text.\n`);
  mk('wrapped-in-name', (n, t, r, u) => { const w = `${t} ${n}`.split(' '); if (w.length < 3) return null; const at = w.length - 1; return `\nClassified By: ${up(w.slice(0, at).join(' '), u)}\n${up(`${w.slice(at).join(' ')}${r}`, u)}\n\n1. (C) Text.\n`; });
  mk('in-paragraph-1', (n, t, r, u) => `\n1. (U) CLASSIFIED BY ${up(`${t} ${n}${r}`, true)}\n\n2. (C) Text.\n`);
  mk('lower-label', (n, t, r) => `\nclassified by: ${t} ${n}${r}\n\n1. (C) Text.\n`);
  mk('no-colon', (n, t, r, u) => `\nCLASSIFIED BY ${up(`${t} ${n}${r}`, u)}\n\n1. (C) Text.\n`);
  mk('no-reasons', (n, t, r, u) => `\nClassified By: ${up(`${t} ${n}`, u)}\n\n1. (C) Text.\n`);
  mk('no-reasons-stop', (n, t, r, u) => `\nClassified By: ${up(`${t} ${n}`, u)}.\n\n1. (C) Text.\n`);
  mk('after-subject', (n, t, r, u) => `SUBJECT: SOMETHING HAPPENED\n\nREF: STATE 12345\n\nClassified By: ${up(`${t} ${n}${r}`, u)}\n\n1. (C) Text.\n`);
  mk('label-repeated', (n, t, r, u) => `\nClassified By: ${pick(['(U) CLASSIFIED BY', '(C) Classified by', '1. CLASSIFIED BY', 'This message classified by', 'Classfied By:'])} ${up(`${t} ${n}${r}`, u)}\n\n1. (C) Text.\n`);
  mk('lead-in-before-reasons', (n, t, r, u) => `\nClassified By: ${up(`${t} ${n}${pick([' - Reasons 1.4 (b) and (d)', ' (1.4 b and d)', ' per E.O. 12958 section 1.4 b,d', ' FOR 1.4 (D)', ' under Section 1.4 (b)', ': Reasons 1.4 (b) and (d)'])}`, u)}\n\n1. (C) Text.\n`);
  mk('entire-text-paragraph', (n, t, r) => `\n1. ${pick(['(C)', 'CONFIDENTIAL -', '(S)'])} ENTIRE TEXT.  CLASSIFIED BY ${`${t} ${n}${r}`.toUpperCase()}\n\n2. TEXT.\n`);
  mk('for-reasons-wrapped', (n, t, r, u) => `\nClassified By: ${up(`${t} ${n} for reasons`, u)}\n1.4 (b) and (d).\n\n1. (C) Text.\n`);
}

// signer ------------------------------------------------------------------------------------------
{
  const bodies = [
    '4. THE AMBASSADOR WILL CALL ON THE FOREIGN MINISTER TOMORROW\nAND WILL REPORT SEPARATELY ON THE OUTCOME OF THE MEETING.',
    '¶7. (C) Comment: The government is unlikely to change course\nbefore the elections.  End Comment.',
    '5.  (U) REGARDING REFTEL\'S PARA 5, OFFICIALS CONFIRMED THAT\nTHE SHIPMENT HAD ARRIVED.',
    '12. (SBU) Post will continue to follow the issue closely and report\nany developments.',
  ];
  const signers = ['SMITH', "O'DONOHUE", 'DE PREE', 'VAN VOORST', 'SMITH-JONES', 'MCELROY', 'KING', 'LAINGEN', 'WHITEHEAD', 'BOYCE'];
  const tails = {
    'blank-then-name': (b, s) => `${b}\n\n${s}\n`,
    'name-no-blank': (b, s) => `${b}\n${s}\n`,
    'name-then-classification': (b, s) => `${b}\n\n${s}\n\nCONFIDENTIAL\n`,
    'name-glued-classification': (b, s) => `${b}\n${s}\nCONFIDENTIAL\n`,
    'name-hashes': (b, s) => `${b}\n\n${s}##\n`,
    'name-then-nnnn': (b, s) => `${b}\n\n${s}\nSECRET\nNNNN\n`,
    'end-text': (b, s) => `${b} END TEXT.\n\n${s}\n`,
    'name-then-page-header': (b, s) => `${b}\n${s}\n                       CONFIDENTIAL\n\nPAGE 04        HANOI  02605  300858Z\n`,
    'name-then-declassified': (b, s) => `${b}\n\n${s}\n\nCONFIDENTIAL\n\nDeclassified/Released US Department of State EO Systematic\nReview 30 JUN 2006\n`,
    'name-then-footer': (b, s) => `${b}\n\n${s}\n\nVisit Embassy Paris's Classified Website at http://www.state.sgov.gov/p/eur/paris\n`,
    'minimize': (b, s) => `${b}\n\n8. PARIS MINIMIZE CONSIDERED.\n${s}\n`,
  };
  for (const [f, fn] of Object.entries(tails)) {
    const list = [];
    for (const b of bodies) for (const s of signers) list.push({ input: `C O N F I D E N T I A L PARIS 001234\n\nE.O. 12958: DECL: 01/01/2018\nTAGS: PREL\nSUBJECT: SOMETHING\n\n1. (C) First paragraph of the cable.\n\n${fn(b, s)}`, expected: [s] });
    fam('signer', f, list);
  }
  // 2000s bodies: mixed case, the signer after the text, glued to it or to the footer.
  const modern = [
    '¶5. (C) Comment: The minister was frank about the limits of what his government could do. End Comment.',
    '¶9. (U) Consulate General Munich coordinated this report with Embassy Berlin.',
    '¶12. (SBU) Post will continue to follow the issue closely and report any developments.',
  ];
  const names2000 = ['Tuttle', 'TUTTLE', 'LeBaron', 'McMullen', 'Smith', 'SOBEL', 'MCGEE', "O'Neill", 'DiCarlo'];
  const visit = "Visit London's Classified Website: http://www.state.sgov.gov/p/eur/london/index.cfm";
  const tails2000 = {
    'modern-alone': (b, s) => `${b}\n\n${s}\n`,
    'modern-glued': (b, s) => `${b} ${s}\n`,
    'modern-glued-footer': (b, s) => `${b}\n${visit} ${s}\n`,
    'modern-footer-wrapped-url': (b, s) => `${b}\nVisit London's Classified Website: http://www.state.sgov.gov/p/eur/london/index. cfm ${s}\n`,
    'modern-footer-in-line': (b, s) => `${b} ${visit} ${s}\n`,
    'modern-quoted-footer-after': (b, s) => `${b}\n\n${s}\n\n“Visit Ankara's Classified Web Site at http://www.intelink.sgov.gov/wiki/Portal:Turkey”\n`,
    'modern-name-date': (b, s) => `${b}\n${s.toUpperCase()} 2008-01-08\n`,
    'modern-name-stop-line': (b, s) => `${b} ${s.toUpperCase()}\n.\n`,
    'modern-doubled': (b, s) => `${b}\n\n${s} ${s}\n`,
    'modern-lower-after-end': (b, s) => `${b}\n${s.toLowerCase()}\n`,
    'modern-jr': (b, s) => [`${b}\n${s} jr\n`, `${s} jr`],
    'modern-end-marker': (b, s) => `${b}\n\nEND TALKING POINTS. ${s.toUpperCase()}\nNNNN\n`,
    'modern-unquote': (b, s) => `${b}\n${s.toUpperCase()} UNQUOTE ${s.toUpperCase()}\n`,
    'modern-nnnn-junk': (b, s) => `${b}\n${s.toUpperCase()}\nNNNN\nEnd Cable Text\nXXXXXXXXXXXX\n`,
  };
  for (const [f, fn] of Object.entries(tails2000)) {
    const list = [];
    for (const b of modern) for (const s of names2000) {
      const r = fn(b, s);
      const [tail, exp] = Array.isArray(r) ? r : [r, s];
      list.push({ input: `C O N F I D E N T I A L LONDON 001234\n\nE.O. 12958: DECL: 01/01/2018\nTAGS: PREL\nSUBJECT: SOMETHING\n\nClassified By: Ambassador A. Person for reasons 1.4 (b) and (d).\n\n¶1. (C) First paragraph of the cable.\n\n${tail}`, expected: [exp] });
    }
    fam('signer', f, list);
  }
  // A sentence wrapped onto a last line of one word is no signer.
  fam('signer', 'none-wrapped-word', ['ASSISTANCE.', 'COOPERATION.', 'GOVERNMENT.', 'CONCERNS.'].map((w) => ({
    input: `C O N F I D E N T I A L PARIS 001234\n\nSUBJECT: SOMETHING\n\n1. (C) First paragraph.\n\n3. PLEASE CABLE CONCURRENCE. PARIS APPRECIATES THE EMBASSY'S\n${w}\n`, expected: [] })));
  // No signer: a body that ends in a heading or a sentence.
  fam('signer', 'none', bodies.map((b) => ({ input: `C O N F I D E N T I A L PARIS 001234\n\nSUBJECT: SOMETHING\n\n1. (C) First paragraph.\n\n${b}\n\nNext Steps\n----------\n\n13. (C) We will continue to watch.\n`, expected: [] })));
}

// summary ---------------------------------------------------------------------------------------
{
  const text = 'The minister said the government would act. [...] It will take time';
  const starts = {
    'inline-colon': (t) => `1. (C) Summary: ${t}.`,
    'inline-stop': (t) => `1. (C) Summary. ${t}.`,
    'inline-caps': (t) => `1. (C) SUMMARY: ${t}.`,
    'inline-dash': (t) => `1. (C) Summary - ${t}.`,
    'and-comment': (t) => `1. (C) Summary and Comment: ${t}.`,
    'and-comment-caps': (t) => `1. (C) SUMMARY AND COMMENT: ${t}.`,
    'summary-slash-comment': (t) => `1. (C) Summary/Comment: ${t}.`,
    'heading': (t) => `SUMMARY\n-------\n\n1. (C) ${t}.`,
    'heading-dashes': (t) => `------- SUMMARY -------\n\n1. (C) ${t}.`,
    'heading-colon': (t) => `Summary:\n\n1. (C) ${t}.`,
    'unnumbered': (t) => `Summary: ${t}.`,
    'begin-summary': (t) => `1. (C) BEGIN SUMMARY: ${t}.`,
    'marking-after': (t) => `1. Summary: (C) ${t}.`,
    'comment-and-summary': (t) => `1. (C) Comment and Summary: ${t}.`,
    'introduction-and-summary': (t) => `1. (C) Introduction and summary: ${t}.`,
    'heading-and-objectives': (t) => `SUMMARY AND OBJECTIVES\n\n1. (C) ${t}.`,
  };
  const ends = {
    'End Summary.': 'End Summary.', 'END SUMMARY.': 'END SUMMARY.', 'End summary': 'End summary', '(End Summary)': '(End Summary)', 'End Summary and Comment.': 'End Summary and Comment.', 'END SUMMARY AND COMMENT': 'END SUMMARY AND COMMENT', 'End of Summary.': 'End of Summary.', 'End Summary/Comment.': 'End Summary/Comment.', 'END COMMENT AND SUMMARY.': 'END COMMENT AND SUMMARY.',
  };
  for (const [f, st] of Object.entries(starts)) {
    const list = [];
    for (const e of Object.keys(ends)) {
      const companion = /comment/i.test(f) !== /comment/i.test(e);
      if (companion) continue;
      list.push({ input: `Classified By: Ambassador John Smith, reasons 1.4 (b) and (d).\n\n${st(text)} ${e}\n\n2. (C) The rest of the cable.\n`, expected: `${text}.` });
      list.push({ input: `Classified By: Ambassador John Smith, reasons 1.4 (b) and (d).\n\n${st(text)}\n\n2. (C) A second paragraph of the summary. ${e}\n\n3. (C) The rest.\n`, expected: `${text}.\nA second paragraph of the summary.` });
    }
    fam('summary', f, list);
  }
}

// nondisclosure_deadline -------------------------------------------------------------------------
{
  const dates = [[2018, 1, 2], [2034, 12, 31], [2013, 7, 4], [2019, 10, 11]];
  const p = (n) => String(n).padStart(2, '0');
  const forms = {
    'm/d/yyyy': ([y, m, d]) => `${m}/${d}/${y}`,
    'mm/dd/yyyy': ([y, m, d]) => `${p(m)}/${p(d)}/${y}`,
    'mm/dd/yy': ([y, m, d]) => `${p(m)}/${p(d)}/${p(y % 100)}`,
    'yyyy/mm/dd': ([y, m, d]) => `${y}/${p(m)}/${p(d)}`,
    'yyyy-mm-dd': ([y, m, d]) => `${y}-${p(m)}-${p(d)}`,
    'mm-dd-yyyy': ([y, m, d]) => `${p(m)}-${p(d)}-${y}`,
    'mm.dd.yyyy': ([y, m, d]) => `${p(m)}.${p(d)}.${y}`,
  };
  const labels = ['E.O. 12958: DECL: ', 'E.O. 12958 DECL: ', 'EO 12958 DECL: ', 'E.O. 12958: DECL ', 'E.o. 12958: decl: ', 'E.O. 12958: DECL:', 'E.O.12958: DECL: ', 'E.O. 13526: DECL: ', 'E.O. 12958:DECL:', 'E.O. 12958: '];
  for (const [f, fn] of Object.entries(forms)) {
    fam('nondisclosure_deadline', f, dates.flatMap((dt) => labels.map((l) => ({ input: `${l}${fn(dt)}\nTAGS: PREL\nSUBJECT: SOMETHING\n`, expected: `${dt[0]}-${p(dt[1])}-${p(dt[2])}` }))));
  }
  fam('nondisclosure_deadline', 'none', ['E.O. 12958: N/A', 'E.O. 12958: DECL: OADR', 'E.O. 12958: DECL: X1', 'E.O. 12958: X1, X6', 'E.O. 11652: XGDS-1', 'E.O. 12958: DECL: 1.6X6', 'EO 12958: NA', 'E.O. 12958: DECL: AFTER KOREAN UNIFICATION', 'E.O. 12356: OADR', 'E.O. 12958: DECL: 25X1', 'E.O. 12958: DNG: CO 01/26/2021'].map((l) => ({ input: `${l}\nTAGS: PREL\nSUBJECT: SOMETHING\n`, expected: null })));
}

// recipients ----------------------------------------------------------------------------------------
{
  const names = ['SECSTATE WASHDC', 'AMEMBASSY PARIS', 'AMCONSUL FRANKFURT', 'USMISSION USUN NEW YORK', 'SECDEF WASHDC', 'CIA WASHDC', 'JOINT STAFF WASHDC', 'USMISSION GENEVA', 'AMEMBASSY PORT AU PRINCE', 'NSC WASHDC', 'USEU BRUSSELS', 'AMEMBASSY ABU DHABI', 'WHITE HOUSE WASHDC', 'DIA WASHINGTON DC', 'HQ USEUCOM VAIHINGEN GE'];
  const precs = ['PRIORITY', 'IMMEDIATE', 'ROUTINE', 'NIACT IMMEDIATE', 'FLASH', ''];
  const routes = ['RUEHC', 'RUEHFR', 'RUEHNY', 'RUEKJCS', 'RHEHNSC', 'RUEHGV', ''];
  const line = () => {
    const n = pick(names), p = pick(precs), r = pick(routes), s = rand() < 0.5 ? String(Math.floor(rand() * 9999)).padStart(4, '0') : '';
    return [`${r ? `${r}/` : ''}${n}${p ? ` ${p}` : ''}${s ? ` ${s}` : ''}`, n];
  };
  const to = [];
  const info = [];
  for (let k = 0; k < 120; k++) {
    const a = Array.from({ length: 1 + Math.floor(rand() * 3) }, line);
    const b = Array.from({ length: 1 + Math.floor(rand() * 3) }, line);
    const input = `P 061232Z MAR 09\nFM AMEMBASSY BAKU\nTO ${a.map((x) => x[0]).join('\n')}\nINFO ${b.map((x) => x[0]).join('\n')}\nBT\nC O N F I D E N T I A L BAKU 000123\n\nSUBJECT: SOMETHING\n\n1. (C) Text.\n`;
    to.push({ input, expected: a.map((x) => x[1]) });
    info.push({ input, expected: b.map((x) => x[1]) });
  }
  fam('recipients', 'made-up', to);
  fam('info_recipients', 'made-up', info);
}

// ---- run ----------------------------------------------------------------------------------------
let total = 0;
let failed = 0;
for (const [kind, fams] of Object.entries(families)) {
  const rows = [];
  for (const [f, list] of Object.entries(fams)) {
    let bad = 0;
    const shown = [];
    for (const v of list) {
      let ok = false;
      let c = null;
      try {
        if (kind === 'id_c14n') ok = canonicalCableId(v.input) === v.expected;
        else { c = parseLoose(v.input, v.params); ok = !!c && judges[kind](c, v.expected); }
      } catch { ok = false; }
      if (!ok) {
        bad++;
        if (show && (show === kind || show === `${kind}/${f}`) && shown.length < maxShow) {
          const g = kind === 'id_c14n' ? (() => { try { return canonicalCableId(v.input); } catch (e) { return String(e); } })() : got(kind, c);
          shown.push(`    ${JSON.stringify(v.input).slice(0, 300)}\n      expected ${JSON.stringify(v.expected)}\n      got      ${JSON.stringify(g)}`);
        }
      }
    }
    total += list.length;
    failed += bad;
    rows.push(`  ${f.padEnd(28)} ${String(list.length - bad).padStart(4)}/${String(list.length).padEnd(4)}${bad ? `  ${bad} fail` : ''}`);
    if (shown.length) rows.push(...shown);
  }
  const n = Object.values(fams).reduce((a, l) => a + l.length, 0);
  console.log(`${kind}`);
  console.log(rows.join('\n'));
  void n;
}
console.log(`variants: ${total - failed}/${total} agree (${((100 * (total - failed)) / total).toFixed(1)}%)`);
