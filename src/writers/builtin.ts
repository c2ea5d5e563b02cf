/**
 * Registers every writer. Importing this module makes all output formats available; the PDF and
 * DOCX writers (pdfkit, fontkit, docx, sharp) are loaded on first use, so a command or a batch
 * coordinator that never renders one does not pay for loading them.
 */
import { registerWriter } from './registry.js';
import { formatCable } from './format.js';

registerWriter('text', async (cable) => ({ data: Buffer.from(formatCable(cable, 'text')) }));
registerWriter('markdown', async (cable) => ({ data: Buffer.from(formatCable(cable, 'markdown')) }));
registerWriter('json', async (cable) => ({ data: Buffer.from(formatCable(cable, 'json')) }));
registerWriter('docx', async (cable, options) => (await import('./docx/writer.js')).renderDocxOutput(cable, options));
registerWriter('pdf', async (cable, options) => (await import('./pdf/writer.js')).renderPdfDocument(cable, options));
