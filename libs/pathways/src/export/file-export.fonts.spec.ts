import { exportFonts, textRuns } from './file-export.fonts.js';

let faces: Awaited<ReturnType<typeof exportFonts>>['regular'];
beforeAll(async () => {
  faces = (await exportFonts()).regular;
});
const runsOf = (text: string) =>
  textRuns(text, faces.length, (face, codePoint) => faces[face].has(codePoint)).map((run) => ({
    font: faces[run.face].name,
    text: run.text,
    rtl: run.rtl,
  }));

describe('the RGPD PDF’s text runs: each character in a face that draws it (decision 0024)', () => {
  it('draws French, Polish and Vietnamese names with Marianne alone', () => {
    expect(runsOf('Łukasz Wiśniewski-Nguyễn, Cœur d’Hélène')).toEqual([
      { font: 'Marianne-Regular', text: 'Łukasz Wiśniewski-Nguyễn, Cœur d’Hélène', rtl: false },
    ]);
  });

  it('composes decomposed accents first, so Marianne still draws them', () => {
    expect(runsOf('Nguye\u0302\u0303n')).toEqual([
      { font: 'Marianne-Regular', text: 'Nguyễn', rtl: false },
    ]);
  });

  it('hands Cyrillic and Greek to DejaVu Sans, the spaces between words staying in the run', () => {
    expect(runsOf('avec Олена Шевченко et Γιώργος')).toEqual([
      { font: 'Marianne-Regular', text: 'avec ', rtl: false },
      { font: 'dejavu-sans-latin-400-normal', text: 'Олена Шевченко ', rtl: false },
      { font: 'Marianne-Regular', text: 'et ', rtl: false },
      { font: 'dejavu-sans-latin-400-normal', text: 'Γιώργος', rtl: false },
    ]);
  });

  it('keeps an Arabic name one right-to-left run, its closing punctuation after it', () => {
    expect(runsOf('Nom : محمد بن علي.')).toEqual([
      { font: 'Marianne-Regular', text: 'Nom : ', rtl: false },
      { font: 'dejavu-sans-latin-400-normal', text: 'محمد بن علي', rtl: true },
      { font: 'dejavu-sans-latin-400-normal', text: '.', rtl: false },
    ]);
  });

  it('marks what no face draws, for the text layer to carry it', () => {
    const runs = textRuns('Wang 王小明', faces.length, (face, codePoint) =>
      faces[face].has(codePoint),
    );
    expect(runs.map((run) => [run.text, run.missing])).toEqual([
      ['Wang ', false],
      ['王小明', true],
    ]);
  });

  it('keeps the no-break before a colon where Marianne has no narrow no-break space', () => {
    expect(runsOf('Prénom\u202f: Léa')).toEqual([
      { font: 'Marianne-Regular', text: 'Prénom\u00a0: Léa', rtl: false },
    ]);
  });
});
