/** Every CLI command, in the order `--help` lists them. Add a command here. */
import type { CliCommand } from './types.js';
import { normalizeCommand } from './normalize.js';
import { inspectCommand } from './inspect.js';
import { renderCommand } from './render.js';
import { bookCommand } from './book.js';
import { verifyCommand } from './verify.js';
import { planCommand } from './plan.js';
import { serveCommand } from './serve.js';
import { selectCommand } from './select.js';
import { manifestCommand } from './manifest.js';
import { indexCommand } from './index-command.js';

export const commands: CliCommand[] = [normalizeCommand, inspectCommand, renderCommand, planCommand, verifyCommand, bookCommand, selectCommand, indexCommand, manifestCommand, serveCommand];
