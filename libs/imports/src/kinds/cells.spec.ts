import { birthDate, phone, postalCode, yesNo } from './cells.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('import cells', () => {
  it.each([
    ['12/03/1985', '1985-03-12'],
    ['1/3/1985', '1985-03-01'],
    ['12-03-1985', '1985-03-12'],
    ['12.03.1985', '1985-03-12'],
    ['1985-03-12', '1985-03-12'],
  ])('reads the birth date %s', (raw, value) => {
    expect(birthDate(raw, now)).toEqual({ ok: true, value });
  });

  it.each([
    ['1985/03/12', 'is not a date written JJ/MM/AAAA'],
    ['12/03/85', 'is not a date written JJ/MM/AAAA'],
    ['12 mars 1985', 'is not a date written JJ/MM/AAAA'],
    ['31/02/1985', 'is not a real date'],
    ['01/01/2030', 'is in the future'],
    ['01/01/1850', 'more than 130 years ago'],
  ])('refuses the birth date %s', (raw, message) => {
    const cell = birthDate(raw, now);
    expect(cell.ok).toBe(false);
    expect(!cell.ok && cell.message).toContain(message);
  });

  it('gives back the leading zero a spreadsheet dropped from a postal code', () => {
    expect(postalCode('1000')).toEqual({ ok: true, value: '01000' });
    expect(postalCode('44000')).toEqual({ ok: true, value: '44000' });
    expect(postalCode('440').ok).toBe(false);
  });

  it('reads phone numbers and yes/no as people write them', () => {
    expect(phone('06.12.34.56.78')).toEqual({ ok: true, value: '0612345678' });
    expect(phone('12345').ok).toBe(false);
    expect(yesNo('Oui')).toEqual({ ok: true, value: true });
    expect(yesNo('non')).toEqual({ ok: true, value: false });
    expect(yesNo('')).toEqual({ ok: true, value: null });
    expect(yesNo('peut-être').ok).toBe(false);
  });
});
