import { type ColumnSpec, CsvLayoutError, headerKey, readCsv } from './csv-rows.js';

const specs: ColumnSpec[] = [
  { key: 'external_id', label: 'identifiant', aliases: ['id'], required: true },
  { key: 'birth_date', label: 'date de naissance', aliases: ['birthdate'], required: true },
  { key: 'city', label: 'commune', aliases: ['ville'], required: false },
];

async function rowsOf(text: string) {
  const reading = readCsv(text, specs);
  const rows = [];
  for await (const row of reading.rows) rows.push(row);
  return { layout: reading.layout, rows, problems: reading.problems };
}

describe('readCsv', () => {
  it('compares headers without case, accents or punctuation', () => {
    expect(headerKey(' Date de Naissance ')).toBe('date_de_naissance');
    expect(headerKey('Numéro d’allocataire')).toBe('numero_d_allocataire');
  });

  it('finds the separator and maps French or English headers, ignoring unknown ones', async () => {
    const { layout, rows } = await rowsOf(
      'Identifiant;Date de naissance;Remarque\r\nA1; 01/02/1990 ;x\r\n\r\nA2;1991-03-04;y\r\n',
    );
    expect(layout.delimiter).toBe(';');
    expect([...layout.present]).toEqual(['external_id', 'birth_date']);
    expect(layout.ignored).toEqual(['Remarque']);
    expect(rows).toEqual([
      { line: 2, values: { external_id: 'A1', birth_date: '01/02/1990' } },
      { line: 4, values: { external_id: 'A2', birth_date: '1991-03-04' } },
    ]);
  });

  it('reads commas, quotes and a separator inside quotes', async () => {
    const { layout, rows } = await rowsOf(
      'id,birthdate,ville\nA1,1990-01-01,"Saint-Herblain, Bourg"\n',
    );
    expect(layout.delimiter).toBe(',');
    expect(rows[0]?.values.city).toBe('Saint-Herblain, Bourg');
  });

  it('refuses a file without a required column, naming it', () => {
    expect(() => readCsv('identifiant;commune\nA1;Nantes\n', specs)).toThrow(CsvLayoutError);
    try {
      readCsv('identifiant;commune\nA1;Nantes\n', specs);
    } catch (error) {
      expect((error as CsvLayoutError).problem).toEqual({
        line: 1,
        column: 'birth_date',
        message: expect.stringContaining('"birth_date" (or "date de naissance")') as string,
      });
    }
  });

  it('refuses two headers for the same column, and a header line without separator', () => {
    expect(() => readCsv('id;identifiant;birthdate\n', specs)).toThrow(/both give "external_id"/);
    expect(() => readCsv('just some text\n', specs)).toThrow(/no separator/);
  });

  it('reports a line with the wrong number of fields by its line', async () => {
    const { rows, problems } = await rowsOf('id;birthdate\nA1;1990-01-01;extra\nA2;1990-01-02\n');
    expect(rows.map((row) => row.line)).toEqual([3]);
    expect(problems).toEqual([
      {
        line: 2,
        column: null,
        message: expect.stringContaining('3 fields; the header has 2') as string,
      },
    ]);
  });

  it('stops at an unclosed quote, saying where it opened', async () => {
    const { problems } = await rowsOf('id;birthdate\nA1;1990-01-01\nA2;"1990\nA3;1990-01-03\n');
    expect(problems).toEqual([
      {
        line: 4,
        column: null,
        message:
          'A quote (") opened before line 4 is never closed: the rest of the file cannot be read.',
      },
    ]);
  });
});
