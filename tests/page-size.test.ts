/**
 * One table of page sizes for both paged writers (src/writers/paged/templates.ts): a template's
 * `page.size` gives the same page in PDF and DOCX, and a size not in the table is the same error in
 * both — naming the template's template.json and the sizes there are — where DOCX used to fall back
 * to Letter without a word.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CableError } from '../src/errors.js';
import { renderPdf } from '../src/writers/pdf/writer.js';
import { renderDocx } from '../src/writers/docx/writer.js';
import { PAGE_SIZES, pageSize } from '../src/writers/paged/templates.js';
import { makeCable } from './support/make-cable.js';
import { openDocx } from './support/read-docx.js';
import { pdfInfo } from './support/read-pdf.js';

const tmp = mkdtempSync(join(tmpdir(), 'cablekit-page-size-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function templateWithSize(name: string, size: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'template.json'), JSON.stringify({ extends: 'cable', page: { size } }));
  return dir;
}

describe('page sizes', () => {
  it.each(['A4', 'legal'])('gives a %s page the same size in PDF and DOCX', async (size) => {
    const template = templateWithSize(`size-${size}`, size);
    const { width, height } = PAGE_SIZES[size.toUpperCase()]!;
    const info = pdfInfo(await renderPdf(makeCable(), { template }));
    expect(info['Page size']).toMatch(new RegExp(`^${width} x ${height} pts`));
    const document = openDocx(await renderDocx(makeCable(), { template })).xml('word/document.xml');
    expect(document).toContain(`<w:pgSz w:w="${Math.round(width * 20)}" w:h="${Math.round(height * 20)}"`);
  });

  it('refuses an unknown size in both writers with one error naming the template and the sizes', async () => {
    const template = templateWithSize('size-a5', 'A5');
    const expected = `${join(template, 'template.json')}: template error: page size A5 (use LETTER, LEGAL or A4)`;
    for (const render of [renderPdf, renderDocx]) {
      const err = await render(makeCable(), { template }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CableError);
      expect((err as CableError).toLine()).toBe(expected);
    }
  });

  it('refuses an unknown size in a look made by hand, with the same message', () => {
    expect(() => pageSize({ page: { size: 'A5', margin: 72 } } as Parameters<typeof pageSize>[0])).toThrow('template error: page size A5 (use LETTER, LEGAL or A4)');
  });
});
