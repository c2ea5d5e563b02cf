/** Registers every writer. Importing this module makes all output formats available. */
import { registerWriter } from './registry.js';
import { renderPdfDocument } from './pdf/index.js';
import { renderDocxOutput } from './docx/index.js';

registerWriter('json', async (cable) => ({ data: Buffer.from(JSON.stringify(cable, null, 2) + '\n') }));
registerWriter('docx', renderDocxOutput);
registerWriter('pdf', renderPdfDocument);
