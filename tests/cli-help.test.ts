/** Every command's --help ends by naming its reference page, and the page exists. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, loadCommands } from '../src/cli/commands/index.js';

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
