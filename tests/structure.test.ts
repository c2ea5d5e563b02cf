/**
 * The shape of the house, checked on every run (docs/api.md, "Layout of the code"): the folders of
 * src/ are the pipeline's stages in order, and a file imports only from its own stage or an earlier
 * one; no import circle (type imports included, as madge counts them); no file in src/ over 600
 * lines; no function over 120 lines unless its header says why (a line starting `Long:`); a
 * folder's index.ts only re-exports; the writers import no reader (writers never parse). Imports
 * are read as text: every relative `from '…'` and `import('…')`, resolved to the file they name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The stages, earliest first: a file may import from its own stage or one listed before it. */
export const STAGES: string[][] = [
  ['errors.ts'],
  ['model', 'io'],
  ['normalize'],
  ['readers'],
  ['redact'],
  ['writers'],
  ['pipeline'],
  ['select'],
  ['review'],
  ['book'],
  ['batch'],
  ['search'],
  ['serve'],
  ['cli'],
  ['index.ts'],
];

const SRC = 'src';
const MAX_LINES = 600;
const MAX_FUNCTION_LINES = 120;
/** Being split (issue 26); the list only shrinks. */
const PENDING_FILES = new Set(['src/readers/cable/body.ts']);
const PENDING_FUNCTIONS = new Set([
  'createApi', 'readHeader', 'parseCable', 'buildIndex',
  'detectPhones', 'App', 'SearchView', 'CsvView',
]);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The src files a file imports (relative specifiers only), resolved to paths. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm)) {
    const target = resolve(dirname(file), m[1]!);
    const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target];
    const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    if (hit) out.add(relative(process.cwd(), hit));
  }
  return [...out];
}

function stageOf(file: string): number {
  const first = relative(SRC, file).split('/')[0]!;
  const i = STAGES.findIndex((s) => s.includes(first));
  if (i < 0) throw new Error(`${file}: its folder ${first} is in no stage of tests/structure.test.ts (add it where it belongs in the pipeline)`);
  return i;
}

/** Import circles: Tarjan's strongly connected components of more than one file (or a file importing itself). */
export function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe('the structure of src/', () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (the check can fail)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('imports only from its own stage of the pipeline or an earlier one', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const t of targets) if (stageOf(t) > stageOf(file)) upward.push(`${file} → ${t}`);
    }
    expect(upward).toEqual([]);
  });

  it('keeps the writers from parsing: nothing in src/writers imports a reader', () => {
    const parsing: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith(join(SRC, 'writers') + '/')) continue;
      for (const t of targets) if (t.startsWith(join(SRC, 'readers') + '/')) parsing.push(`${file} → ${t}`);
    }
    expect(parsing).toEqual([]);
  });

  it('places every folder of src/ in a stage', () => {
    for (const f of files) expect(() => stageOf(f)).not.toThrow();
  });

  it(`has no file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
      .filter(([f, n]) => n > MAX_LINES && !PENDING_FILES.has(f));
    expect(long.map(([f, n]) => `${f}: ${n} lines`)).toEqual([]);
  });

  it("keeps each folder's index.ts a public face: re-exports only", () => {
    const bad: string[] = [];
    for (const f of files.filter((f) => f.endsWith('/index.ts') || f === join(SRC, 'index.ts'))) {
      const code = readFileSync(f, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
        .replace(/export\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+'[^']+';/g, '')
        .trim();
      if (code) bad.push(`${f}: ${code.split('\n')[0]}`);
    }
    expect(bad).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines, unless its header says why`, () => {
    const long = [...files, ...sourceFiles('web/src')].flatMap((f) => longFunctions(f)).filter((l) => !PENDING_FUNCTIONS.has(l.name) && !l.why);
    expect(long.map((l) => `${l.file}:${l.line} ${l.name}: ${l.lines} lines`)).toEqual([]);
  });

  it('measures a function from its first line to its last', () => {
    const body = Array.from({ length: 130 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `/** Short. */\nexport function big(): void {\n${body}\n}\n/**\n * Long: a table.\n */\nexport function table(): void {\n${body}\n}\n`;
    expect(longFunctions('big.ts', text).map((l) => [l.name, l.lines, l.why])).toEqual([
      ['big', 132, false],
      ['table', 132, true],
    ]);
  });
});

interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
  /** Its header comment has a line starting `Long:` that says why it is long. */
  why: boolean;
}

/** The functions (declarations, methods, arrows, expressions) of a file longer than MAX_FUNCTION_LINES. */
export function longFunctions(file: string, text = readFileSync(file, 'utf8')): LongFunction[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: LongFunction[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n)) {
      const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - first + 1;
      if (lines > MAX_FUNCTION_LINES) {
        // the header: the comment before the declaration (or before the statement holding an arrow)
        let holder: ts.Node = n;
        while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isClassDeclaration(holder.parent) && !ts.isBlock(holder.parent)) holder = holder.parent;
        const header = (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
        out.push({ file, line: first + 1, name: nameOf(n), lines, why: /^\s*(?:\*|\/\/)?\s*Long:/m.test(header) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function nameOf(n: ts.Node): string {
  const named = n as { name?: ts.Node };
  if (named.name) return named.name.getText();
  const p = n.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) return p.name.getText();
  return '(anonymous)';
}
