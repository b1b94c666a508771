import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runDemoSeed } from '@relais/database';
import { isValidNir } from '@relais/pathways';
import { demoSeedSteps } from '../database/demo-seed-steps.js';
import { entities } from '../database/entities.js';
import { demoOrganizationsSeed } from './demo-organizations.seed.js';
import { demoPathwaysSeed } from './demo-pathways.seed.js';

const COUNTED_TABLES = [
  'account',
  'membership',
  'person',
  'team_member',
  'join_request',
  'obstacle',
  'contract',
  'goal',
  'plan_action',
  'appointment',
  'note',
  'note_revision',
  'timeline_event',
];

describe('the demo pathway files', () => {
  let dataSource: DataSource;

  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    dataSource.query<T[]>(sql, params);
  const counts = async (): Promise<Record<string, number>> => {
    const result: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const [row] = await rows<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
      result[table] = row?.count ?? -1;
    }
    return result;
  };
  const peopleOf = async (territory: string): Promise<number> => {
    const [row] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM person p JOIN territory t ON t.id = p.territory_id
       WHERE t.code = $1`,
      [territory],
    );
    return row?.count ?? 0;
  };

  beforeAll(async () => {
    dataSource = new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, entities }),
    );
    await dataSource.initialize();
    await runDemoSeed(dataSource, demoSeedSteps);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  // How fast the whole demo seed runs is measured in bench/ (bench/demo-seed.mjs), not here.
  it('comes after the organizations in the demo steps', () => {
    expect(demoSeedSteps.indexOf(demoPathwaysSeed)).toBe(
      demoSeedSteps.indexOf(demoOrganizationsSeed) + 1,
    );
  });

  it('gives Loire-Atlantique about fifty people and Vendée five', async () => {
    expect(await peopleOf('44')).toBeGreaterThanOrEqual(45);
    expect(await peopleOf('44')).toBeLessThanOrEqual(55);
    expect(await peopleOf('85')).toBe(5);
  });

  it('gives every person a team of 1 to 4 active professionals of their territory, at most one referent', async () => {
    const teams = await rows<{ members: number; referents: number; valid: number }>(
      `SELECT count(tm.id)::int AS members,
              count(tm.id) FILTER (WHERE tm.role = 'REFERENT')::int AS referents,
              count(m.id)::int AS valid
       FROM person p
       LEFT JOIN team_member tm ON tm.person_id = p.id AND tm.left_at IS NULL
       LEFT JOIN membership m ON m.id = tm.membership_id AND m.account_id = tm.account_id
         AND m.structure_id = tm.structure_id AND m.territory_id = p.territory_id
         AND m.role = 'PROFESSIONAL' AND m.revoked_at IS NULL
       GROUP BY p.id`,
    );
    expect(teams).toHaveLength(55);
    for (const team of teams) {
      expect(team.members).toBeGreaterThanOrEqual(1);
      expect(team.members).toBeLessThanOrEqual(4);
      expect(team.referents).toBeLessThanOrEqual(1);
      expect(team.valid).toBe(team.members);
    }
    // Most have a referent; a few wait for their orientation.
    const withoutReferent = teams.filter((team) => team.referents === 0).length;
    expect(withoutReferent).toBeGreaterThanOrEqual(1);
    expect(withoutReferent).toBeLessThanOrEqual(5);
    const [handovers] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM team_member
       WHERE role = 'REFERENT' AND left_reason = 'HANDOVER'
         AND left_at BETWEEN now() - interval '11 days' AND now() - interval '9 days'`,
    );
    expect(handovers?.count).toBeGreaterThanOrEqual(2);
  });

  it('gives the caseworker personas a lively caseload', async () => {
    const caseload = await rows<{ email: string; role: string; count: number }>(
      `SELECT a.email, tm.role, count(*)::int AS count
       FROM team_member tm JOIN account a ON a.id = tm.account_id
       WHERE tm.left_at IS NULL GROUP BY a.email, tm.role`,
    );
    const of = (email: string, role: string): number =>
      caseload.find((row) => row.email === email && row.role === role)?.count ?? 0;
    expect(of('claire.moreau@relais.demo', 'REFERENT')).toBeGreaterThanOrEqual(15);
    expect(of('claire.moreau@relais.demo', 'REFERENT')).toBeLessThanOrEqual(20);
    expect(of('claire.moreau@relais.demo', 'FOLLOWER')).toBeGreaterThanOrEqual(2);
    expect(of('yanis.benali@relais.demo', 'REFERENT')).toBeGreaterThanOrEqual(4);
    expect(of('lea.brunet@relais.demo', 'REFERENT')).toBeGreaterThanOrEqual(3);

    const [upcoming] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM appointment ap
       JOIN team_member tm ON tm.person_id = ap.person_id AND tm.left_at IS NULL
       JOIN account a ON a.id = tm.account_id
       WHERE a.email = 'claire.moreau@relais.demo' AND ap.status = 'PLANNED' AND ap.starts_at > now()`,
    );
    expect(upcoming?.count).toBeGreaterThanOrEqual(3);
  });

  it('leaves pending join requests from professionals outside the team', async () => {
    const requests = await rows<{ in_team: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM team_member tm WHERE tm.person_id = jr.person_id
                        AND tm.account_id = jr.account_id AND tm.left_at IS NULL) AS in_team
       FROM join_request jr WHERE jr.status = 'PENDING'`,
    );
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(requests.every((request) => !request.in_team)).toBe(true);
  });

  it('holds sensitive obstacles and notes, with sensitive timeline events', async () => {
    const [sensitive] = await rows<{ obstacles: number; notes: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM obstacle WHERE theme IN ('HEALTH', 'DISABILITY', 'JUSTICE')
                 AND comment IS NOT NULL) AS obstacles,
              (SELECT count(*)::int FROM note WHERE sensitive) AS notes,
              (SELECT count(*)::int FROM timeline_event e JOIN obstacle o ON o.id = e.subject_id
                 WHERE o.theme IN ('HEALTH', 'DISABILITY', 'JUSTICE') AND e.sensitive) AS events`,
    );
    expect(sensitive?.obstacles).toBeGreaterThanOrEqual(5);
    expect(sensitive?.notes).toBeGreaterThanOrEqual(1);
    expect(sensitive?.events).toBeGreaterThanOrEqual(sensitive?.obstacles ?? 1);
    const [unflagged] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM timeline_event e JOIN obstacle o ON o.id = e.subject_id
       WHERE o.theme IN ('HEALTH', 'DISABILITY', 'JUSTICE') AND NOT e.sensitive`,
    );
    expect(unflagged?.count).toBe(0);
  });

  it('stores identifiers in their formats, NIRs valid and matching the birth date', async () => {
    const people = await rows<{
      nir: string | null;
      birth_date: string;
      age: number;
      phone: string | null;
      caf_number: string | null;
      france_travail_id: string | null;
      postal_code: string;
      code: string;
      search_name: string;
      rights: string;
      rights_and_duties: boolean;
    }>(
      `SELECT p.nir, p.birth_date::text AS birth_date,
              date_part('year', age(p.birth_date))::int AS age, p.phone, p.caf_number,
              p.france_travail_id, p.postal_code, t.code, p.search_name, p.rights::text AS rights,
              p.rights_and_duties
       FROM person p JOIN territory t ON t.id = p.territory_id`,
    );
    const withNir = people.filter((person) => person.nir !== null);
    expect(withNir.length).toBeGreaterThanOrEqual(15);
    for (const person of withNir) {
      const nir = person.nir as string;
      expect(nir).toMatch(/^[12]\d{14}$/);
      expect(isValidNir(nir)).toBe(true);
      expect(97n - (BigInt(nir.slice(0, 13)) % 97n)).toBe(BigInt(nir.slice(13)));
      expect(nir.slice(1, 3)).toBe(person.birth_date.slice(2, 4));
      expect(nir.slice(3, 5)).toBe(person.birth_date.slice(5, 7));
    }
    for (const person of people) {
      expect(person.age).toBeGreaterThanOrEqual(18);
      expect(person.age).toBeLessThanOrEqual(64);
      expect(person.postal_code.startsWith(person.code)).toBe(true);
      if (person.phone) expect(person.phone).toMatch(/^0[67]\d{8}$/);
      if (person.caf_number) expect(person.caf_number).toMatch(/^\d{7}$/);
      if (person.france_travail_id) expect(person.france_travail_id).toMatch(/^\d{7}[A-Z]$/);
      expect(person.search_name).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
      expect(person.rights_and_duties).toBe(person.rights.includes('RSA'));
    }
    expect(people.filter((person) => person.caf_number).length).toBeGreaterThan(people.length / 2);
    expect(people.filter((person) => person.rights.includes('RQTH')).length).toBeGreaterThan(0);
  });

  it('tells each file in 10 to 20 timeline events by its team, the latest being its last activity', async () => {
    const files = await rows<{ events: number; latest: boolean; by_others: number }>(
      `SELECT count(e.id)::int AS events,
              max(e.occurred_at) = p.last_activity_at AS latest,
              count(e.id) FILTER (WHERE e.type <> 'team.join_requested' AND NOT EXISTS (
                SELECT 1 FROM team_member tm WHERE tm.person_id = p.id
                  AND tm.account_id = e.actor_account_id
                  AND tm.membership_id = e.actor_membership_id))::int AS by_others
       FROM person p JOIN timeline_event e ON e.person_id = p.id GROUP BY p.id`,
    );
    expect(files).toHaveLength(55);
    for (const file of files) {
      expect(file.events).toBeGreaterThanOrEqual(10);
      // 10 to 20 from the pathway step; the handover step adds one to the files it hands over.
      expect(file.events).toBeLessThanOrEqual(21);
      expect(file.latest).toBe(true);
      expect(file.by_others).toBe(0);
    }
    const [future] = await rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM timeline_event WHERE occurred_at > now()',
    );
    expect(future?.count).toBe(0);
    // Summaries never carry a note's body or a NIR.
    const [leaks] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM timeline_event e
       WHERE EXISTS (SELECT 1 FROM note n WHERE e.after::text LIKE '%' || left(n.body, 30) || '%')
          OR EXISTS (SELECT 1 FROM person p WHERE p.nir IS NOT NULL
                       AND concat(e.before::text, e.after::text) LIKE '%' || p.nir || '%')`,
    );
    expect(leaks?.count).toBe(0);
  });

  it('changes nothing when run again', async () => {
    const before = await counts();
    expect(before.person).toBe(55);
    await runDemoSeed(dataSource, demoSeedSteps);
    expect(await counts()).toEqual(before);
  });
});
