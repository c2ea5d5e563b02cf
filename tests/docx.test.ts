import { describe, expect, it } from 'vitest';
import { renderDocx } from '../src/writers/docx/writer.js';
import { REDACTION_BOX } from '../src/model/redaction.js';
import { layoutCable } from '../src/writers/paged/layout.js';
import { loadTemplate } from '../src/writers/paged/templates.js';
import { makeCable } from './support/make-cable.js';
import { openDocx, paragraphs, partText } from './support/read-docx.js';

const cable = makeCable({
  paragraphs: [
    ...makeCable().paragraphs,
    {
      number: 3,
      marking: { raw: 'S', level: 'SECRET', caveats: [] },
      text: 'Withheld text never shown.',
      bullets: [],
      heading: null,
      line: 40,
      withheld: { level: 'SECRET' },
    },
    {
      number: 4,
      marking: { raw: 'C', level: 'CONFIDENTIAL', caveats: [] },
      text: 'Call 202-663-0104 or source XXXXXXXXXXXX today.',
      bullets: [],
      heading: null,
      line: 44,
      marks: [
        { kind: 'redaction', start: 5, end: 17, category: 'phone' },
        { kind: 'publisher-redaction', start: 28, end: 40 },
      ],
    },
  ],
});

describe('DOCX of one cable', async () => {
  const data = await renderDocx(cable);
  const docx = openDocx(data);
  const body = docx.xml('word/document.xml');
  const paras = paragraphs(body);

  it('uses real Word styles: Title, Heading 1, Normal, List Paragraph, a portion-marking character style', () => {
    const styles = new Set(paras.map((p) => p.style));
    for (const s of ['Title', 'Heading1', 'Normal', 'ListParagraph', 'Signature', 'Withheld']) expect(styles).toContain(s);
    expect(body).toContain('<w:rStyle w:val="PortionMarking"/>');
    const stylesXml = docx.xml('word/styles.xml');
    expect(stylesXml).toMatch(/w:styleId="PortionMarking"[\s\S]*?<w:name w:val="Portion Marking"\/>/);
    expect(paras.find((p) => p.style === 'Title')!.text).toBe(cable.subject);
    expect(paras.find((p) => p.style === 'Heading1')!.text).toBe('Action Request');
    expect(paras.find((p) => p.style === 'ListParagraph')!.text).toBe(cable.paragraphs[1]!.bullets[0]!.text);
  });

  it('makes `--` items real Word list paragraphs: a numbering definition with a bullet, no literal mark', () => {
    const item = /<w:p><w:pPr><w:pStyle w:val="ListParagraph"\/>([\s\S]*?)<\/w:pPr>/.exec(body)![1]!;
    const numId = /<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(item)![1];
    const numbering = docx.xml('word/numbering.xml');
    const abstractId = new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/>`).exec(numbering)![1];
    const level = new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}">[\\s\\S]*?<w:lvl w:ilvl="0">([\\s\\S]*?)</w:lvl>`).exec(numbering)![1]!;
    expect(level).toContain('<w:numFmt w:val="bullet"/>');
    expect(level).toContain('<w:lvlText w:val="–"/>');
    expect(body).not.toContain('•');
  });

  it('has every paragraph of the cable, numbered and marked', () => {
    const text = paras.map((p) => p.text);
    expect(text).toContain(`1. (C/NF) ${cable.paragraphs[0]!.text}`);
    expect(text).toContain(`2. (U) ${cable.paragraphs[1]!.text}`);
    expect(text).toContain('BREESE');
    expect(text).toContain(cable.footer[0]);
  });

  it('shows redactions as a fixed bar and withheld paragraphs as the template placeholder', () => {
    const text = partText(body);
    expect(text).toContain(`4. (C) Call ${REDACTION_BOX} or source ${REDACTION_BOX} today.`);
    expect(text).not.toContain('202-663-0104 or');
    expect(text).not.toContain('Withheld text never shown');
    expect(text).toContain('3. [Paragraph withheld — SECRET]');
    expect(body).toContain('<w:rStyle w:val="Redaction"/>');
  });

  it('shows redactions as labels in label style', async () => {
    const text = partText(openDocx(await renderDocx(cable, { redactionStyle: 'label' })).xml('word/document.xml'));
    expect(text).toContain('Call [PHONE REDACTED] or source [REDACTED] today.');
  });

  it('puts the metadata block in a table', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(body)![0];
    const cells = paragraphs(table).map((p) => p.text);
    expect(cells).toEqual(layoutCable(cable).metadata.flatMap((r) => [r.label, r.value]));
  });

  it('has a header and footer with the banner, the cable id and Page N of M fields', () => {
    const rels = docx.xml('word/_rels/document.xml.rels');
    const target = (rid: string) => `word/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`;
    const header = target(/<w:headerReference w:type="default" r:id="([^"]+)"/.exec(body)![1]!);
    const footer = target(/<w:footerReference w:type="default" r:id="([^"]+)"/.exec(body)![1]!);
    const h = docx.xml(header);
    const f = docx.xml(footer);
    expect(paragraphs(h).map((p) => p.text)).toEqual(['CONFIDENTIAL//NOFORN', '08OTTAWA372']);
    expect(paragraphs(f).at(-1)!.text).toBe('CONFIDENTIAL//NOFORN');
    expect(f).toMatch(/Page <\/w:t>[\s\S]*?PAGE[\s\S]*? of <\/w:t>[\s\S]*?NUMPAGES/);
    expect(body).toMatch(/<w:headerReference w:type="default"/);
  });

  it('sets core properties from the cable', () => {
    const core = docx.xml('docProps/core.xml');
    expect(core).toContain(`<dc:title>${cable.subject}</dc:title>`);
    expect(core).toContain('<dc:subject>08OTTAWA372</dc:subject>');
    expect(core).toContain('<cp:keywords>PARM, PREL</cp:keywords>');
    expect(core).toContain('<dc:creator>OTTAWA</dc:creator>');
    expect(core).toMatch(/<dcterms:created[^>]*>2008-03-14T14:23:00Z</);
    expect(core).toMatch(/<dcterms:modified[^>]*>2008-03-14T14:23:00Z</);
  });

  it('names and embeds the template font', () => {
    const fontTable = docx.xml('word/fontTable.xml');
    expect(fontTable).toContain('w:name="Source Serif 4"');
    expect(fontTable).toMatch(/<w:embedRegular r:id="rId\d+" w:fontKey="\{[0-9A-F-]+\}"/);
    expect(docx.names.filter((n) => n.endsWith('.odttf')).length).toBeGreaterThanOrEqual(3);
    expect(docx.xml('word/styles.xml')).toContain('w:ascii="Source Serif 4"');
  });

  it('is byte-identical when rendered again', async () => {
    const again = await renderDocx(cable);
    expect(Buffer.compare(again, data)).toBe(0);
  });

  it('follows the teletype template: Courier Prime, caps, inline metadata', async () => {
    const tt = openDocx(await renderDocx(cable, { template: 'teletype' }));
    expect(tt.xml('word/fontTable.xml')).toContain('w:name="Courier Prime"');
    expect(tt.xml('word/styles.xml')).toContain('<w:caps/>');
    const b = tt.xml('word/document.xml');
    expect(b).not.toContain('<w:tbl>');
    expect(partText(b)).toContain('SUBJECT: CANADA: DISCORD');
    expect(loadTemplate('teletype').look.font).toBe('Courier Prime');
    // `PAGE {{pad page 2}} OF {{pad pages 2}}`: zero-padded fields (Word honours the picture; LibreOffice shows 1)
    const footer = tt.names.filter((n) => /footer\d*\.xml$/.test(n)).map((n) => tt.xml(n)).join('');
    expect(footer).toContain(' PAGE \\# "00" ');
    expect(footer).toContain(' NUMPAGES \\# "00" ');
  });
});

