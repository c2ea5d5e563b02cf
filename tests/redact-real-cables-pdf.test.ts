/**
 * Acceptance on every shared real cable, PDF: rendered with `--redact contacts` and read back by
 * poppler — the verifier's one pdftotext run per PDF, handed over by `onRead` — with every stream's
 * and object's strings: no value of the labelled real contact lines left, no residual hit on any
 * page or in the document strings. (Text, JSON, DOCX: redact-real-cables.test.ts.)
 */
import { beforeAll, expect, it } from 'vitest';
import { convertCable, type OutputReading } from '../src/index.js';
import { assertClean, describeShared, loadRealCables, squash, type RealCables } from './support/real-cables.js';

describeShared('every shared real cable with --redact contacts: PDF', () => {
  let real: RealCables;
  beforeAll(async () => {
    real = await loadRealCables();
  }, 120_000);

  it('the text layer poppler reads, every string of the file', async () => {
    let checked = 0;
    for (const { id, cable } of real.cables) {
      let reading: OutputReading | null = null;
      await convertCable(cable, { format: 'pdf', redact: ['contacts'] }, { onRead: (r) => (reading = r) });
      expect(reading, id).not.toBeNull();
      const { views, reader } = reading!;
      expect(squash(views.find((v) => v.part === 'pdf text layer')!.text), id).toContain(squash(cable.id));
      checked += assertClean(
        real,
        id,
        'pdf',
        views.map((v) => v.text).join('\n'),
        reader.map((v) => v.text),
      );
    }
    expect(checked).toBeGreaterThan(40);
  }, 600_000);
});
