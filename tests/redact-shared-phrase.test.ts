/** Withheld paragraphs that share a phrase with a kept one: the output is correct, not a leak. */
import { describe, expect, it } from 'vitest';
import { readCableFile } from '../src/readers/cable/parse.js';
import { convertCable } from '../src/pipeline/convert.js';

describe('level filter on 05OTTAWA1502 at SBU', () => {
  it('renders: paragraph 24 ends with the same words ("Assistant Secretary for Political-Military Affairs") as the kept paragraph 25', async () => {
    const cable = await readCableFile('samples/05OTTAWA1502.txt');
    const out = await convertCable(cable, { format: 'text', maxLevel: 'SENSITIVE BUT UNCLASSIFIED' });
    const text = out.data.toString('utf8');
    expect(text).toContain('25. (U) This report has been approved by Acting Assistant Secretary for Political-Military Affairs Rose Likins.');
    expect(text).toContain('24. [Paragraph withheld — CONFIDENTIAL]');
    // nothing of a C paragraph: paragraph 24's own words
    expect(text).not.toMatch(/concluding remarks, Ambassador Likins and A\/DM Wright/);
    expect(text).not.toMatch(/Chapin opened the discussion/);
  });
  it('still refuses an output that shows a withheld paragraph', async () => {
    const cable = await readCableFile('samples/05OTTAWA1502.txt');
    const leaky = async (c: typeof cable) => ({ data: Buffer.from(c.paragraphs.map((p) => p.text).join('\n') + '\nChapin opened the discussion by acknowledging that USG is the largest single contributor to landmine eradication.') });
    await expect(convertCable(cable, { format: 'text', maxLevel: 'SENSITIVE BUT UNCLASSIFIED' }, { writer: leaky })).rejects.toThrow(/withheld/);
  });
});
