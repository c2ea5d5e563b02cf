/**
 * URLs with or without a scheme, `<http://…>` autolinks, intranet hosts
 * (`www.state.sgov.gov/p/wha/ottawa`), and URLs a wrap broke with a space (`can ada`,
 * `Portal:Germ any.`, `index.p hp?id=1`) when the context makes the continuation certain.
 */
import { HOST } from './domain.js';
import type { DetectContext, Detector, Span } from '../types.js';

const URL_CHARS = `[^\\s<>"\`{}|\\\\^\\[\\]]`;
const WITH_SCHEME = new RegExp(`\\b(?:https?|ftp|file)://${URL_CHARS}+`, 'giu');
const WITH_WWW = new RegExp(`(?<![\\w.@-])www\\d?\\.${URL_CHARS}+`, 'giu');
const BARE_HOST = new RegExp(`(?<![\\w.@/-])${HOST}(?:[/:]${URL_CHARS}*)?`, 'giu');
const TRAILING = /[.,;:!?'"’”*]$/;
/**
 * A bare lowercase host in a country domain (`google.cn`, `oumma.fr`, `amazon.cn`): country codes
 * that are also words or abbreviations (`in`, `it`, `to`, `co`, `me`…) are left out, and a host
 * must be lowercase (`U.S.`, `ETC.DE` in capitals are not hosts).
 */
const BARE_COUNTRY_HOST =
  /(?<![\w.@/-])[a-z0-9][a-z0-9-]{1,62}(?:\.[a-z0-9-]{1,63}){0,4}\.(?!(?:in|is|it|at|be|me|to|no|so|do|go|my|am|us|as|an|or|on|of|by|he|we|co|id|ie|eg)\b)[a-z]{2}(?![\w-]|\.[a-z0-9])(?:\/[^\s<>"`{}|\\^\[\]]*)?/g;
/** A host in the release's garbled quotation marks (`&jingl.cable.nu8`: `“` became `&`, `”` became `8`). */
const GARBLED_QUOTED_HOST = /(?<=&)[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,6}(?=8(?![\w]))/g;

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
  for (let step = 0; step < 4; step++) {
    // `…/london/index. cfm`: a space after the dot before a file extension
    const ext = SPACED_EXTENSION.exec(text.slice(end, end + 12));
    if (ext) {
      end += ext[0].length;
      continue;
    }
    if (text[end] !== ' ') return end;
    const url = text.slice(start, end);
    // a URL that ends in a file name is whole (`…/hp1132.htm on Opennet`)
    if (FILE_END.test(url)) return end;
    const m = CONTINUATION_TOKEN.exec(text.slice(end + 1));
    if (!m) return end;
    const token = m[0];
    const tokenEnd = trimEnd(text, end + 1, end + 1 + token.length);
    const fragment = text.slice(end + 1, tokenEnd);
    if (fragment.length === 0) return end;
    const after = text.slice(tokenEnd).replace(/^[.)>,;:]*/, '');
    const lineEnds =
      after.length === 0 ||
      context.lineBreaks?.has(text.length - after.length) === true ||
      /^ [A-Z]{3,}$/.test(after) ||
      // `Portal:Crisis_Geor gia .`: only a spaced stop after it
      /^\s[.,;:)]*\s*$/.test(after);
    const upper = url === url.toUpperCase();
    const certain =
      /[=?&]$/.test(url) ||
      (/^[a-z0-9]/.test(fragment) && /[_/=?&%#~]/.test(fragment)) ||
      // `…/2008 /estrategia`: a token that starts a path segment
      (fragment.startsWith('/') && /[^/]\/[^/]/.test(url)) ||
      ((upper ? /^[A-Z]{1,6}$/ : /^[a-z]{1,6}$/).test(fragment) && /[a-z]$/i.test(url) && /[^/]\/[^/]/.test(url) && lineEnds) ||
      // `…/memberstatesrep orts.shtml`, `…/ind ex.cfm`, `…/estrategia defesa nacional.pdf`: a file name ahead, only lowercase words before it
      fileAhead(text, end) > end;
    if (!certain) return end;
    const ahead = fileAhead(text, end);
    end = ahead > tokenEnd ? ahead : tokenEnd;
  }
  return end;
}

/** A path that ends in a file name: the URL is whole. */
const FILE_END = /[^/]\/.*\.(?:s?html?|cfm|php\d?|aspx?|jsp|pdf|docx?|xlsx?|pptx?|txt|xml)$/i;
/** Up to three short lowercase words and then one ending in a file extension: `ex.cfm`, `orts.shtml`, `defesa nacional.pdf`. */
const FILE_AHEAD = /^(?: [a-z0-9_-]{1,12}){0,3}? [a-z0-9_-]{0,40}\.(?:s?html?|cfm|php\d?|aspx?|jsp|pdf|docx?|xlsx?|pptx?|txt|xml)(?![\w])/;

/** Where a file name the wrap split off ends (after `end`), or `end` when none follows. */
function fileAhead(text: string, end: number): number {
  if (!/[^/]\/[^/]/.test(text.slice(Math.max(0, end - 200), end))) return end;
  const m = FILE_AHEAD.exec(text.slice(end, end + 120));
  return m ? end + m[0].length : end;
}

export const detectUrls: Detector = (text, context) => {
  const spans: Span[] = [];
  // a URL has a dot followed by a letter somewhere; a scheme or `www` is needed for the first two forms
  if (!/\.[a-z]/i.test(text)) return spans;
  const forms = [...(text.includes('://') ? [WITH_SCHEME] : []), ...(/www/i.test(text) ? [WITH_WWW] : []), BARE_HOST, BARE_COUNTRY_HOST, ...(text.includes('&') ? [GARBLED_QUOTED_HOST] : [])];
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
