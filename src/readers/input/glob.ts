/**
 * A small glob matcher (`*`, `?`, `**`, `[abc]`, `{a,b}`) for input arguments, so that quoted
 * patterns work the same on every shell and on Node 20, which has no fs.glob.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const MAGIC = /[*?[{]/;

export function hasGlobMagic(s: string): boolean {
  return MAGIC.test(s);
}

/** Translates one glob into a RegExp over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (inClass) {
      if (c === ']') inClass = false;
      re += c === '\\' ? '\\\\' : c;
      continue;
    }
    switch (c) {
      case '*':
        if (glob[i + 1] === '*') {
          // `**/` matches zero or more folders; a bare `**` matches anything.
          if (glob[i + 2] === '/') {
            re += '(?:[^/]*/)*';
            i += 2;
          } else {
            re += '.*';
            i += 1;
          }
        } else re += '[^/]*';
        break;
      case '?':
        re += '[^/]';
        break;
      case '[':
        inClass = true;
        re += '[';
        if (glob[i + 1] === '!') {
          re += '^';
          i++;
        }
        break;
      case '{':
        braces++;
        re += '(?:';
        break;
      case '}':
        if (braces > 0) {
          braces--;
          re += ')';
        } else re += '\\}';
        break;
      case ',':
        re += braces > 0 ? '|' : ',';
        break;
      default:
        re += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** Files matching a glob, relative to the current folder as written (`dir/*.txt` → `dir/a.txt`), sorted. */
export async function expandGlob(pattern: string): Promise<string[]> {
  const normalized = pattern.replace(/\\/g, '/');
  const parts = normalized.split('/');
  const firstMagic = parts.findIndex((p) => hasGlobMagic(p));
  const baseParts = parts.slice(0, firstMagic);
  const base = baseParts.join('/');
  const re = globToRegExp(normalized);
  const deep = parts.slice(firstMagic).some((p) => p.includes('**'));
  const maxDepth = deep ? Infinity : parts.length - firstMagic;
  const out: string[] = [];
  const root = base === '' && normalized.startsWith('/') ? '/' : base;
  await walk(root, root, 1);
  return out.sort();

  async function walk(display: string, dir: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir === '' ? '.' : dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') && !/(^|\/)\./.test(normalized)) continue;
      const rel = display === '' ? e.name : display === '/' ? `/${e.name}` : `${display}/${e.name}`;
      if (e.isDirectory()) {
        if (depth < maxDepth) await walk(rel, join(dir === '' ? '.' : dir, e.name), depth + 1);
      } else if (e.isFile() && re.test(rel)) out.push(rel);
    }
  }
}
