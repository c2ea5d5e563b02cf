/**
 * The cable's summary: what stands between a summary mark (`SUMMARY:`, `Summary.`, `Summary and
 * Comment:`, `BEGIN SUMMARY`, a `SUMMARY` heading) and `END SUMMARY`, across paragraphs and bullets,
 * without paragraph numbers and markings. The text stays in the paragraphs; this is a copy.
 */
import type { Paragraph } from '../../model/cable.js';

interface Unit {
  heading: boolean;
  text: string;
}

const COMPANIONS = '(?:COMMENTS?|ACTION\\s+REQUESTS?|INTRODUCTION|RECOMMENDATIONS?|CONCLUSIONS?|TABLE\\s+OF\\s+CONTENTS|ANALYSIS|BACKGROUND|OBJECTIVES?|OUTLOOK|ASSESSMENT|HIGHLIGHTS|KEY\\s+POINTS)';
/** The summary and what it is written with, either way round: `Summary and Comment`, `Introduction and summary`, `Comment/Summary`. */
const MARK = `(?:${COMPANIONS}\\s*(?:AND|&|/)\\s*)?SUMM?ARY(?:\\s*(?:AND|&|/)\\s*${COMPANIONS})?`;
/** A summary mark at the start of a paragraph: `Summary:`, `SUMMARY AND COMMENT:`, `Summary/Comment:`, `BEGIN SUMMARY`. */
const START = new RegExp(`^(?:BEGIN\\s+)?${MARK}\\s*(?:[:.;-]+\\s*|\\s+(?=\\S)|$)`, 'i');
/** A summary heading alone: `SUMMARY`, `Summary =======`, `------- SUMMARY -------`, `SUMMARY AND OBJECTIVES`. */
const HEADING = new RegExp(`^[-=\\s]*(?:BEGIN\\s+)?${MARK}[\\s:.=-]*$`, 'i');
/** `End Summary.`, `END OF SUMMARY`, `(End Summary)`, `End Summary and Comment.`, `END COMMENT AND SUMMARY.` */
const END = new RegExp(`(?:\\(\\s*)?\\bEND\\s+(?:OF\\s+)?${MARK}\\s*\\.?\\s*\\)?`, 'i');

function unitsOf(paragraphs: Paragraph[]): Unit[] {
  const units: Unit[] = [];
  for (const p of paragraphs) {
    if (p.withheld) continue;
    if (p.heading) units.push({ heading: true, text: p.heading });
    if (p.text) units.push({ heading: false, text: p.text });
    for (const b of p.bullets) units.push({ heading: false, text: `-- ${b.text}` });
  }
  return units;
}

export function readSummary(paragraphs: Paragraph[]): string | null {
  // Most cables name their summary in the first paragraphs; the units are only built when one might.
  if (!paragraphs.slice(0, 8).some((p) => /summ?ary/i.test(p.heading ?? '') || /summ?ary/i.test(p.text))) return null;
  const units = unitsOf(paragraphs);
  let start = -1;
  let offset = 0;
  for (let i = 0; i < units.length && start < 0; i++) {
    const u = units[i]!;
    if (HEADING.test(u.text)) {
      start = i + 1;
      offset = 0;
    } else if (!u.heading) {
      const m = START.exec(u.text);
      // `Summary statement`, `Summary of …` are not marks: a mark ends in punctuation or stands alone.
      if (m && (/[:.;-]\s*$/.test(m[0]) || m[0].trim() === u.text.trim() || /^BEGIN\s/i.test(m[0]))) {
        start = i;
        offset = m[0].length;
      }
    }
    if (i >= 6 && start < 0) break;
  }
  let endUnit = -1;
  let endAt = 0;
  for (let i = Math.max(start, 0); i < units.length; i++) {
    const from = i === start ? offset : 0;
    if (!/summ?ary/i.test(units[i]!.text)) continue;
    const m = END.exec(units[i]!.text.slice(from));
    if (m) {
      endUnit = i;
      endAt = from + m.index!;
      break;
    }
  }
  if (start < 0) {
    // `End Summary` with no mark before it: the summary is the text before it, from the start of the body.
    if (endUnit < 0 || endUnit > 4) return null;
    start = units.findIndex((u) => !u.heading);
    offset = 0;
    if (start < 0 || start > endUnit) return null;
  }
  const parts: string[] = [];
  const last = endUnit >= 0 ? endUnit : start;
  for (let i = start; i <= last && i < units.length; i++) {
    const u = units[i]!;
    let text = u.text;
    if (i === endUnit) text = text.slice(0, endAt);
    if (i === start) text = text.slice(i === endUnit ? Math.min(offset, endAt) : offset);
    if (u.heading && i !== start) continue;
    text = text.trim();
    if (text) parts.push(text);
  }
  // `SUMMARY: (C) President Karzai …`: a portion marking after the mark is no part of the text.
  const summary = parts.join('\n').trim().replace(/^\((?:U|SBU|C|S|TS)(?:\/\/?[A-Z ]{1,12})?\)\s*/, '');
  return summary || null;
}
