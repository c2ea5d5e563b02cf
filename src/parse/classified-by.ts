/**
 * The Classified By line: who classified the cable and under which reasons of the executive order
 * (`PolMinCouns Scott Bellard, reasons 1.4 (b) and (d).` → `1.4(b)`, `1.4(d)`), in the many ways
 * it is written: `REASON 1.5.D.`, `1.4 B/D`, `1 .4(b)`, `1.\n4 (b/d)`, `for E.O. 12958 reasons …`.
 */

/** The section numbers of the order written with stray spaces: `1 .4`, `1. 4` → `1.4`. */
function mendSections(t: string): string {
  return t.replace(/\b1\s*\.\s*([1-8])(?=\s*[.(,/]|\s+[a-hA-H]\b|\s*$)/g, '1.$1');
}

export function readClassifiedBy(text: string): { by: string | null; reasons: string[] } {
  const t = mendSections(text.replace(/\s+/g, ' ').trim()).replace(/^Classified\s+by\s*:?\s*/i, '');
  const cut = /[,.;:]?\s*(?:\bfor\s+(?:E\.?\s?O\.?\s?\d{5}\s+)?)?\breas[o0]ns?\b\s*:?|[,;:]?\s*(?=\b1\.[1-8]\s*\(?[a-hA-H]\b)/i.exec(t);
  // The name as written up to the reasons; a stop the cut took (`ABINGTON, JR.  REASON`) stays with it for now.
  const head = cut ? t.slice(0, cut.index + (cut[0].startsWith('.') ? 1 : 0)) : t;
  const by = head
    .replace(/[,;]?\s*(?:under\s+)?E\.?\s?O\.?\s?\d{5}\s*$/i, '')
    // a closing stop goes, but not the one of `Jr.`, `Sr.` or an initial (`EDWARD G. ABINGTON, JR.`)
    .replace(/[\s,.;:]+$/, (m) => (/\b(?:JR|SR|[A-Z])$/i.test(head.replace(/[\s,.;:]+$/, '')) && m.startsWith('.') ? '.' : ''))
    .trim();
  const rest = cut ? t.slice(cut.index) : '';
  const reasons: string[] = [];
  for (const m of rest.matchAll(/\b(1\.[1-8])\.?\s*((?:[\s(),/&]*(?:and\s+)?\(?[a-hA-H]\)?(?![A-Za-z]))+)/gi)) {
    for (const l of m[2]!.matchAll(/(?<![A-Za-z])[a-hA-H](?![A-Za-z])/g)) {
      const r = `${m[1]}(${l[0].toLowerCase()})`;
      if (!reasons.includes(r)) reasons.push(r);
    }
  }
  return { by: by || null, reasons };
}
