/**
 * The classification filter (`--max-level`): paragraphs and a subject marked above the level are
 * withheld; unmarked ones take the cable's overall level (fail safe). The banner is recomputed to
 * the highest level still present. A transform Cable → Cable.
 */
import { CableError } from '../errors.js';
import { LEVELS, type Cable, type Level, type Paragraph } from '../model/cable.js';

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
  field: 'paragraph' | 'subject';
  /** The paragraph number, when numbered. */
  paragraph: number | null;
  /** Index in `cable.paragraphs` (paragraph) or 0 (subject). */
  index: number;
  level: Level;
  /** The removed text (heading, text, bullets): in memory only, for verification. */
  text: string;
}

export interface LevelFilterResult {
  cable: Cable;
  withheld: WithheldPart[];
}

export function filterByLevel(cable: Cable, maxLevel: Level): LevelFilterResult {
  const overall = cable.classification.level;
  const max = rank(maxLevel);
  const withheld: WithheldPart[] = [];
  const keptLevels: Level[] = [];
  const keptCaveats: string[] = [];

  const paragraphs: Paragraph[] = cable.paragraphs.map((p, index) => {
    const level = p.marking?.level ?? overall;
    if (rank(level) <= max && !p.withheld) {
      keptLevels.push(level);
      for (const c of p.marking?.caveats ?? []) if (!keptCaveats.includes(c)) keptCaveats.push(c);
      return p;
    }
    const text = [p.heading ?? '', p.text, ...p.bullets.map((b) => b.text)].filter((t) => t).join('\n');
    withheld.push({ field: 'paragraph', paragraph: p.number, index, level, text });
    return { ...p, text: '', bullets: [], marks: [], heading: null, withheld: { level } };
  });

  let subject = cable.subject;
  if (subject !== null) {
    const level = cable.subjectMarking?.level ?? overall;
    if (rank(level) > max) {
      withheld.push({ field: 'subject', paragraph: null, index: 0, level, text: subject });
      subject = `[Subject withheld — ${level}]`;
    } else {
      keptLevels.push(level);
    }
  }

  const highest = keptLevels.reduce<Level>((a, b) => (rank(b) > rank(a) ? b : a), 'UNCLASSIFIED');
  let classification = cable.classification;
  let handling = cable.handling;
  if (highest !== overall) {
    // caveats that no kept portion carries go (NOFORN of a withheld paragraph); dissemination ones stay
    const caveats = cable.classification.caveats.filter(
      (c) => c === 'SIPDIS' || keptCaveats.some((k) => k === c || (c === 'NOFORN' && k === 'NF')),
    );
    const dropped = cable.classification.caveats.filter((c) => !caveats.includes(c));
    classification = { level: highest, caveats };
    handling = cable.handling.filter((h) => !dropped.includes(h.trim().toUpperCase()));
  }
  return { cable: { ...cable, paragraphs, subject, classification, handling }, withheld };
}
