import { describe, expect, it } from '@jest/globals';
import { ContractType, OrientationType, PersonStatus, TeamRole } from '@relais/pathways';
import type { CaseloadEntry } from '@relais/read-models';
import { CASELOAD_CSV_HEADERS, caseloadCsv, csvCell } from './caseload-csv.js';

const entry: CaseloadEntry = {
  summary: {
    id: '3f1c2a4e-0000-4000-8000-000000000001',
    givenName: 'Léa',
    familyName: 'Dupré-Cœur',
    birthYear: 1990,
    status: PersonStatus.ACTIVE,
    referentStructure: { id: '3f1c2a4e-0000-4000-8000-000000000002', name: 'CCAS; Nantes' },
    isMember: true,
  },
  myRole: TeamRole.REFERENT,
  orientationType: OrientationType.SOCIO_PROFESSIONAL,
  lastActivityAt: new Date('2026-11-30T23:30:00Z'),
  referentName: 'Zoé Lefèvre',
  nextAppointmentAt: null,
  openGoals: 2,
  contractType: ContractType.CONTRAT_ENGAGEMENT,
  contractEndsOn: '2027-01-31',
  overdueActions: 1,
  openHandover: true,
  membershipId: '3f1c2a4e-0000-4000-8000-000000000003',
  territoryId: '3f1c2a4e-0000-4000-8000-000000000004',
  cursor: 'x',
};

describe('the caseload as CSV', () => {
  it('quotes a cell only when it must, doubling quotes', () => {
    expect(csvCell('Nantes')).toBe('Nantes');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "Jo"')).toBe('"dit ""Jo"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+33')).toBe("'+33");
    expect(csvCell('@SUM')).toBe("'@SUM");
    expect(csvCell('-1')).toBe("'-1");
  });

  it('writes a BOM, French headers, ";" and CRLF, dates in Paris', () => {
    const csv = caseloadCsv([entry]);
    expect(csv.startsWith('\uFEFFNom;Prénom;')).toBe(true);
    const [header, row, end] = csv.slice(1).split('\r\n');
    expect(header.split(';')).toEqual(CASELOAD_CSV_HEADERS);
    expect(row).toBe(
      'Dupré-Cœur;Léa;1990;Référent unique;Zoé Lefèvre;"CCAS; Nantes";Socio-professionnelle;Contrat d’engagement;31/01/2027;1;Oui;;2;01/12/2026',
    );
    expect(end).toBe('');
  });
});
