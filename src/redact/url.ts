/**
 * URLs with or without a scheme, `<http://…>` autolinks, intranet hosts
 * (`www.state.sgov.gov/p/wha/ottawa`), and URLs a wrap broke with a space (`can ada`,
 * `Portal:Germ any.`, `index.p hp?id=1`) when the context makes the continuation certain.
 */
import { HOST } from './domain.js';
import type { DetectContext, Detector, Span } from './types.js';

const URL_CHARS = `[^\\s<>"\`{}|\\\\^\\[\\]]`;
const WITH_SCHEME = new RegExp(`\\b(?:https?|ftp|file)://${URL_CHARS}+`, 'giu');
const WITH_WWW = new RegExp(`(?<![\\w.@-])www\\d?\\.${URL_CHARS}+`, 'giu');
const BARE_HOST = new RegExp(`(?<![\\w.@/-])${HOST}(?:[/:]${URL_CHARS}*)?`, 'giu');
const TRAILING = /[.,;:!?'"’”*]$/;

function trimEnd(text: string, start: number, end: number): number {
  for (;;) {
    const s = text.slice(start, end);
    if (TRAILING.test(s)) end--;
    else if (s.endsWith(')') && count(s, '(') < count(s, ')')) end--;
    else if (s.endsWith('>') && count(s, '<') < count(s, '>')) end--;
    else return end;
  }
}
function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

const CONTINUATION_TOKEN = /^[\w\-./?=&%#~:+]+/u;
const SPACED_EXTENSION = /^\. (?:cfm|html?|shtml|php\d?|aspx?|jsp)(?![\w])/i;

/**
 * A wrap inserted a space into the URL: take the next token when the URL cannot end where it
 * does (`?`, `=`, `&`), when the token carries URL syntax (`ed_Kingdom`, `hp?yyyy=1`), or when a
 * short lowercase fragment ends the line (`can ada`, `?cable s`).
 */
function extendBrokenUrl(text: string, start: number, end: number, context: DetectContext): number {
  for (let step = 0; step < 3; step++) {
    // `…/london/index. cfm`: a space after the dot before a file extension
    const ext = SPACED_EXTENSION.exec(text.slice(end, end + 12));
    if (ext) {
      end += ext[0].length;
      continue;
    }
    if (text[end] !== ' ') return end;
    const m = CONTINUATION_TOKEN.exec(text.slice(end + 1));
    if (!m) return end;
    const token = m[0];
    const tokenEnd = trimEnd(text, end + 1, end + 1 + token.length);
    const fragment = text.slice(end + 1, tokenEnd);
    if (fragment.length === 0) return end;
    const url = text.slice(start, end);
    const after = text.slice(tokenEnd).replace(/^[.)>,;:]*/, '');
    const lineEnds =
      after.length === 0 || context.lineBreaks?.has(text.length - after.length) === true || /^ [A-Z]{3,}$/.test(after);
    const certain =
      /[=?&]$/.test(url) ||
      (/^[a-z0-9]/.test(fragment) && /[_/=?&%#~]/.test(fragment)) ||
      (/^[a-z]{1,6}$/.test(fragment) && /[a-z]$/i.test(url) && /[^/]\/[^/]/.test(url) && lineEnds);
    if (!certain) return end;
    end = tokenEnd;
  }
  return end;
}

export const detectUrls: Detector = (text, context) => {
  const spans: Span[] = [];
  // a URL has a dot followed by a letter somewhere; a scheme or `www` is needed for the first two forms
  if (!/\.[a-z]/i.test(text)) return spans;
  const forms = [...(text.includes('://') ? [WITH_SCHEME] : []), ...(/www/i.test(text) ? [WITH_WWW] : []), BARE_HOST];
  for (const re of forms) {
    for (const m of text.matchAll(re)) {
      let start = m.index;
      let end = trimEnd(text, start, start + m[0].length);
      if (end <= start) continue;
      end = extendBrokenUrl(text, start, end, context);
      if (text[start - 1] === '<' && text[end] === '>') {
        start--;
        end++;
      }
      spans.push({ category: 'url', start, end });
    }
  }
  return spans;
};
