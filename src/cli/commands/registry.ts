/**
 * Every CLI command, in the order `--help` lists them, by name and the module that defines it.
 * Add a command here. A command's module is loaded only when it is needed: `cablekit normalize …`
 * loads `normalize` alone (start-up is part of every run, and some commands bring heavy
 * libraries); `--help` and anything that is not a command's name load them all.
 */
import type { CliCommand } from './types.js';

export interface CommandEntry {
  /** The word that selects it (the first word of its `command`). */
  name: string;
  load: () => Promise<CliCommand>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'normalize', load: async () => (await import('./normalize.js')).normalizeCommand },
  { name: 'inspect', load: async () => (await import('./inspect.js')).inspectCommand },
  { name: 'render', load: async () => (await import('./render.js')).renderCommand },
  { name: 'plan', load: async () => (await import('./plan.js')).planCommand },
  { name: 'verify', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'book', load: async () => (await import('./book.js')).bookCommand },
  { name: 'select', load: async () => (await import('./select.js')).selectCommand },
  { name: 'index', load: async () => (await import('./index-command.js')).indexCommand },
  { name: 'manifest', load: async () => (await import('./manifest.js')).manifestCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
];

/** Every command, loaded, in `--help` order. */
export function loadCommands(): Promise<CliCommand[]> {
  return Promise.all(COMMANDS.map((c) => c.load()));
}

/** The commands a command line needs: the one it names, or all of them. */
export async function commandsFor(argv: readonly string[]): Promise<CliCommand[]> {
  const named = COMMANDS.find((c) => c.name === argv[0]);
  return named ? [await named.load()] : loadCommands();
}
