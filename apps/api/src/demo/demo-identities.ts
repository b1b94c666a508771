import { Gender, searchText } from '@relais/pathways';
import {
  BIRTH_COUNTRIES,
  BIRTH_DEPARTMENTS,
  BIRTH_TOWNS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  type Origin,
} from './data/names.data.js';
import type { RosterEntry } from './data/roster.data.js';
import type { Identity } from './demo-pathway.types.js';
import { DAY, isoDate, nirKey, SeededRandom } from './demo-random.js';

/** Who the demo people are (names, birth, NIR), drawn without duplicates from the generator. */
export class DemoIdentities {
  private readonly taken = new Set<string>();

  /** Places of birth are drawn apart, so that adding them changed no other draw of the demo. */
  private readonly births: SeededRandom;

  constructor(
    private readonly random: SeededRandom,
    private readonly now: number,
    birthSeed: number,
  ) {
    this.births = new SeededRandom(birthSeed);
  }

  unique(kind: string, make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.taken.has(`${kind}:${value}`)) {
        this.taken.add(`${kind}:${value}`);
        return value;
      }
    }
  }

  identity(entry: RosterEntry): Identity {
    const random = this.random;
    const [minAge, maxAge] =
      entry.ages ??
      (entry.profile === 'YOUTH' ? [18, 25] : entry.profile === 'JOBSEEKER' ? [26, 62] : [25, 63]);
    const sex = entry.sex ?? (random.chance(0.55) ? 'F' : 'M');
    const origin: Origin = random.chance(0.7)
      ? 'fr'
      : random.pick([
          'maghreb',
          'maghreb',
          'westAfrica',
          'westAfrica',
          'turkey',
          'portugal',
        ] as const);
    for (;;) {
      const age = random.int(minAge, maxAge);
      const anniversary = Date.UTC(
        new Date(this.now).getUTCFullYear() - age,
        new Date(this.now).getUTCMonth(),
        new Date(this.now).getUTCDate(),
      );
      const birthDate = isoDate(anniversary - random.int(1, 360) * DAY);
      const givenName = random.pick(GIVEN_NAMES[origin][sex]);
      const familyName = random.pick(FAMILY_NAMES[origin]);
      const married = sex === 'F' && age >= 27 && random.chance(0.4);
      const birthName = married
        ? random.pick(
            FAMILY_NAMES[random.chance(0.8) ? origin : 'fr'].filter((name) => name !== familyName),
          )
        : null;
      // The database refuses two people of a territory with the same names and birth date.
      const key = `${searchText(familyName, givenName)}|${birthDate}`;
      if (this.taken.has(`name:${key}`)) continue;
      this.taken.add(`name:${key}`);
      return {
        sex,
        origin,
        bornAbroad: origin !== 'fr' && random.chance(0.55),
        givenName,
        familyName,
        birthName,
        birthDate,
        age,
      };
    }
  }

  /** What FranceConnect's identity pivot is matched against, besides names and birth date. */
  birth(identity: Identity): { gender: Gender; birthplace: string | null; birthCountry: string } {
    const gender = identity.sex === 'F' ? Gender.FEMALE : Gender.MALE;
    if (identity.bornAbroad && identity.origin !== 'fr') {
      const country = this.births.pick(BIRTH_COUNTRIES[identity.origin]);
      return { gender, birthplace: null, birthCountry: `99${country}` };
    }
    return { gender, birthplace: this.births.pick(BIRTH_TOWNS), birthCountry: '99100' };
  }

  nir(identity: Identity): string {
    return this.unique('nir', () => {
      const [year, month] = identity.birthDate.split('-') as [string, string];
      const place =
        identity.bornAbroad && identity.origin !== 'fr'
          ? `99${this.random.pick(BIRTH_COUNTRIES[identity.origin])}`
          : `${this.random.pick(BIRTH_DEPARTMENTS)}${String(this.random.int(1, 350)).padStart(3, '0')}`;
      const body = `${identity.sex === 'M' ? 1 : 2}${year.slice(2)}${month}${place}${String(this.random.int(1, 999)).padStart(3, '0')}`;
      return body + nirKey(body);
    });
  }
}
