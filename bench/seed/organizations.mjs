/**
 * Who works where, for a bench size: territories and their people counts, about fifteen
 * structures per territory, and the accounts and memberships of their staff. Professionals are
 * one per ~90 people, so that a caseworker's caseload is about the same at every size (the
 * growth scenario compares like with like); that gives about 1,500 accounts at size M.
 */
import { mixSeed, Random, Weighted, zipf } from './prng.mjs';

const DAY = 86_400_000;
import {
  ASSOCIATION_NAMES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  LARGE_TERRITORIES,
  MAIN_TERRITORY,
  ofPlace,
  SIAE_NAMES,
  SMALL_TERRITORIES,
  STREETS,
} from './vocabulary.mjs';

export const SIZES = {
  S: [{ ...MAIN_TERRITORY, people: 10_000 }],
  M: [
    { ...MAIN_TERRITORY, people: 100_000 },
    ...SMALL_TERRITORIES.map((territory) => ({ ...territory, people: 2_000 })),
  ],
  L: [{ ...MAIN_TERRITORY, people: 100_000 }, ...shareOut(LARGE_TERRITORIES, 900_000)],
};

/** Splits `total` people over territories by their weights, to the unit. */
function shareOut(territories, total) {
  const weights = territories.reduce((sum, territory) => sum + territory.weight, 0);
  let left = total;
  return territories.map((territory, index) => {
    const people =
      index === territories.length - 1 ? left : Math.round((total * territory.weight) / weights);
    left -= people;
    return { ...territory, people };
  });
}

export const PEOPLE_PER_PROFESSIONAL = 90;

/**
 * The structures of a territory, with the share of its professionals each employs: about the
 * share of the teams it is in, so that caseloads are alike from one structure to another.
 */
function structureSpecs(territory, index) {
  const seen = new Set();
  const places = territory.towns.filter(([city]) => !seen.has(city) && seen.add(city));
  const town = (at) => places[at % places.length];
  const spec = (type, name, share, [city, postalCode]) => ({
    type,
    name,
    share,
    city,
    postalCode,
  });
  return [
    spec('CONSEIL_DEPARTEMENTAL', `Département ${territory.of}`, 0.19, town(0)),
    spec('FRANCE_TRAVAIL', `France Travail ${town(0)[0]}`, 0.075, town(0)),
    spec('FRANCE_TRAVAIL', `France Travail ${town(1)[0]}`, 0.075, town(1)),
    spec('FRANCE_TRAVAIL', `France Travail ${town(2)[0]}`, 0.07, town(2)),
    spec('MISSION_LOCALE', `Mission locale ${ofPlace(town(0)[0])}`, 0.025, town(0)),
    spec('MISSION_LOCALE', `Mission locale ${ofPlace(town(3)[0])}`, 0.025, town(3)),
    spec('CAP_EMPLOI', `Cap emploi ${territory.code}`, 0.03, town(0)),
    spec('CAF', `CAF ${territory.of}`, 0.13, town(0)),
    spec('MSA', `MSA ${territory.of}`, 0.03, town(0)),
    spec('CCAS', `CCAS ${ofPlace(town(0)[0])}`, 0.05, town(0)),
    spec('CCAS', `CCAS ${ofPlace(town(1)[0])}`, 0.05, town(1)),
    spec('ASSOCIATION', ASSOCIATION_NAMES[(2 * index) % ASSOCIATION_NAMES.length], 0.07, town(0)),
    spec(
      'ASSOCIATION',
      ASSOCIATION_NAMES[(2 * index + 1) % ASSOCIATION_NAMES.length],
      0.07,
      town(2),
    ),
    spec('SIAE', SIAE_NAMES[(2 * index) % SIAE_NAMES.length], 0.055, town(1)),
    spec('SIAE', SIAE_NAMES[(2 * index + 1) % SIAE_NAMES.length], 0.055, town(0)),
  ];
}

/** The accounts scenarios sign in as, by the structure (index in structureSpecs) they work in. */
const KNOWN_CASEWORKERS = [0, 1, 4, 0, 2, 9, 6, 11, 13, 7];

