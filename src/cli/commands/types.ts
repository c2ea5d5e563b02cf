/** The shape of one CLI command: yargs' command module plus a `run` that returns the exit code. */
import type { Argv, ArgumentsCamelCase } from 'yargs';

export interface CliCommand {
  command: string | string[];
  describe: string;
  /** The documentation page (under docs/) that `--help` points to. */
  docs: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  builder: (y: Argv) => Argv<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run: (args: ArgumentsCamelCase<any>) => Promise<number | void>;
}
