import { type AccountEntity, Role } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import { AppointmentRemindersJob } from '@relais/person-space';
import {
  addTeamMember,
  connectSocket,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  waitUntil,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import { type EmailingRelais, startEmailingRelais } from '../notifications/email-support.js';
import { nextEvent, type NotificationNode } from '../notifications/notification-support.js';
import { graphqlAsPerson, membershipOf, personToken } from './person-space.fixtures.js';
import { startFromEmptyTables } from '../support/app.js';

const MY_APPOINTMENTS = `{ mySpace { personId
  upcomingAppointments { id startsAt durationMinutes withWhom location remote status presence presenceAnsweredAt }
  pastAppointments { id startsAt status presence } } }`;
const ANSWER = `mutation($input: AnswerAppointmentInput!) {
  answerAppointment(input: $input) { id status presence presenceAnsweredAt }
}`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) {
  scheduleAppointment(input: $input) { id version }
}`;
const UPDATE = `mutation($input: UpdateAppointmentInput!) {
  updateAppointment(input: $input) { id version }
}`;
const FILE_APPOINTMENTS = `query($id: ID!) { person(id: $id) {
  appointments { id personPresence personPresenceAnsweredAt } } }`;
const INVITE = `mutation($input: InvitePersonToSpaceInput!) {
  invitePersonToSpace(input: $input) { enabled }
}`;
const REVOKE = `mutation($personId: ID!) { revokePersonSpace(personId: $personId) { enabled } }`;

const DAY = 24 * 3600 * 1000;

interface SpaceAppointment {
  id: string;
  startsAt: string;
  status: string;
  presence: string | null;
  presenceAnsweredAt?: string | null;
}

/** 13:00 UTC (14:00 in Paris in winter) `days` days from now: a weekday afternoon appointment. */
function afternoonIn(days: number): Date {
  const day = new Date(Date.now() + days * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 13));
}

// The person's appointments in their space (issue 22): what they see, their answer reaching the
// referent live and on the file, and the reminders emailed to them.
describe('appointments in the person’s space', () => {
  startFromEmptyTables();
  let emailing: EmailingRelais;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let referent: AccountEntity;
  let referentClient: GraphqlHttpClient;
  let socket: Socket;
  let counter = 0;

  beforeAll(async () => {
    emailing = await startEmailingRelais();
    const { relais } = emailing;
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory, {
      name: 'Maison des solidarités de Rezé',
    });
    referent = await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }], {
      givenName: 'Claire',
      familyName: 'Moreau',
    });
    const { accessToken } = await relais.signIn(referent.id);
    referentClient = relais.graphql.withHeaders({ authorization: `Bearer ${accessToken}` });
    socket = await connectSocket(relais.baseUrl, { auth: { token: accessToken } });
  });

  afterAll(async () => {
    socket.close();
    await emailing.close();
  });

  /** A person Claire Moreau follows, invited to their space: their address and GraphQL client. */
  async function followedPerson(): Promise<{
    person: PersonEntity;
    email: string;
    me: GraphqlHttpClient;
  }> {
    const { relais } = emailing;
    counter += 1;
    const person = await createPerson(relais.dataSource, territory, { givenName: 'Awa' });
    await addTeamMember(
      relais.dataSource,
      person,
      referent,
      await membershipOf(relais, referent),
      TeamRole.REFERENT,
    );
    const email = `awa.rdv${counter}.${Date.now()}@example.test`;
    await referentClient.data(INVITE, { input: { personId: person.id, email } });
    return { person, email, me: graphqlAsPerson(relais, await personToken(relais, person)) };
  }

  async function schedule(
    person: PersonEntity,
    startsAt: Date,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; version: number }> {
    const { scheduleAppointment } = await referentClient.data<{
      scheduleAppointment: { id: string; version: number };
    }>(SCHEDULE, {
      input: {
        personId: person.id,
        startsAt: startsAt.toISOString(),
        durationMinutes: 45,
        withWhom: 'Claire Moreau',
        location: 'Maison des solidarités, 3 rue de la Commune, Rezé',
        ...extra,
      },
    });
    return scheduleAppointment;
  }

  async function cancel(appointment: { id: string; version: number }): Promise<void> {
    await referentClient.data(UPDATE, {
      input: { appointmentId: appointment.id, version: appointment.version, status: 'CANCELLED' },
    });
  }

  it('lists the upcoming appointments soonest first, cancelled ones included, and the past ones latest first', async () => {
    const { person, me } = await followedPerson();
    const later = await schedule(person, afternoonIn(9));
    const soon = await schedule(person, afternoonIn(2), { remote: true, location: null });
    const cancelled = await schedule(person, afternoonIn(5));
    await cancel(cancelled);
    const lastWeek = await schedule(person, afternoonIn(-7));
    const lastMonth = await schedule(person, afternoonIn(-30));

    const { mySpace } = await me.data<{
      mySpace: {
        personId: string;
        upcomingAppointments: SpaceAppointment[];
        pastAppointments: SpaceAppointment[];
      };
    }>(MY_APPOINTMENTS);
    expect(mySpace.personId).toBe(person.id);
    expect(mySpace.upcomingAppointments.map((a) => [a.id, a.status])).toEqual([
      [soon.id, 'PLANNED'],
      [cancelled.id, 'CANCELLED'],
      [later.id, 'PLANNED'],
    ]);
    expect(mySpace.upcomingAppointments[0]).toMatchObject({
      durationMinutes: 45,
      withWhom: 'Claire Moreau',
      location: null,
      remote: true,
      presence: null,
      presenceAnsweredAt: null,
    });
    expect(mySpace.pastAppointments.map((a) => a.id)).toEqual([lastWeek.id, lastMonth.id]);
  });

  it('takes the person’s answer, a new one replacing it; the referent is told live and sees it on the file', async () => {
    const { relais, dispatcher } = emailing;
    const { person, me } = await followedPerson();
    const appointment = await schedule(person, afternoonIn(4));

    const pushed = nextEvent<NotificationNode>(
      socket,
      'notification',
      (n) => n.person?.id === person.id && n.type === 'appointment.answered',
    );
    const { answerAppointment } = await me.data<{ answerAppointment: SpaceAppointment }>(ANSWER, {
      input: { appointmentId: appointment.id, presence: 'COMING' },
    });
    expect(answerAppointment).toMatchObject({ id: appointment.id, presence: 'COMING' });
    expect(answerAppointment.presenceAnsweredAt).not.toBeNull();
    await dispatcher.dispatchPending();
    expect(await pushed).toMatchObject({
      type: 'appointment.answered',
      person: { id: person.id },
    });

    const changed = await me.data<{ answerAppointment: SpaceAppointment }>(ANSWER, {
      input: { appointmentId: appointment.id, presence: 'NOT_COMING' },
    });
    expect(changed.answerAppointment.presence).toBe('NOT_COMING');

    const { person: file } = await referentClient.data<{
      person: { appointments: { id: string; personPresence: string | null }[] };
    }>(FILE_APPOINTMENTS, { id: person.id });
    expect(file.appointments).toEqual([
      expect.objectContaining({ id: appointment.id, personPresence: 'NOT_COMING' }),
    ]);
    // Each answer is in the file's timeline, and a notification for the referent.
    const timeline = await relais.dataSource.query<{ after: { presence: string } }[]>(
      `SELECT after FROM timeline_event WHERE person_id = $1 AND type = 'appointment.answered'
        ORDER BY occurred_at`,
      [person.id],
    );
    expect(timeline.map((row) => row.after.presence)).toEqual(['COMING', 'NOT_COMING']);
    const notified = await relais.dataSource.query<{ account_id: string }[]>(
      `SELECT n.account_id FROM notification n JOIN outbox_event e ON e.id = n.event_id
        WHERE e.person_id = $1 AND e.type = 'appointment.answered'`,
      [person.id],
    );
    expect(new Set(notified.map((row) => row.account_id))).toEqual(new Set([referent.id]));
  });

  it('refuses, with a reason, a past, a cancelled or another person’s appointment, and any in a restricted or archived file', async () => {
    const { person, me } = await followedPerson();
    const other = await followedPerson();
    const past = await schedule(person, afternoonIn(-3));
    const cancelled = await schedule(person, afternoonIn(3));
    await cancel(cancelled);
    const theirs = await schedule(other.person, afternoonIn(3));

    const refusal = async (appointmentId: string) =>
      (await me.execute(ANSWER, { input: { appointmentId, presence: 'COMING' } })).errors?.[0]
        ?.extensions;
    expect(await refusal(past.id)).toMatchObject({ code: 'CONFLICT', reason: 'APPOINTMENT_PAST' });
    expect(await refusal(cancelled.id)).toMatchObject({
      code: 'CONFLICT',
      reason: 'APPOINTMENT_CANCELLED',
    });
    expect(await refusal(theirs.id)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OF_PERSON' });
    expect(await refusal('00000000-0000-4000-8000-000000000000')).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_OF_PERSON',
    });
    // Nothing is recorded in a restricted file, nor in an archived one.
    const { relais } = emailing;
    const upcoming = await schedule(person, afternoonIn(4));
    await relais.dataSource.query(`UPDATE person SET restricted = true WHERE id = $1`, [person.id]);
    expect(await refusal(upcoming.id)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PROCESSING_RESTRICTED',
    });
    await relais.dataSource.query(
      `UPDATE person SET restricted = false, status = 'ARCHIVED', archived_at = now() WHERE id = $1`,
      [person.id],
    );
    expect(await refusal(upcoming.id)).toMatchObject({ code: 'CONFLICT', reason: 'FILE_ARCHIVED' });
    const answers = await relais.dataSource.query<unknown[]>(
      `SELECT 1 FROM timeline_event WHERE subject_id = $1 AND type = 'appointment.answered'`,
      [upcoming.id],
    );
    expect(answers).toEqual([]);
    // A professional's session may not answer for the person.
    const asReferent = await referentClient.execute(ANSWER, {
      input: { appointmentId: cancelled.id, presence: 'COMING' },
    });
    expect(asReferent.errors?.[0]?.extensions).toMatchObject({ reason: 'PERSON_ONLY' });
  });

  it('emails each reminder once, two days before and the same morning; none for a cancelled appointment or a revoked space; a moved one follows its new time', async () => {
    const { relais, smtp, sender } = emailing;
    const job = relais.app.get(AppointmentRemindersJob);
    const { person, email } = await followedPerson();
    const revoked = await followedPerson();
    const startsAt = afternoonIn(20);
    const appointment = await schedule(person, startsAt);
    await schedule(person, startsAt, { withWhom: 'Atelier CV' }).then(cancel);
    await schedule(revoked.person, startsAt);
    await referentClient.data(REVOKE, { personId: revoked.person.id });
    const reminders = (to: string) =>
      smtp.messages().filter((m) => m.envelope.to.includes(to) && m.subject.startsWith('Rappel'));
    const toPerson = () => reminders(email);
    const toRevoked = () => reminders(revoked.email);

    // 07:00 in Paris two days before (06:00 UTC in winter, 05:00 in summer): 08:00 UTC is in the window.
    const twoDaysBefore = new Date(startsAt.getTime() - 2 * DAY - 5 * 3600 * 1000);
    expect(await job.runOnce(new Date(twoDaysBefore.getTime() - 4 * 3600 * 1000))).toBe(0);
    expect(await job.runOnce(twoDaysBefore)).toBe(1);
    expect(await job.runOnce(new Date(twoDaysBefore.getTime() + 3600 * 1000))).toBe(0);
    await sender.sendDue();
    await waitUntil(() => toPerson().length >= 1);
    expect(toPerson()).toHaveLength(1);
    expect(toPerson()[0].subject).toMatch(/^Rappel\u202f: rendez-vous le /);
    expect(toPerson()[0].text).toContain('avec Claire Moreau');
    expect(toPerson()[0].text).toContain('3 rue de la Commune');
    expect(toPerson()[0].text).toContain('/mon-espace');

    const sameMorning = new Date(startsAt.getTime() - 5 * 3600 * 1000);
    expect(await job.runOnce(sameMorning)).toBe(1);
    expect(await job.runOnce(new Date(sameMorning.getTime() + 600_000))).toBe(0);
    await sender.sendDue();
    await waitUntil(() => toPerson().length >= 2);
    expect(toPerson().map((m) => m.subject)).toEqual([
      expect.stringMatching(/rendez-vous le /),
      expect.stringMatching(/^Rappel\u202f: rendez-vous aujourd’hui à /),
    ]);
    expect(toRevoked()).toEqual([]);

    // Moved a week later: its reminders go again, for the new time.
    const [{ version }] = await relais.dataSource.query<{ version: number }[]>(
      `SELECT version FROM appointment WHERE id = $1`,
      [appointment.id],
    );
    const moved = new Date(startsAt.getTime() + 7 * DAY);
    await referentClient.data(UPDATE, {
      input: { appointmentId: appointment.id, version, startsAt: moved.toISOString() },
    });
    expect(await job.runOnce(twoDaysBefore)).toBe(0);
    expect(await job.runOnce(new Date(twoDaysBefore.getTime() + 7 * DAY))).toBe(1);
    await sender.sendDue();
    await waitUntil(() => toPerson().length >= 3);
    expect(toPerson()).toHaveLength(3);
    expect(toRevoked()).toEqual([]);
  });
});