/** A 14-digit SIRET whose Luhn check passes. */
function siret(random) {
  const digits = [...random.digits(13)].map(Number);
  const sum = digits.reduce((total, digit, index) => {
    if (index % 2 === 1) return total + digit;
    const doubled = digit * 2;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

/** "Émilie", "Le Gall" → "emilie", "legall": the ASCII of an email address. */
export function emailPart(name) {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/[^A-Za-z-]/g, '')
    .toLowerCase();
}

/**
 * Builds the organizations of a size: rows for territory, structure, account and membership,
 * and for each territory the professionals that people's teams are drawn from.
 */
export function buildOrganizations(size, seed, today) {
  const random = new Random(mixSeed(seed, 0x0a9));
  // Everything was set up before the oldest file (1,030 days), an hour or so apart.
  const since = (days) => today - days * DAY + random.int(8 * 60, 17 * 60) * 60_000;
  const frGiven = { F: zipf(GIVEN_NAMES.fr.F), M: zipf(GIVEN_NAMES.fr.M) };
  const frFamily = zipf(FAMILY_NAMES.fr);
  const rows = { territory: [], structure: [], account: [], membership: [] };
  const emails = new Set();
  const known = [];

  const account = (email, role) => {
    const sex = random.chance(0.7) ? 'F' : 'M';
    const givenName = frGiven[sex].draw(random);
    const familyName = frFamily.draw(random);
    let address = email;
    if (!address) {
      const base = `${emailPart(givenName)}.${emailPart(familyName).replace(/-/g, '')}`;
      address = `${base}@relais.bench`;
      for (let suffix = 2; emails.has(address); suffix += 1) {
        address = `${base}${suffix}@relais.bench`;
      }
    }
    emails.add(address);
    const row = {
      id: random.uuid(),
      email: address,
      givenName,
      familyName,
      role,
      createdAt: since(random.int(1_050, 1_150)),
    };
    rows.account.push(row);
    return row;
  };
  const membership = (accountRow, role, territoryId, structureId) => {
    const row = {
      id: random.uuid(),
      accountId: accountRow.id,
      role,
      structureId,
      territoryId,
      createdAt: accountRow.createdAt + 60_000,
    };
    rows.membership.push(row);
    return row;
  };

  const territories = SIZES[size].map((spec, territoryIndex) => {
    const main = territoryIndex === 0;
    const territory = {
      id: random.uuid(),
      code: spec.code,
      name: spec.name,
      people: spec.people,
      createdAt: since(1_200),
    };
    rows.territory.push(territory);
    const specs = structureSpecs(spec, territoryIndex);
    const professionals = Math.max(
      specs.length + 7,
      Math.round(spec.people / PEOPLE_PER_PROFESSIONAL),
    );
    const structures = specs.map((structureSpec, structureIndex) => {
      const row = {
        id: random.uuid(),
        territoryId: territory.id,
        type: structureSpec.type,
        name: structureSpec.name,
        siret: siret(random),
        addressLine: `${random.int(1, 90)} ${random.pick(STREETS)}`,
        postalCode: structureSpec.postalCode,
        city: structureSpec.city,
        createdAt: since(1_180),
        index: structureIndex,
        professionals: [],
      };
      rows.structure.push(row);
      const admin = account(
        main && structureIndex === 1 ? 'bench.structure-admin.1@relais.bench' : null,
        'STRUCTURE_ADMIN',
      );
      const adminMembership = membership(admin, 'STRUCTURE_ADMIN', territory.id, row.id);
      if (admin.email.startsWith('bench.'))
        known.push({ account: admin, membership: adminMembership, structure: row, territory });
      return row;
    });

    // Professionals: each structure its share, at least one.
    const counts = specs.map((structureSpec) =>
      Math.max(1, Math.round(professionals * structureSpec.share)),
    );
    const knownAt = new Map();
    if (main) {
      KNOWN_CASEWORKERS.forEach((structureIndex, position) => {
        const list = knownAt.get(structureIndex) ?? [];
        list.push(position + 1);
        knownAt.set(structureIndex, list);
      });
    }
    structures.forEach((structure, structureIndex) => {
      const numbers = knownAt.get(structureIndex) ?? [];
      for (let index = 0; index < Math.max(counts[structureIndex], numbers.length); index += 1) {
        const number = numbers[index];
        const accountRow = account(
          number ? `bench.caseworker.${number}@relais.bench` : null,
          'PROFESSIONAL',
        );
        const membershipRow = membership(accountRow, 'PROFESSIONAL', territory.id, structure.id);
        const professional = {
          accountId: accountRow.id,
          membershipId: membershipRow.id,
          structureId: structure.id,
          type: structure.type,
          label: `${accountRow.givenName} ${accountRow.familyName} (${structure.name})`,
          location: `${structure.name}, ${structure.city}`,
          // Part-time and full-time caseworkers; the first bench caseworker has the most people.
          weight: number === 1 ? 2 : random.pick([0.6, 1, 1, 1, 1.2, 1.4]),
          known: number !== undefined,
        };
        structure.professionals.push(professional);
        if (number) {
          known.push({ account: accountRow, membership: membershipRow, structure, territory });
        }
      }
      structure.picker = new Weighted(
        structure.professionals.map((professional) => [professional, professional.weight]),
      );
    });

    // Orientation managers at the Département, and a territory admin.
    const cd = structures[0];
    const managers = Math.max(1, Math.round(professionals / 200));
    for (let index = 0; index < managers; index += 1) {
      const email = main && index === 0 ? 'bench.orientation.1@relais.bench' : null;
      const manager = account(email, 'ORIENTATION_MANAGER');
      const row = membership(manager, 'ORIENTATION_MANAGER', territory.id, cd.id);
      if (email) known.push({ account: manager, membership: row, structure: cd, territory });
    }
    const adminEmail = main ? 'bench.territory-admin.1@relais.bench' : null;
    const territoryAdmin = account(adminEmail, 'TERRITORY_ADMIN');
    const adminRow = membership(territoryAdmin, 'TERRITORY_ADMIN', territory.id, null);
    if (adminEmail)
      known.push({ account: territoryAdmin, membership: adminRow, structure: null, territory });

    // A caseworker of the first small territory, to check that territories do not mix.
    if (territoryIndex === 1) {
      const other = structures[0].professionals[0];
      const row = rows.account.find((candidate) => candidate.id === other.accountId);
      row.email = 'bench.caseworker.other-territory@relais.bench';
      known.push({
        account: row,
        membership: rows.membership.find((candidate) => candidate.id === other.membershipId),
        structure: structures[0],
        territory,
      });
    }

    const byType = new Map();
    for (const structure of structures) {
      const list = byType.get(structure.type) ?? [];
      list.push(structure);
      byType.set(structure.type, list);
    }
    return { ...territory, structures, byType, towns: spec.towns };
  });

  const platformAdmin = account('bench.platform-admin@relais.bench', 'PLATFORM_ADMIN');
  const platformRow = membership(platformAdmin, 'PLATFORM_ADMIN', null, null);
  known.push({ account: platformAdmin, membership: platformRow, structure: null, territory: null });

  return { territories, rows, known };
}
