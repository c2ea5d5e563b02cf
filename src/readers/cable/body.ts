/**
 * The body: from the first line after the header to the end. Removes section markers and
 * repeated handling lines, groups lines into blocks, finds the signature and footer, then
 * builds numbered paragraphs with their markings, bullets and headings, re-joining
 * paragraphs that markers or stray blank lines split.
 */
import type { Bullet, Paragraph, PortionMarking } from '../../model/cable.js';
import type { Line } from '../../normalize/lines.js';
import type { ChangeLog } from '../../normalize/log.js';
import { resolveNumbering, type NumberCandidate } from '../../normalize/numbering.js';
import { isPortionMarking, parsePortionMarking } from './classification.js';
import { isSectionMarker, splitPageHeader } from './markers.js';
import { PARAGRAPH_START } from './header.js';

export interface Body {
  paragraphs: Paragraph[];
  signature: string | null;
  footer: string[];
}

interface Block {
  lines: Line[];
  /** A section marker stood right before this block. */
  afterMarker: boolean;
}

const RULE = /^\s*(?:-{3,}(?:\s+-+)*|(?:-\s){3,}-?|={3,})\s*$/;
const INLINE_RULED = /^\s*-{3,}\s*(.+?)\s*-{3,}\s*$/;
const BULLET = /^\s*(?:--+\s?(?=\S)|[-–•]\s+(?=\S)|–(?=\S))/;
const TRAILER = /^(?:NNNN?|Nnnn?|BT|GP-\d|EXEMPT|MINIMIZE CONSIDERED\.?|>+|[*\s]{5,}|\.+|CONFIDENTIAL|SECRET|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)$/;
/** What ends a text or a quoted part before a signer glued to it: `END COMMENT`, `END TALKING POINTS.`, `UNQUOTE`. */
const END_MARK = /(?:\bEND\s+(?:OF\s+)?(?:COMMENT|TEXT|TALKING\s+POINTS|QUOTE|NOTE|FYI|MESSAGE|CABLE|POINTS|NONPAPER)|MINIMIZE CONSIDERED|\bUNQUOTE)\.?$/i;
/** A name in mixed case: `Smith`, `LeBaron`, `McMullen`, `O'Neill`, `DiCarlo`. */
const MIXED_NAME = String.raw`[A-Z](?:[a-z]{1,3}[A-Z]|['’][A-Z])?[a-z]{2,}`;
const NOT_NAMES = new Set([
  'END', 'SUMMARY', 'COMMENT', 'NOTE', 'BACKGROUND', 'CONCLUSION', 'SIPDIS', 'NOFORN', 'CONFIDENTIAL',
  'SECRET', 'UNCLASSIFIED', 'UNCLAS', 'SENSITIVE', 'QTE', 'UNQTE', 'REGARDS', 'THANKS', 'NNNN', 'NNN',
  'BT', 'EXEMPT', 'ACTION', 'REQUEST', 'ANNEX', 'TEXT', 'PARTICIPANTS', 'ENDS', 'BEGIN', 'MINIMIZE', 'CONSIDERED',
  'LIMITED', 'OFFICIAL', 'USE', 'THE', 'IN', 'OF', 'AND', 'TO', 'FOR', 'AT', 'ON', 'BY', 'WITH', 'FROM', 'THIS', 'THAT',
]);

export function readBody(lines: Line[], handling: string[], log: ChangeLog): Body {
  const blocks = toBlocks(lines, handling, log);
  const { signature, footer } = takeTail(blocks, log);
  const paragraphs = splitInlineParagraphs(buildParagraphs(blocks, log), log);
  return { paragraphs, signature, footer };
}

