/** Every command's --help ends by naming its reference page, and the page exists. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, loadCommands } from '../src/cli/commands/registry.js';

const commands = await loadCommands();

const BIN = resolve('bin/cablekit.js');

describe('--help points to the documentation', () => {
  for (const command of commands) {
    const name = String(command.command).split(' ')[0]!;
    it(`${name} --help names docs/${command.docs}, which exists`, () => {
      expect(existsSync(resolve('docs', command.docs)), command.docs).toBe(true);
      const r = spawnSync(process.execPath, [BIN, name, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '200' } });
      expect(r.status).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(`docs/${command.docs}`);
    });
  }
  it('each command is listed under the word that selects it', () => {
    expect(commands.map((c) => String(c.command).split(' ')[0])).toEqual(COMMANDS.map((c) => c.name));
  });
  it('the README links every page under docs/', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    for (const f of readdirSync('docs').filter((f) => f.endsWith('.md'))) expect(readme, f).toContain(`(docs/${f})`);
  });
});

describe('a usage mistake stops the command', () => {
  it('a mistyped option (--redcat contacts) prints the help, exits 1 and writes nothing', async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-usage-'));
    try {
      const out = join(dir, 'out');
      const r = spawnSync(process.execPath, [BIN, 'render', 'samples/07OTTAWA117.txt', '--redcat', 'contacts', '--format', 'text', '--out', out], { encoding: 'utf8' });
      expect(r.stderr).toContain('Unknown argument: redcat');
      expect(r.status).toBe(1);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
      const n = spawnSync(process.execPath, [BIN, 'normalize', 'samples/07OTTAWA117.txt', '-z'], { encoding: 'utf8' });
      expect(n.status).toBe(1);
      expect(n.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
