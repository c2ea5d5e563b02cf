/** Registers every writer. Importing this module makes all output formats available. */
import { registerWriter } from './registry.js';

registerWriter('json', async (cable) => ({ data: Buffer.from(JSON.stringify(cable, null, 2) + '\n') }));
