/** Registers every writer. Importing this module makes all output formats available. */
import { registerWriter } from './registry.js';
import { formatCable } from '../format/index.js';
import { renderPdfDocument } from './pdf/index.js';
import { renderDocxOutput } from './docx/index.js';

registerWriter('text', async (cable) => ({ data: Buffer.from(formatCable(cable, 'text')) }));
registerWriter('markdown', async (cable) => ({ data: Buffer.from(formatCable(cable, 'markdown')) }));
registerWriter('json', async (cable) => ({ data: Buffer.from(formatCable(cable, 'json')) }));
registerWriter('docx', renderDocxOutput);
registerWriter('pdf', renderPdfDocument);
