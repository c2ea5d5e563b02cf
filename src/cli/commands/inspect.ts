import type { CliCommand } from './types.js';
export const inspectCommand: CliCommand = {
  command: 'inspect <files..>',
  describe: 'Print a short table: id, date, classification, subject, paragraphs, repairs, warnings',
  builder: (y) => y,
  run: async () => 0,
};
