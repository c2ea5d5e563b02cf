import type { CliCommand } from './types.js';
export const normalizeCommand: CliCommand = {
  command: 'normalize <files..>',
  describe: 'Parse and repair cables; print clean text, Markdown or JSON',
  builder: (y) => y,
  run: async () => 0,
};
