/**
 * The DOCX writer: one cable as a Word document with real styles, a header and footer carrying
 * the classification banner, the cable id and `Page N of M` fields, the metadata block as a
 * table, core properties from the cable, the template font embedded, and byte-stable output.
 */
import type { Cable } from '../../model/cable.js';
import { layoutCable } from '../paged/layout.js';
import type { WriterOptions, WriterOutput } from '../registry.js';
import { loadTemplate } from '../paged/templates.js';
import { packDocx } from './assembler.js';
import { cableSection } from './section.js';

export { STYLE } from './styles.js';
export { stabilizeDocx } from './package.js';

export async function renderDocxOutput(cable: Cable, options: WriterOptions = {}): Promise<WriterOutput> {
  const template = loadTemplate(options.template);
  const layout = layoutCable(cable, template.texts);
  const section = cableSection(layout, { template, redactionStyle: options.redactionStyle ?? 'box' });
  const data = await packDocx({
    look: template.look,
    props: {
      title: layout.info.title,
      subject: layout.info.subject,
      creator: layout.info.author,
      keywords: layout.info.keywords,
      date: layout.info.creationDate,
    },
    sections: [section],
  });
  return { data, pages: section.pages };
}

/** Renders one cable as a DOCX file's bytes. Same cable and options → same bytes. */
export async function renderDocx(cable: Cable, options: WriterOptions = {}): Promise<Buffer> {
  return (await renderDocxOutput(cable, options)).data;
}
