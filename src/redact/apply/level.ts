/**
 * The classification filter (`--max-level`): paragraphs and a subject marked above the level are
 * withheld; unmarked ones take the cable's overall level (fail safe). The banner is recomputed to
 * the highest level still present. A transform Cable → Cable.
 */
import { CableError } from '../../errors.js';
import { LEVELS, type Cable, type Level, type Paragraph } from '../../model/cable.js';

/** `U`, `SBU`, `C`, `S`, `TS` or a full level name. */
export function parseLevel(value: string): Level {
  const v = value.trim().toUpperCase().replace(/[_-]/g, ' ');
  const short: Record<string, Level> = {
    U: 'UNCLASSIFIED',
    UNCLAS: 'UNCLASSIFIED',
    SBU: 'SENSITIVE BUT UNCLASSIFIED',
    C: 'CONFIDENTIAL',
    S: 'SECRET',
    TS: 'TOP SECRET',
  };
  const level = short[v] ?? (LEVELS as readonly string[]).find((l) => l === v);
  if (!level) throw new CableError(`unknown classification level ${JSON.stringify(value)} (use U, SBU, C, S or TS)`);
  return level as Level;
}

export function rank(level: Level): number {
  return LEVELS.indexOf(level);
}

export interface WithheldPart {
  /** `paragraph`, `subject`, or a header line field (`routing`, `handling`, `notes`, `footer`, `to`, `info`). */
  field: 'paragraph' | 'subject' | 'routing' | 'handling' | 'notes' | 'footer' | 'to' | 'info';
  /** The paragraph number, when numbered. */
  paragraph: number | null;
  /** Index in `cable.paragraphs` (paragraph), the line index (header lines) or 0 (subject). */
  index: number;
  level: Level;
  /** The removed text (heading, text, bullets): in memory only, for verification. */
  text: string;
}

export interface LevelFilterResult {
  cable: Cable;
  withheld: WithheldPart[];
}

/** The paragraph's text as withheld: heading, text and bullets. */
function paragraphText(p: Paragraph): string {
  return [p.heading ?? '', p.text, ...p.bullets.map((b) => b.text)].filter((t) => t).join('\n');
}

/** What the level filter would withhold: paragraphs and a subject marked (or, unmarked, classified) above `maxLevel`. */
export function levelProposals(cable: Cable, maxLevel: Level): WithheldPart[] {
  const overall = cable.classification.level;
  const max = rank(maxLevel);
  const out: WithheldPart[] = [];
  cable.paragraphs.forEach((p, index) => {
    if (p.withheld) return;
    const level = p.marking?.level ?? overall;
    if (rank(level) > max) out.push({ field: 'paragraph', paragraph: p.number, index, level, text: paragraphText(p) });
  });
  if (cable.subject !== null) {
    const level = cable.subjectMarking?.level ?? overall;
    if (rank(level) > max) out.push({ field: 'subject', paragraph: null, index: 0, level, text: cable.subject });
  }
  return out;
}

/**
 * Withholds the given paragraphs and subject (from `levelProposals`, or a reviewed plan), then,
 * when that leaves the cable at a lower level, recomputes the banner from what is still shown,
 * drops caveats only withheld portions carried, and removes the header lines that repeat the old
 * classification (the routing echo `ZNY SSSSS ZZH`, a second classification line, `SECRET NOFORN`).
 * The removed header lines are returned with the withheld parts.
 */
export function withholdParts(cable: Cable, parts: WithheldPart[]): LevelFilterResult {
  const overall = cable.classification.level;
  const withheld: WithheldPart[] = [];
  const keptLevels: Level[] = [];
  const keptCaveats: string[] = [];
  const byIndex = new Map(parts.filter((w) => w.field === 'paragraph').map((w) => [w.index, w]));

  const paragraphs: Paragraph[] = cable.paragraphs.map((p, index) => {
    const part = byIndex.get(index);
    if (!part || p.withheld) {
      if (!p.withheld) {
        keptLevels.push(p.marking?.level ?? overall);
        for (const c of p.marking?.caveats ?? []) if (!keptCaveats.includes(c)) keptCaveats.push(c);
      }
      return p;
    }
    withheld.push({ ...part, paragraph: p.number, text: paragraphText(p) });
    return { ...p, text: '', bullets: [], marks: [], heading: null, withheld: { level: part.level } };
  });

  let subject = cable.subject;
  if (subject !== null) {
    const part = parts.find((w) => w.field === 'subject');
    if (part) {
      withheld.push({ ...part, text: subject });
      subject = `[Subject withheld — ${part.level}]`;
    } else {
      keptLevels.push(cable.subjectMarking?.level ?? overall);
    }
  }
  if (withheld.length === 0) return { cable, withheld };

  const highest = keptLevels.reduce<Level>((a, b) => (rank(b) > rank(a) ? b : a), 'UNCLASSIFIED');
  let next: Cable = { ...cable, paragraphs, subject };
  let dropped: string[] = [];
  const lowered = rank(highest) < rank(overall);
  if (lowered) {
    // caveats that no kept portion carries go (NOFORN of a withheld paragraph); dissemination ones stay
    const caveats = cable.classification.caveats.filter(
      (c) => c === 'SIPDIS' || keptCaveats.some((k) => k === c || (c === 'NOFORN' && k === 'NF')),
    );
    dropped = cable.classification.caveats.filter((c) => !caveats.includes(c));
    next = { ...next, classification: { level: highest, caveats } };
  }
  next = removeHeaderLines(next, withheld, { banner: lowered ? highest : null, original: overall, dropped });
  return { cable: next, withheld };
}

export function filterByLevel(cable: Cable, maxLevel: Level): LevelFilterResult {
  return withholdParts(cable, levelProposals(cable, maxLevel));
}

