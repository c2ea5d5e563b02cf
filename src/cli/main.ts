/** The cablekit command line: a thin yargs layer over the library API. */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { errorLine } from '../errors.js';
import { commandsFor } from './commands/registry.js';
import { protectDashArgs } from '../readers/input/stdin.js';
import { protectQueryArgs } from './index-options.js';

/** The line under each command's --help: where its reference page is. */
export function docsLine(page: string): string {
  return `Documentation: docs/${page} in the cablekit repository (or its copy in node_modules/cablekit/docs/).`;
}

/** A usage mistake yargs found (an unknown option, a missing argument): already printed with the help. */
class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const parser: Argv = yargs(protectQueryArgs(protectDashArgs(argv)))
    .scriptName('cablekit')
    .usage('$0 <command> [options]\n\nClean, render, redact and batch-convert diplomatic cables.')
    .strict()
    .demandCommand(1, 'Name a command: normalize, inspect, … (see --help).')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`${msg}\n\n`);
      y.showHelp((s: string) => process.stderr.write(`${s}\n`));
      // Thrown, so that the command does not run: a mistyped option (`--redcat contacts`) must not
      // write the output it would have changed (yargs calls the handler when .fail returns).
      throw new UsageError(msg);
    });
  for (const command of await commandsFor(argv)) {
    parser.command({
      ...command,
      builder: (y: Argv) => command.builder(y).epilog(docsLine(command.docs)),
      handler: async (args) => {
        exitCode = (await command.run(args)) ?? 0;
      },
    });
  }
  try {
    await parser.parseAsync();
  } catch (err) {
    if (!(err instanceof UsageError)) process.stderr.write(`cablekit: ${errorLine(err)}\n`);
    return 1;
  }
  return exitCode;
}

export { errorLine };