function toBlocks(lines: Line[], handling: string[], log: ChangeLog): Block[] {
  const blocks: Block[] = [];
  let cur: Line[] = [];
  let marker = false;
  const flush = (afterNext: boolean) => {
    if (cur.length) blocks.push({ lines: cur, afterMarker: marker });
    cur = [];
    marker = afterNext;
  };
  const handlingSet = new Set(handling.map((h) => h.toUpperCase()));
  // Lengths first: most lines repeat no handling line, and upper-casing each one is the cost.
  const handlingLengths = new Set(handling.map((h) => h.length));
  for (const line of lines) {
    const t = line.text.trim();
    if (!t) {
      if (cur.length) {
        blocks.push({ lines: cur, afterMarker: marker });
        cur = [];
        marker = false;
      }
      continue;
    }
    if (isSectionMarker(t)) {
      log.repair('section-marker', line.no, t, '');
      flush(true);
      continue;
    }
    const page = splitPageHeader(t);
    if (page) {
      log.repair('section-marker', line.no, page.marker, '');
      flush(true);
      cur.push({ ...line, text: page.rest });
      continue;
    }
    if ((t[0] === 'S' || t[0] === 's') && /^SIPDIS$/i.test(t)) {
      log.repair('sipdis', line.no, t, '');
      continue;
    }
    if (t[0] === 'S' && /^SIPDIS\s+\S/.test(t)) {
      log.repair('sipdis', line.no, 'SIPDIS', '');
      cur.push({ ...line, text: t.replace(/^SIPDIS\s+/, '') });
      continue;
    }
    if (handlingSet.size && t.length < 200 && handlingLengths.has(t.length) && handlingSet.has(t.toUpperCase())) {
      log.repair('handling-repeat', line.no, t, '');
      continue;
    }
    const c = t[0];
    if (((c === 'C' || c === 'S' || c === 'U') && t.includes('PTQ') && /^\s*(?:CONFIDENTIAL|SECRET|UNCLASSIFIED)\s+PTQ\d+\s*$/.test(t)) || (c === '-' && t.startsWith('-----') && /^-{5,}[A-Z0-9]+\s+\d{6}Z/.test(t))) {
      log.repair('section-marker', line.no, t, '');
      flush(true);
      continue;
    }
    cur.push(line);
  }
  if (cur.length) blocks.push({ lines: cur, afterMarker: marker });
  return blocks;
}

/** A signature line as written, without the release's `##` residue and stray dots. */
function signatureText(t: string): string {
  return t.trim().replace(/#+$/, '').replace(/^\.+/, '').replace(/\.$/, '').trim();
}

/** `Timken jr`: a mixed-case name with its suffix. */
const NAME_WITH_SUFFIX = new RegExp(String.raw`^(?:${MIXED_NAME}|[A-Z][A-Z'’-]{2,})\s+(?:jr|Jr|JR)\.?$`);
/** `Tuttle Tuttle`: the release doubled it (ownSigner keeps one). */
const DOUBLED_NAME = new RegExp(String.raw`^(${MIXED_NAME}) \1$`);

function isNameLike(t: string): boolean {
  const s = signatureText(t);
  if (NAME_WITH_SUFFIX.test(s) || DOUBLED_NAME.test(s)) return true;
  if (!/^[A-Z][A-Za-z'’-]{1,24}(?: [A-Z][A-Za-z'’-]{1,24}){0,2}$/.test(s)) return false;
  // a publisher's redaction (`XXXXXXXXXXXX`) is no name
  if (/^X{3,}$/.test(s)) return false;
  const words = s.split(' ');
  if (words.some((w) => NOT_NAMES.has(w.toUpperCase()))) return false;
  if (s === s.toUpperCase()) return s.replace(/[^A-Z]/g, '').length >= 3;
  return words.length === 1 && /[a-z]/.test(s);
}

/**
 * A single lower-case name on the last line (`jones`, `curran`) after a finished sentence, an end
 * mark, a trailer or a first name (`Best, / Jeff / clinton`): the signer typed in lower case.
 */
