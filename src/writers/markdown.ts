/** Markdown: the metadata as a table, headings as `##`, paragraphs with bold numbers, bullets as lists. */
import type { Cable } from '../model/cable.js';
import { bannerText } from '../model/banner.js';
import { markingText } from './text.js';
import { showSourceRedactions } from '../model/source-redactions.js';

function esc(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

export function formatMarkdown(read: Cable): string {
  // the source's runs of X shown as marks, never as words
  const cable = showSourceRedactions(read);
  const out: string[] = [];
  out.push(`# ${esc(cable.subject ?? cable.id)}`, '');
  out.push(`**${bannerText(cable.classification)}**`, '');
  const rows: Array<[string, string]> = [
    ['Reference', cable.id],
    ['Date', cable.date ?? ''],
    ['Origin', cable.origin ?? ''],
    ['From', cable.from ?? ''],
    ['To', cable.to.map((r) => r.name).join('; ')],
    ['Info', cable.info.map((r) => r.name).join('; ')],
    ['Precedence', cable.precedence ?? ''],
    ['Tags', cable.tags.join(', ')],
    ['References', cable.references.map((r) => (r.label ? `${r.label}. ${r.text}` : r.text)).join('; ')],
    ['Classified by', [cable.classifiedBy, cable.reasons.join(', ')].filter(Boolean).join(' — ')],
    ['Declassify', cable.declassify ?? ''],
  ];
  out.push('| Field | Value |', '| --- | --- |');
  for (const [k, v] of rows) if (v) out.push(`| ${k} | ${esc(v)} |`);
  out.push('');
  if (cable.redaction) out.push(`*${esc(cable.redaction.notice)}*`, '');
  if (cable.partial) out.push('*Partial extract: the full text of the original cable is not available.*', '');
  for (const p of cable.paragraphs) {
    if (p.heading !== null) out.push(`## ${esc(p.heading)}`, '');
    const num = p.number !== null ? `**${p.number}.** ` : '';
    if (p.withheld) {
      out.push(`${num}*[Paragraph withheld — ${p.withheld.level}]*`, '');
      continue;
    }
    const paras = p.text.split('\n\n');
    if (p.text || num || p.marking) out.push(`${num}${esc(markingText(p))}${esc(paras[0]!).replace(/\n/g, '  \n')}`, '');
    for (const extra of paras.slice(1)) out.push(esc(extra).replace(/\n/g, '  \n'), '');
    for (const b of p.bullets) out.push(`- ${esc(b.text)}`);
    if (p.bullets.length) out.push('');
  }
  if (cable.signature) out.push(`*${esc(cable.signature)}*`, '');
  if (cable.footer.length) out.push('---', '', ...cable.footer.map((f) => `> ${esc(f)}`), '');
  return out.join('\n');
}
