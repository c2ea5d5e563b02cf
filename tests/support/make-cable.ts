/** A hand-built Cable for tests of writers and transforms that must not depend on the parser. */
import type { Cable } from '../../src/model/cable.js';

export function makeCable(overrides: Partial<Cable> = {}): Cable {
  return {
    id: '08OTTAWA372',
    sourceId: null,
    origin: 'OTTAWA',
    number: 372,
    date: '2008-03-14T14:23:00Z',
    precedence: 'IMMEDIATE',
    from: 'AMEMBASSY OTTAWA',
    to: [{ name: 'SECSTATE WASHDC', route: 'RUEHC', precedence: 'IMMEDIATE', serial: 7513 }],
    info: [{ name: 'USMISSION GENEVA', route: 'RUEHGV', precedence: 'PRIORITY', serial: 1268 }],
    routing: ['VZCZCXRO5278', 'O 141423Z MAR 08'],
    classification: { level: 'CONFIDENTIAL', caveats: ['NOFORN', 'SIPDIS'] },
    section: { index: 1, total: 2 },
    eo: '12958',
    declassify: '2018-03-14',
    tags: ['PARM', 'PREL'],
    subject: 'CANADA: DISCORD OVER OSLO PROCESS AND NATO INTEROPERABILITY',
    subjectMarking: null,
    summary: 'Embassy discussions with Canadian officials March 11-12 revealed a worrisome lack of coordination.',
    references: [
      { label: 'A', text: 'STATE 24735', id: '08STATE24735' },
      { label: 'B', text: 'E-MAIL BAKER-MATTEI MARCH 7', id: null },
    ],
    classifiedBy: 'PolMinCouns Scott Bellard',
    reasons: ['1.4(b)', '1.4(d)'],
    handling: [],
    notes: [],
    paragraphs: [
      {
        number: 1,
        marking: { raw: 'C/NF', level: 'CONFIDENTIAL', caveats: ['NOFORN'] },
        text: 'Summary: Embassy discussions with Canadian officials March 11-12 revealed a worrisome lack of coordination. End summary',
        bullets: [],
        heading: null,
        line: 30,
      },
      {
        number: 2,
        marking: { raw: 'U', level: 'UNCLASSIFIED', caveats: [] },
        text: 'For more information please contact Katherine Baker (202-663-0104) or katherine.baker@state.gov.',
        bullets: [{ text: 'Convey that the United States shares Canada\'s concerns.' }],
        heading: 'Action Request',
        line: 34,
      },
    ],
    signature: 'BREESE',
    footer: ["Visit Canada's Economy and Environment Forum at http://www.intelink.gov/communities/state/canada"],
    partial: false,
    shape: 'markdown',
    repairs: [],
    warnings: [],
    ...overrides,
  };
}