// ---------- header lines that repeat withheld text ----------

function squeeze(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A header label a repeated subject may carry: `Subject:  UAE TO SUPPORT …` in a mail export's header. */
const SUBJECT_LABEL = /^\s*(?:SUBJECT|SUBJ)\s*:\s*/i;

/** Does a header line repeat withheld text? Its letters and digits (12 or more, after a `Subject:` label) lie within it. */
function repeats(line: string, texts: { level: Level; plain: string }[]): { level: Level } | undefined {
  if (texts.length === 0) return undefined;
  const plain = squeeze(line.replace(SUBJECT_LABEL, ''));
  return plain.length >= 12 ? texts.find((t) => t.plain.includes(plain)) : undefined;
}

/**
 * Removes, in one pass, the header lines and addressees a filtered cable must not show, and
 * records each as withheld (with its index as read): lines that repeat withheld text (a mail
 * export's header carries the subject again, `Subject: …` and its continuation lines); when the
 * banner was lowered, lines that repeat the old classification (`ZNY SSSSS ZZH`, a second
 * classification line, `SECRET NOFORN`) and handling lines of caveats that went.
 */
function removeHeaderLines(cable: Cable, withheld: WithheldPart[], o: { banner: Level | null; original: Level; dropped: string[] }): Cable {
  const texts = withheld.filter((w) => w.field === 'paragraph' || w.field === 'subject').map((w) => ({ level: w.level, plain: squeeze(w.text) }));
  const next: Cable = { ...cable };
  const why = (line: string, field: string): Level | null => {
    const repeated = repeats(line, texts);
    if (repeated) return repeated.level;
    if (o.banner && echoesLevelAbove(line, o.banner)) return o.original;
    if (field === 'handling' && o.dropped.includes(line.trim().toUpperCase())) return o.original;
    return null;
  };
  for (const field of HEADER_LINE_FIELDS) {
    const kept: string[] = [];
    cable[field].forEach((line, index) => {
      const level = why(line, field);
      if (level) withheld.push({ field, paragraph: null, index, level, text: line });
      else kept.push(line);
    });
    if (kept.length !== cable[field].length) next[field] = kept;
  }
  for (const field of ['to', 'info'] as const) {
    const kept = cable[field].filter((r, index) => {
      const level = why(r.name, field);
      if (!level) return true;
      withheld.push({ field, paragraph: null, index, level, text: r.name });
      return false;
    });
    if (kept.length !== cable[field].length) next[field] = kept;
  }
  return next;
}

// ---------- header lines that repeat a classification ----------

const LEVEL_WORDS: Record<Level, RegExp[]> = {
  UNCLASSIFIED: [],
  'SENSITIVE BUT UNCLASSIFIED': [/\bSENSITIVE\b/i, /\bSBU\b/i],
  CONFIDENTIAL: [spaced('CONFIDENTIAL')],
  SECRET: [spaced('SECRET')],
  'TOP SECRET': [spaced('TOP', 'SECRET')],
};

/** `SECRET`, `S E C R E T`, `SS E C R E T` (a doubled first letter is a common typo), any case. */
function spaced(...words: string[]): RegExp {
  const word = (w: string): string => `${w[0]}+ ?${[...w.slice(1)].join(' ?')}`;
  return new RegExp(`\\b${words.map(word).join('\\s+')}\\b`, 'i');
}

/** The routing echo of the level: `ZNY CCCCC ZZH`, `ZNY SSSSS`, `ZNR UUUUU`. */
const ROUTING_ECHO = /^\s*ZN[YR]\b/i;

/** Does a header line repeat a classification above `banner`? */
export function echoesLevelAbove(line: string, banner: Level): boolean {
  if (ROUTING_ECHO.test(line)) return true;
  for (const level of LEVELS) {
    if (rank(level) <= rank(banner)) continue;
    if (LEVEL_WORDS[level].some((re) => re.test(line))) return true;
  }
  return false;
}

const HEADER_LINE_FIELDS = ['routing', 'handling', 'notes', 'footer'] as const;

/**
 * Header forms of a classification above `banner` in an output's text (the verifier's check when
 * `--max-level` lowered the banner): a routing echo line (`ZNY SSSSS ZZH`), a letter-spaced level
 * (`S E C R E T`), a classification line with its office and serial (`SECRET TUNIS 000679`,
 * `SECRET SECTION 01 OF 03 TEL AVIV 001184`), or `CLASSIFICATION: SECRET`. The notice and the
 * withheld placeholders name levels in prose (`[Paragraph withheld — SECRET]`) and do not count.
 */
export function levelEchoesIn(text: string, banner: Level): string[] {
  const found: string[] = [];
  if (/(?:^|\n)[ \t]*ZN[YR][ \t]+[A-Z]{3,}/.test(text)) found.push('routing echo');
  for (const level of LEVELS) {
    if (rank(level) <= rank(banner) || level === 'SENSITIVE BUT UNCLASSIFIED') continue;
    const letters = (w: string): string => `${w[0]}+ ${[...w.slice(1)].join(' ')}`;
    const spacedWords = new RegExp(`\\b${level.split(' ').map(letters).join('\\s+')}\\b`);
    if (spacedWords.test(text)) found.push('letter-spaced classification');
    const word = level.replace(' ', '\\s+');
    const line = new RegExp(`\\b${word}(?://[A-Z /]+)?\\s+(?:SECTION\\s+\\d+\\s+OF\\s+\\d+\\s+)?[A-Z][A-Z .]*\\s\\d{6}\\b|CLASSIFICATION:\\s*${word}\\b`);
    if (line.test(text)) found.push('classification line');
  }
  return [...new Set(found)];
}
