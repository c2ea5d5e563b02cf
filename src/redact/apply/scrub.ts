/**
 * What quotes the input besides the fields — the repairs and warnings of the change log — is
 * scrubbed after the apply step: the detectors run on it too (except on what a reviewer kept), and
 * any repair or warning that still shares text with a removed value is replaced whole.
 */
import type { Cable, Repair, Warning } from '../../model/cable.js';
import { compact } from '../fingerprint.js';
import { detect } from '../detect/registry.js';
import { placeholder, rewrite } from './rewrite.js';
import type { RedactionStyle } from '../../model/redaction.js';
import type { DetectContext, RedactionCategory } from '../types.js';

/** Does `text` still share 12+ compact characters (or a whole short value) with anything removed? */
export function sharesText(text: string, removed: string[]): boolean {
  const c = compact(text);
  if (c.length === 0) return false;
  for (const plain of removed) {
    if (c.includes(plain)) return true;
    if (c.length >= 6 && windows(c, 12).some((w) => plain.includes(w))) return true;
  }
  return false;
}

function windows(s: string, n: number): string[] {
  if (s.length <= n) return [s];
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

/**
 * The body text a redacted cable still shows, for telling shared phrases (two paragraphs quoting
 * the same words) from leaks. Header lines do not count: a header that repeats a withheld subject
 * or paragraph (`Subject: …` in a mail export's header) is a leak, not a shared phrase.
 */
export function shownText(cable: Cable): string {
  const parts: Array<string | null> = [cable.subject, cable.summary, cable.signature];
  for (const p of cable.paragraphs) {
    if (p.withheld) continue;
    parts.push(p.heading, p.text, ...p.bullets.map((b) => b.text));
  }
  return parts.filter((s): s is string => !!s).join('\n');
}

export interface ScrubSettings {
  /** The categories asked for: detected in the quotes too. */
  categories: RedactionCategory[];
  context: DetectContext;
  /** Compact forms of every removed value (withheld texts whole). */
  removed: string[];
  /** Compact forms of what a reviewer kept (not detected again). */
  kept: Set<string>;
  style: RedactionStyle;
}

/** The repairs and warnings with what quotes a removed value replaced, and how many of each changed. */
export function scrubQuotes(cable: Cable, settings: ScrubSettings): { repairs: Repair[]; warnings: Warning[]; scrubbed: { repairs: number; warnings: number } } {
  const { removed, kept, style, context } = settings;
  const categories = new Set<RedactionCategory>(settings.categories.filter((c) => c !== 'source'));
  const scrubbed = { repairs: 0, warnings: 0 };
  const scrub = (t: string): string => {
    const spans = categories.size ? detect(t, categories, context).filter((s) => !kept.has(compact(t.slice(s.start, s.end)))) : [];
    const once = spans.length ? rewrite(t, spans, style).text : t;
    return sharesText(once, removed) ? placeholder('text', style) : once;
  };
  const repairs = cable.repairs.map((r) => {
    const before = scrub(r.before);
    const after = scrub(r.after);
    if (before === r.before && after === r.after) return r;
    scrubbed.repairs++;
    return { ...r, before, after };
  });
  const warnings = cable.warnings.map((w) => {
    const message = scrub(w.message);
    if (message === w.message) return w;
    scrubbed.warnings++;
    return { ...w, message };
  });
  return { repairs, warnings, scrubbed };
}