/** A line ending in a first name (`Jeff`, `Best, Jeff`). */
const LAST_NAME_WORD = new RegExp(String.raw`(?:^|[\s,])${MIXED_NAME}$`);
function isLowerSigner(t: string, before: string | undefined): boolean {
  if (!/^[a-z][a-z'’-]{2,19}$/.test(t) || NOT_NAMES.has(t.toUpperCase()) || /^(?:cfm|html?|aspx?|php|gov|org|com|net)$/.test(t)) return false;
  if (before === undefined) return false;
  const b = before.trim();
  if (/https?:|www\./i.test(b)) return false;
  return /[.!?"”)]$/.test(b) || END_MARK.test(b) || TRAILER.test(b) || LAST_NAME_WORD.test(b);
}

function isFooterLine(t: string): boolean {
  const s = t.trim();
  return (
    TRAILER.test(s) ||
    /^["“]?Visit\b.{0,80}(?:web ?site|forum|page|portal|intellipedia|wiki|\bat\b)/i.test(s) ||
    /^For more reporting\b.{0,60}\bvisit:?$/i.test(s) ||
    /^\(?(?:https?:\/\/|www\.)\S*(?:\s\S+)?\)?$/.test(s) ||
    /access this site|SIPRNET website/i.test(s) ||
    /^Declassified\/Released|^Systematic Review \d/i.test(s)
  );
}

/**
 * The line without its last word when that word is an upper-case name (`…restructuring. .FARRAR`):
 * `[line, before, NAME]`. Found from the line's end, so a long line costs its length once.
 */
function finalName(t: string): [string, string, string] | null {
  const m = /\s+\.?([A-Z][A-Z'-]{2,})$/.exec(t);
  return m && m.index > 0 ? [t, t.slice(0, m.index), m[1]!] : null;
}

/** The last word of a footer line when it is a name in either case (`…/index. cfm Tuttle`). */
const FOOTER_NAME = new RegExp(String.raw`\s+\.?([A-Z][A-Z'-]{2,}|${MIXED_NAME})$`);
function footerName(t: string): [string, string, string] | null {
  const m = FOOTER_NAME.exec(t);
  return m && m.index > 0 ? [t, t.slice(0, m.index), m[1]!] : null;
}

/** `…restructuring. .FARRAR`, `END COMMENT EIKENBERRY`, `…/p/wha/ottawa LEBARON`: a name glued after a sentence, a comment's end or a path. */
function gluedSigner(t: string): [string, string, string] | null {
  const found = finalName(t);
  if (!found) return null;
  const before = found[1];
  if (/[.!?"”)]$/.test(before) || END_MARK.test(before)) return found;
  // the last word before the name holds a `/` after its first character (`\S+\/\S*`)
  let i = before.length;
  while (i > 0 && !/\s/.test(before[i - 1]!)) i--;
  return before.indexOf('/', i + 1) > i ? found : null;
}

/**
 * `…as the meeting ended. Clinton`: a sentence (with a lower-case letter in it) ending in `.!?"”`,
 * then one mixed-case name at the end of the line. Searched from the line's end: a pattern
 * anchored at its start (`^(.*[a-z].*[.!?"”])\s+…$`) took seconds on a long last line.
 */
const MIXED_SIGNER = new RegExp(String.raw`[.!?"”]\s+(${MIXED_NAME})$`);
function mixedCaseSigner(t: string): [string, string, string] | null {
  const m = MIXED_SIGNER.exec(t);
  if (!m) return null;
  const sentence = t.slice(0, m.index + 1);
  return /[a-z]/.test(sentence) || END_MARK.test(sentence) ? [t, sentence, m[1]!] : null;
}

/** Finds the signature and the boilerplate after the body, and removes them from the blocks. */
function takeTail(blocks: Block[], log: ChangeLog): { signature: string | null; footer: string[] } {
  const footer: string[] = [];
  const late: string[] = [];
  let signature: string | null = null;
  splitTailArtifacts(blocks, late, log);
  // 1. A name-like line among the last lines: everything after it is footer.
  let scanned = 0;
  let lastText: string | null = null;
  outer: for (let b = blocks.length - 1; b >= 0 && scanned < 8; b--) {
    const block = blocks[b]!;
    for (let l = block.lines.length - 1; l >= 0 && scanned < 8; l--, scanned++) {
      const t = block.lines[l]!.text.trim();
      const before = l > 0 ? block.lines[l - 1]!.text : b > 0 ? blocks[b - 1]!.lines[blocks[b - 1]!.lines.length - 1]!.text : undefined;
      // `…TRINIDAD'S` / `ASSISTANCE.`: the last word of a wrapped sentence is no signer
      const wrapped = l > 0 && /\.$/.test(t) && /[A-Za-z,'’]$/.test(block.lines[l - 1]!.text.trim());
      const lower = lastText === null && isLowerSigner(t, before);
      if (((isNameLike(t) && !wrapped) || lower) && (l > 0 || b > 0)) {
        signature = signatureText(t);
        if (signature !== t.replace(/^\.+/, '').replace(/\.$/, '')) log.repair('signature-residue', block.lines[l]!.no, t, signature);
        const after = block.lines.splice(l).slice(1).map((x) => x.text.trim());
        const later = blocks.splice(b + 1).flatMap((x) => x.lines.map((y) => y.text.trim()));
        footer.push(...after, ...later);
        if (!block.lines.length) blocks.splice(b, 1);
        signature = ownSigner(signature, blocks, block.lines[l - 1]?.no ?? block.lines[0]?.no ?? 0, log);
        break outer;
      }
      if (!isFooterLine(t) && t.length > 60) break outer;
      if (!isFooterLine(t) && t) lastText ??= t;
    }
  }
  // 2. Footer-like lines at the end of what is left (Visit … at <url>, trailers).
  const head: string[] = [];
  for (let b = blocks.length - 1; b >= 0; b--) {
    const block = blocks[b]!;
    const visitLine = block.lines.findIndex((x) => /^["“]?Visit\b|^For more reporting\b|\bvisit:\s*$/i.test(x.text.trim()));
    let visitAt = visitLine;
    while (visitAt > 0 && TRAILER.test(block.lines[visitAt - 1]!.text.trim())) visitAt--;
    const all = block.lines.every((x) => isFooterLine(x.text));
    if (all || (visitLine >= 0 && block.lines.slice(visitLine + 1).every((x) => isFooterLine(x.text) || /^\S+$/.test(x.text.trim())))) {
      const from = all ? 0 : visitAt;
      head.unshift(...block.lines.slice(from).map((x) => x.text.trim()));
      block.lines.splice(from);
      if (!block.lines.length) blocks.splice(b, 1);
      if (from > 0) break;
      continue;
    }
    break;
  }
  // trailers ending the last block under its text (`…developments. TUTTLE` / `.`, `… RICE` / `NNNN`)
  const lastBlock = blocks[blocks.length - 1];
  while (lastBlock && lastBlock.lines.length > 1 && TRAILER.test(lastBlock.lines[lastBlock.lines.length - 1]!.text.trim())) {
    head.unshift(lastBlock.lines.pop()!.text.trim());
  }
  footer.unshift(...head);
  // 3. A signature glued to the last line: `…restructuring. .FARRAR`, `END COMMENT EIKENBERRY`, `…Website: http://… LEBARON`.
  if (!signature && footer.length) {
    // the last footer line that is no trailer: `Visit …: http://…/index. cfm Tuttle`, then `NNNN`
    let k = footer.length - 1;
    while (k > 0 && TRAILER.test(footer[k]!.trim())) k--;
    const lastFooter = footer[k]!;
    const last = footerName(lastFooter);
    const m = last && /(?:https?:\/\/|www\.)\S*(?:\s\S+)?$/.test(last[1]) ? last : null;
    if (m && !NOT_NAMES.has(m[2]!.toUpperCase())) {
      footer[k] = m[1]!;
      signature = m[2]!;
      log.repair('signature-split', 0, lastFooter, `${m[1]} / ${m[2]}`);
    } else if (k === footer.length - 1 && isLowerSigner(lastFooter.trim(), footer[k - 1])) {
      // `Visit Kuwait's Classified Website: …` / `*****` / `jones`
      signature = footer.pop()!.trim();
    }
  }
  if (!signature && blocks.length) {
    const block = blocks[blocks.length - 1]!;
    const line = block.lines[block.lines.length - 1]!;
    const m = gluedSigner(line.text.trim());
    const text = block.lines.map((l) => l.text).join(' ');
    const mixed = m ? null : mixedCaseSigner(line.text.trim());
    if (mixed && !NOT_NAMES.has(mixed[2]!.toUpperCase())) {
      log.repair('signature-split', line.no, line.text.trim(), `${mixed[1]} / ${mixed[2]}`);
      line.text = mixed[1]!;
      signature = mixed[2]!;
    } else if (m && !NOT_NAMES.has(m[2]!) && (/[a-z]{3}/.test(text) || END_MARK.test(m[1]!))) {
      log.repair('signature-split', line.no, line.text.trim(), `${m[1]} / ${m[2]}`);
      line.text = m[1]!;
      signature = m[2]!;
    }
  }
  footer.push(...late);
  for (const f of footer) if (f) log.repair('footer', 0, f, '(footer)');
  return { signature, footer: footer.filter((f) => f !== '') };
}

/**
 * What the release left on the last line after the text and its signer, moved to the footer before
 * the signer is looked for: a date after the name (`SOBEL 2008-01-08`), and a `Visit …'s Classified
 * Website` line run into the last sentence (`…itself. Visit London’s Classified Website: http://… TUTTLE`).
 */
function splitTailArtifacts(blocks: Block[], late: string[], log: ChangeLog): void {
  const block = blocks[blocks.length - 1];
  const line = block?.lines[block.lines.length - 1];
  if (!line) return;
  const t = line.text.trim();
  const dated = /^(.*[A-Za-z])\s+(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (dated && /[A-Z][A-Za-z'’-]+$/.test(dated[1]!)) {
    log.repair('signature-date', line.no, t, `${dated[1]} / ${dated[2]}`);
    line.text = dated[1]!;
    late.push(dated[2]!);
    return;
  }
  const visit = /^(.*?[.!?"”])\s+(["“]?Visit\s+\S+\s+Classified\s+Web\s?site\b.*)$/i.exec(t);
  if (visit && t.length - visit[2]!.length > 20) {
    log.repair('footer-split', line.no, t, `${visit[1]} / ${visit[2]}`);
    line.text = visit[1]!;
    block!.lines.push({ ...line, text: visit[2]! });
  }
}

/**
 * The signer as the release doubled it (`KUBISKE KUBISKE`) is one name; a quoted cable's signer before
 * `UNQUOTE` (`CLINTON UNQUOTE CLINTON`) stays in the text, before the cable's own.
 */
function ownSigner(signature: string, blocks: Block[], no: number, log: ChangeLog): string {
  const twice = /^(\S+(?: \S+)?) \1$/.exec(signature);
  if (twice) {
    log.repair('signature-repeat', no, signature, twice[1]!);
    return twice[1]!;
  }
  const quoted = /^(.+?\s+UNQUOTE)\s+(\S.*)$/.exec(signature);
  if (quoted) {
    const block = blocks[blocks.length - 1];
    const line = { ...(block?.lines[block.lines.length - 1] ?? { no, text: '', marker: false }), text: quoted[1]! } as Line;
    if (block) block.lines.push(line);
    else blocks.push({ lines: [line], afterMarker: false });
    return quoted[2]!;
  }
  return signature;
}

/**
 * A unit of the body as lines are gathered into it. `tail` is the last line appended to `text`
 * (absent while `text` is its first line): what the next line's join looks at, so that a long
 * paragraph is not copied whole for every line added to it. Every unit has every field (those
 * its type does not use hold their defaults): one shape, so the code that reads units stays
 * monomorphic.
 */
interface Segment {
  type: 'start' | 'bullet' | 'text' | 'heading';
  line: Line;
  text: string;
  tail: string | undefined;
  /** `start`: the digits as written. */
  raw: string;
  /** `start`: an explicit paragraph marker stood before the number. */
  explicit: boolean;
  /** `start`, `text`: a section marker stood right before the unit's block. */
  afterMarker: boolean;
  /** `text`: the block keeps its line breaks. */
  keepLines: boolean;
  /** `text`: the unit begins its block. */
  blockStart: boolean;
}

function segment(type: Segment['type'], line: Line, text: string, raw = '', explicit = false, afterMarker = false, keepLines = false, blockStart = false): Segment {
  return { type, line, text, tail: undefined, raw, explicit, afterMarker, keepLines, blockStart };
}

/** Lines that should keep their breaks: aligned columns, label lists, short table rows. */
function keepsLines(lines: Line[]): boolean {
  if (lines.length < 2) return false;
  // Counted until the answer is known; the tests read the line as trimmed (`:\s+\S` is `:\s` before its end).
  const need = Math.ceil(lines.length / 2);
  let aligned = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if ((t.includes('   ') && /\S {3,}\S/.test(t)) || (t.includes(':') && /^\s*[A-Z][A-Za-z. ]{1,20}:\s+\S/.test(t))) {
      if (++aligned >= need) return true;
    } else if (aligned + (lines.length - i - 1) < need) return false;
  }
  return false;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'vs', 'vs.', 'from', 'over', 'into', 'about', 'de', 'la', 'del', 'al']);

function isHeadingLike(t: string): boolean {
  const s = t.trim();
  if (s.length > 90 || s.length < 2 || !/[A-Za-z]/.test(s)) return false;
  if (/[.,;]$/.test(s) && !/\b(?:[A-Z]\.)+$/.test(s) && !/\w\.{3}$/.test(s)) return false;
  if (PARAGRAPH_START.test(s) || BULLET.test(s)) return false;
  if (/@|https?:|www\.|\d{3}[-.)\s]\s?\d{3,4}/.test(s)) return false;
  if (/^(?:#{1,6}\s)/.test(s)) return true;
  const words = s.replace(/^\([^)]*\)\s*/, '').split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
  if (!words.length || words.length > 12) return false;
  const capitalised = words.filter((w) => /^["“'(]?[A-Z0-9]/.test(w) || SMALL_WORDS.has(w.toLowerCase()) || /^[a-z]+\.{2,}/.test(w)).length;
  if (!/^["“'(]?[A-Z0-9(]/.test(s)) return false;
  // Short sentence-case headings: `Who are we dealing with?`, `Comment`.
  if (words.length <= 6 && !/[.,;]$/.test(s)) return true;
  return capitalised >= Math.ceil(words.length * 0.6);
}

function segmentBlocks(blocks: Block[], log: ChangeLog): Segment[] {
  const segs: Segment[] = [];
  for (const block of blocks) {
    const keep = keepsLines(block.lines);
    let first = true;
    for (let i = 0; i < block.lines.length; i++) {
      const line = block.lines[i]!;
      const t = line.text.trim();
      // Each form below begins with its own character: the regexes run only where it stands.
      const c = t[0];
      const dash = c === '-' || c === '=';
      if (dash && RULE.test(t)) {
        const prev = segs[segs.length - 1];
        if (prev && prev.type === 'text' && !prev.text.includes('\n') && prev.text.length <= 120 && !BULLET.test(prev.text) && !isTopRule(block.lines, i) && !/^[a-z]/.test(prev.text)) {
          segs[segs.length - 1] = segment('heading', prev.line, prev.text);
        }
        log.repair('heading-rule', line.no, t, '');
        first = true;
        continue;
      }
      const ruled = c === '-' ? INLINE_RULED.exec(t) : null;
      if (ruled) {
        segs.push(segment('heading', line, ruled[1]!.replace(/:$/, '')));
        log.repair('heading-rule', line.no, t, ruled[1]!);
        first = true;
        continue;
      }
      const glued = c === 'X' || c === 'x' ? /^(X{6,})-{4,}$/i.exec(t) : null;
      if (glued) {
        segs.push(segment('heading', line, glued[1]!));
        log.repair('heading-rule', line.no, t, glued[1]!);
        first = true;
        continue;
      }
      const md = c === '#' ? /^#{1,6}\s+(.+)$/.exec(t) : null;
      if (md) {
        segs.push(segment('heading', line, md[1]!));
        log.repair('markdown-heading', line.no, t, md[1]!);
        first = true;
        continue;
      }
      const start = c !== undefined && c >= '0' && c <= '9' ? PARAGRAPH_START.exec(t) : null;
      // A number with its portion marking (`3.(C) Kerry said …`) starts a paragraph at a line start after a
      // finished sentence, even with no blank line before it; the sequence decides (numbering.ts).
      const before = segs[segs.length - 1];
      if (start && (first || line.marker || ((before?.type === 'text' || before?.type === 'start') && isPortionMarking(t.slice(start[0].length).trim()) && endsSentence(before.text)))) {
        segs.push(segment('start', line, t, start[1]!, !!line.marker, first && block.afterMarker));
        first = false;
        continue;
      }
      if ((dash || c === '–' || c === '•') && BULLET.test(t) && !/^-\d/.test(t)) {
        segs.push(segment('bullet', line, t.replace(BULLET, '').trim()));
        first = false;
        continue;
      }
      const prev = segs[segs.length - 1];
      const underlined = i + 1 < block.lines.length && mayBeRule(block.lines[i + 1]!.text) && RULE.test(block.lines[i + 1]!.text) && !isTopRule(block.lines, i + 1) && t.length <= 120 && !/^[a-z]/.test(t);
      // A marked line after a finished sentence starts a new unit (`(U) Al-Haramain Foundation`).
      const markedStart = !first && prev && prev.type !== 'heading' && isPortionMarking(t) && endsSentence(prev.text);
      if (markedStart) {
        segs.push(segment('text', line, t, '', false, false, keep, true));
        continue;
      }
      if (!first && prev && prev.type !== 'heading' && !underlined) {
        appendLine(prev, t, keep, line, log);
        continue;
      }
      segs.push(segment('text', line, t, '', false, first && block.afterMarker, keep, first));
      first = false;
    }
  }
  // A one-line text block that stands alone and looks like a heading is a heading.
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.type === 'text' && s.blockStart && !s.text.includes('\n') && isHeadingLike(s.text) && !/^[a-z]/.test(s.text)) {
      const next = segs[i + 1];
      // a heading heads something: the last line of the body is none
      const alone = !!next && (next.type !== 'text' || next.blockStart);
      const prev = segs[i - 1];
      const prevOpen = prev && (prev.type === 'start' || prev.type === 'text' || prev.type === 'bullet') && !endsSentence(prev.text);
      if (alone && !prevOpen && !isPortionOnlyText(s.text)) segs[i] = segment('heading', s.line, s.text);
    }
  }
  return segs;
}

/** Could the line be a rule (its first character other than a space is `-` or `=`)? */
function mayBeRule(text: string): boolean {
  const c = text.trimStart()[0];
  return c === '-' || c === '=';
}

/** A rule with a short line and another rule after it is the top rule of the next heading. */
function isTopRule(lines: Line[], at: number): boolean {
  const next = lines[at + 1];
  const after = lines[at + 2];
  return !!next && !!after && !RULE.test(next.text) && next.text.trim().length <= 120 && RULE.test(after.text);
}

function isPortionOnlyText(t: string): boolean {
  return /^\([^)]*\)\s*$/.test(t);
}

function appendLine(seg: Segment, t: string, keep: boolean, line: Line, log: ChangeLog): void {
  if (keep && seg.type !== 'bullet') seg.text += '\n' + t;
  else seg.text = joinWrapped(seg.text, t, line, log, seg.tail);
  seg.tail = t;
}

/**
 * Joins a hard-wrapped line to the text before it, mending a word hyphenated across the break.
 * `tail`, when given, is the last line joined into `before`: the word before a final hyphen lies
 * within it (the joins before it left a space, a line break or a hyphen), so only it is read, and
 * `before` — a string built by joining, which reading would copy whole — is not.
 */
export function joinWrapped(before: string, next: string, line: Line, log: ChangeLog, tail: string = before): string {
  // Only the end of the text matters; a `$`-anchored regex would scan all of it.
  const hy = tail.endsWith('-') ? /([A-Za-z]+)-$/.exec(tail.slice(-60)) : null;
  if (hy && /^[A-Za-z]/.test(next) && !/--$/.test(tail)) {
    const word = /^[A-Za-z]+/.exec(next)![0];
    log.repair('hyphen-wrap', line.no, `${hy[1]}-\n${word}`, `${hy[1]}-${word}`);
    return before + next;
  }
  return `${before} ${next}`;
}

/** A paragraph's text after its number (`12. (C) …` → `(C) …`), trimmed: a view of the text, not a copy of it. */
function afterNumber(text: string): string {
  const m = PARAGRAPH_START.exec(text);
  return (m ? text.slice(m[0].length) : text).trim();
}

/** The text's last line (a view of it, not a split of the whole). */
function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

function endsSentence(t: string): boolean {
  return /(?:[.!?:;"”')\]]|\.{3}|END SUMMARY|END COMMENT|END NOTE)\s*$/i.test(t.slice(-20).trim());
}

function buildParagraphs(blocks: Block[], log: ChangeLog): Paragraph[] {
  const segs = segmentBlocks(blocks, log);
  // Decide which `N.` lines start paragraphs, and their numbers, from the whole sequence.
  const candidates: NumberCandidate[] = [];
  segs.forEach((s, i) => {
    if (s.type === 'start') {
      const marked = isPortionMarking(afterNumber(s.text));
      const before = segs[i - 1];
      const afterRedaction = !!before && before.type !== 'bullet' && /^[Xx]{5,}\s*$/.test(lastLine(before.text));
      candidates.push({ raw: s.raw, explicit: s.explicit, marked, line: s.line.no, ...(afterRedaction ? { afterRedaction } : {}) });
    }
  });
  const decisions = resolveNumbering(candidates, log);
  let k = 0;

  const paragraphs: Paragraph[] = [];
  let cur: Paragraph | null = null;
  let pendingHeading: string | null = null;
  const open = (number: number | null, text: string, line: number): Paragraph => {
    const { marking, rest } = splitMarking(text);
    const p: Paragraph = { number, marking, text: rest, bullets: [], heading: pendingHeading, line };
    pendingHeading = null;
    paragraphs.push(p);
    return p;
  };

  for (const s of segs) {
    if (s.type === 'heading') {
      if (pendingHeading !== null) open(null, '', s.line.no);
      pendingHeading = s.text;
      cur = null;
      continue;
    }
    if (s.type === 'start') {
      const d = decisions[k++]!;
      if (d.accept) {
        const text = afterNumber(s.text);
        cur = open(d.number, text, s.line.no);
        continue;
      }
      // Not a paragraph after all: ordinary text.
      if (cur && !pendingHeading && !endsSentence(lastText(cur))) {
        appendText(cur, s.text, s.line, log, s.afterMarker);
      } else {
        cur = open(null, s.text, s.line.no);
      }
      continue;
    }
    if (s.type === 'bullet') {
      if (!cur || pendingHeading !== null) cur = open(null, '', s.line.no);
      cur.bullets.push({ text: s.text });
      continue;
    }
    // Plain text: does it continue the paragraph a marker or a stray blank line split?
    if (cur && pendingHeading === null && !isPortionMarking(s.text)) {
      // Contact lines (`Phone: …`, `Fax: …`, an e-mail address) keep their own lines.
      const before = lastText(cur);
      const prevLine = before.slice(before.lastIndexOf('\n') + 1);
      if (!cur.bullets.length && isEntryLine(prevLine) && isEntryLine(s.text) && !s.text.includes('\n')) {
        cur.text += '\n' + s.text;
        continue;
      }
      if ((s.afterMarker || /^[a-z]/.test(s.text) || !endsSentence(lastText(cur))) && !s.keepLines) {
        appendText(cur, s.text, s.line, log, s.afterMarker);
        continue;
      }
      // A further block of the same paragraph (a contact list, a quoted passage): kept as a sub-paragraph.
      // Unnumbered text (1970s bodies, notes) is a paragraph a block.
      if (!cur.bullets.length && cur.number !== null) {
        cur.text = cur.text ? `${cur.text}\n\n${s.text}` : s.text;
        continue;
      }
    }
    cur = open(null, s.text, s.line.no);
  }
  if (pendingHeading !== null) open(null, '', 0);
  return paragraphs.filter((p) => p.number !== null || p.text !== '' || p.bullets.length || p.heading);
}

/**
 * `…develop and grow. 12. (C) Ambassador Reich observed …`: the release lost the break (and its `¶`)
 * before a paragraph, so the number and marking stand inside the paragraph before. Split there
 * when the number is the next one, a portion marking follows it, a sentence ends before it, and no
 * later paragraph has that number already.
 */
function splitInlineParagraphs(paragraphs: Paragraph[], log: ChangeLog): Paragraph[] {
  const out: Paragraph[] = [];
  // The next number written after each paragraph (none after the last numbered one).
  const nextNumber: Array<number | null> = new Array(paragraphs.length);
  for (let i = paragraphs.length - 1, next: number | null = null; i >= 0; i--) {
    nextNumber[i] = next;
    next = paragraphs[i]!.number ?? next;
  }
  for (let i = 0; i < paragraphs.length; i++) {
    let p = paragraphs[i]!;
    out.push(p);
    const later = nextNumber[i] ?? null;
    while (p.number !== null && p.text.includes(`${p.number + 1}.`)) {
      const want = p.number + 1;
      if (later !== null && later <= want) break;
      let at: { index: number; length: number } | null = null;
      for (const m of p.text.matchAll(new RegExp(`(?<=[.!?"”')\\]])[ \\t]+${want}\\.[ \\t]?(?=\\()`, 'g'))) {
        if (isPortionMarking(p.text.slice(m.index + m[0].length))) {
          at = { index: m.index, length: m[0].length };
          break;
        }
      }
      if (!at) break;
      const { marking, rest } = splitMarking(p.text.slice(at.index + at.length));
      const next: Paragraph = { number: want, marking, text: rest, bullets: p.bullets, heading: null, line: p.line };
      log.repair('inline-paragraph', p.line, `${tail(p.text.slice(0, at.index))} ${want}. (${marking?.raw ?? ''})`, `¶ ${want}. (${marking?.raw ?? ''})`);
      p.text = p.text.slice(0, at.index);
      p.bullets = [];
      out.push(next);
      p = next;
    }
  }
  if (out.length > paragraphs.length) {
    // The numbers the split restored are no longer missing.
    const have = new Set(out.map((q) => q.number));
    log.withdraw('paragraph-sequence', (w) => {
      const m = /^paragraph (\d+) follows (\d+):/.exec(w.message);
      if (!m) return false;
      for (let n = Number(m[2]) + 1; n < Number(m[1]); n++) if (!have.has(n)) return false;
      return true;
    });
  }
  return out;
}

function isEntryLine(t: string): boolean {
  const s = t.trim();
  return /^[A-Z][A-Za-z. ]{1,20}:\s/.test(s) || /^\S+@\S+$/.test(s) || /^(?:https?:\/\/|www\.)\S+$/.test(s);
}

function lastText(p: Paragraph): string {
  return p.bullets.length ? p.bullets[p.bullets.length - 1]!.text : p.text;
}

function appendText(p: Paragraph, text: string, line: Line, log: ChangeLog, afterMarker: boolean): void {
  const target: { text: string } = p.bullets.length ? (p.bullets[p.bullets.length - 1] as Bullet) : p;
  const before = target.text;
  log.repair(afterMarker ? 'split-paragraph-marker' : 'split-paragraph', line.no, `${tail(before)} ¦ ${head(text)}`, `${tail(before)} ${head(text)}`);
  target.text = before ? joinWrapped(before, text, line, log) : text;
}

function tail(s: string): string {
  return s.length > 40 ? '…' + s.slice(-40) : s;
}
function head(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** `(C/NF) Summary: …` → marking C/NF and the rest. */
export function splitMarking(text: string): { marking: PortionMarking | null; rest: string } {
  const t = text.trim();
  if (!isPortionMarking(t)) return { marking: null, rest: t };
  const m = /^\(([^)]{1,26})\)\s*/.exec(t)!;
  return { marking: parsePortionMarking(m[1]!), rest: t.slice(m[0].length) };
}