describe('DOCX text that XML cannot hold as written', () => {
  it('escapes markup characters and drops control characters', async () => {
    const odd = makeCable({
      subject: 'A <b>bold</b> & "quoted" subject',
      paragraphs: [{ number: 1, marking: null, text: 'R&D <costs> rose\u0007 by 5%', bullets: [], heading: null, line: 1 }],
    });
    const docx = openDocx(await renderDocx(odd));
    const body = docx.xml('word/document.xml');
    expect(body).toContain('R&amp;D &lt;costs&gt; rose by 5%');
    expect(body).not.toContain('\u0007');
    expect(paragraphs(body).find((p) => p.style === 'Title')!.text).toBe('A <b>bold</b> & "quoted" subject');
    expect(docx.xml('docProps/core.xml')).toContain('<dc:title>A &lt;b&gt;bold&lt;/b&gt; &amp;');
  });

  it('keeps the line breaks of a list or table inside a paragraph', async () => {
    const listed = makeCable({
      paragraphs: [{ number: 1, marking: null, text: 'Attendees:\nA. Smith\nB. Jones', bullets: [], heading: null, line: 1 }],
    });
    const body = openDocx(await renderDocx(listed)).xml('word/document.xml');
    expect(body).toContain('Attendees:</w:t><w:br/><w:t xml:space="preserve">A. Smith</w:t><w:br/>');
  });
});

describe('DOCX across processes', () => {
  it('is the same file when another process (the CLI) renders the same cable', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readCableFile } = await import('../src/readers/cable/parse.js');
    const dir = mkdtempSync(join(tmpdir(), 'cablekit-docx-'));
    try {
      execFileSync(process.execPath, ['bin/cablekit.js', 'render', 'samples/08OTTAWA372.txt', '--format', 'docx', '--out', dir, '-q']);
      const fromCli = readFileSync(join(dir, '08OTTAWA372.docx'));
      const here = await renderDocx(await readCableFile('samples/08OTTAWA372.txt'));
      expect(Buffer.compare(fromCli, here)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
