/**
 * The Classified By line: who classified the cable and under which reasons of the executive order
 * (`PolMinCouns Scott Bellard, reasons 1.4 (b) and (d).` → `1.4(b)`, `1.4(d)`), in the many ways
 * it is written: `REASON 1.5.D.`, `1.4 B/D`, `1 .4(b)`, `1.\n4 (b/d)`, `for E.O. 12958 reasons …`,
 * the section typed `14 (b)` or `1:4 b,d`, and the letters alone (`for reasons b, d.` → `b`, `d`:
 * kept as written, no section is made up).
 */

/** The section numbers of the order written with stray spaces: `1 .4`, `1. 4` → `1.4`. */
function mendSections(t: string): string {
  return t.replace(/\b1\s*\.\s*([1-8])(?=\s*[.(,/]|\s+[a-hA-H]\b|\s*$)/g, '1.$1');
}

const LEAD = /^(?:\((?:U|C|S|SBU|TS)[^)]{0,8}\)\s*|\d{1,2}\s?\.\s*(?=[A-Za-z(])|(?:this\s+(?:message|cable|telegram)\s+(?:is\s+)?)?classi?fi?ed\s+by\b\s*:?\s*)/i;

export function readClassifiedBy(text: string): { by: string | null; reasons: string[] } {
  let t = mendSections(text.replace(/\s+/g, ' ').trim());
  // the label, and what the release or the drafter put before the name again: `(U) CLASSIFIED BY`, `1. CLASSIFIED BY`,
  // `This message classified by`, `Classfied By:`
  for (let before = ''; before !== t; ) {
    before = t;
    t = t.replace(LEAD, '');
  }
  const cut = /[,.;:]?\s*(?:\bfor\s+(?:E\.?\s?O\.?\s?\d{5}\s+)?)?\breas[o0]ns?\b\s*:?|[,;:]?\s*(?=\b1\.[1-8]\s*\(?[a-hA-H]\b)/i.exec(t);
  // The name as written up to the reasons; a stop the cut took (`ABINGTON, JR.  REASON`) stays with it for now.
  const head = cut ? t.slice(0, cut.index + (cut[0].startsWith('.') ? 1 : 0)) : t;
  const by = head
    // what leads into the reasons: `per E.O. 12958 section 1.4`, `under Section 1.4`, `FOR 1.4 (D)`, `based upon reasons`,
    // a dash or a parenthesis before them (`- Reasons 1.4`, `(1.4 b and d)`)
    .replace(/[\s(–-]+$/, '')
    .replace(/[,;]?\s*(?:\b(?:per|under|for)\s+(?:E\.?\s?O\.?\s?\d{5}\s*,?\s*)?|E\.?\s?O\.?\s?\d{5}\s*,?\s*|^)sec(?:tion|\.)\s*$/i, '')
    .replace(/[,;]?\s*(?:under\s+|per\s+)?E\.?\s?O\.?\s?\d{5}\s*,?\s*$/i, '')
    .replace(/[,;]?\s*\b(?:per|under|for|based\s+(?:on|upon)|pursuant\s+to|in\s+accordance\s+with)\s*$/i, '')
    .replace(/[\s(–-]+$/, '')
    // a closing stop goes, but not the one of `Jr.`, `Sr.` or an initial (`EDWARD G. ABINGTON, JR.`)
    .replace(/[\s,.;:]+$/, (m: string, at: number, s: string) => (/\b(?:JR|SR|[A-Z])$/i.test(s.slice(0, at)) && m.startsWith('.') ? '.' : ''))
    .trim();
  // After the reasons label: the section typed `1:4` or `14 (b)` is the order's 1.4.
  const rest = cut ? mendTypedSection(t.slice(cut.index)) : '';
  const reasons: string[] = [];
  for (const m of rest.matchAll(/\b(1\.[1-8])(?![0-9])\.?/g)) {
    for (const letter of letterList(rest.slice(m.index + m[0].length))) {
      const r = `${m[1]}(${letter})`;
      if (!reasons.includes(r)) reasons.push(r);
    }
  }
  if (!reasons.length) reasons.push(...bareLetters(rest));
  return { by: by || null, reasons };
}

/**
 * The reason letters at the start of `text`: `(b) and (d)`, `b/d`, `(b+d)`, `(b. and d.)`, `( d)`,
 * `a,b,and d`, a wrapped `an d` / `a nd`; up to the first thing that is none of these.
 */
function letterList(text: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:[(),/&+.;:]|\band\b|\bor\b|\ban\s+d\b(?=\s*\(?\s*[a-h]\b)|\ba\s+nd\b|([a-h])(?![a-z]))/giy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].trim() === '' && !m[1]) break;
    if (m[1] && !out.includes(m[1].toLowerCase())) out.push(m[1].toLowerCase());
  }
  return out;
}

/** `1:4 b,d`, `1,4 (b)`, `14 (b) and (d)`: the section 1.4 as typed (only before a reason letter). */
function mendTypedSection(rest: string): string {
  return rest.replace(/\b1\s?[:,]\s?([1-8])\b(?=\s*\(?[a-hA-H]\b)|\b1([1-8])\b(?=\s*\(?[a-hA-H]\)?(?:\s*(?:,|and|&|\/|\(|\.|$)))/gi, (_m, a?: string, b?: string) => `1.${a ?? b}`);
}

/** The reasons written as letters alone, with nothing else after the label: `reasons b, d.`, `Reasons (b) and (d)`. */
function bareLetters(rest: string): string[] {
  const m = /^[,.;:]?\s*(?:\bfor\s+)?\breas[o0]ns?\b\s*:?\s*((?:\(?[a-hA-H]\)?(?:\s*(?:,|and|&|\/|\+)\s*|\s+)?)+)\s*\.?\s*$/i.exec(rest.trim());
  if (!m) return [];
  const out: string[] = [];
  for (const l of m[1]!.matchAll(/(?<![A-Za-z])[a-hA-H](?![A-Za-z])/g)) if (!out.includes(l[0].toLowerCase())) out.push(l[0].toLowerCase());
  return out;
}
