import { graphql, type ResultOf } from '../api/graphql';

const SPACE_APPOINTMENT = graphql(`
  fragment SpaceAppointmentFields on SpaceAppointment @_unmask {
    id
    startsAt
    durationMinutes
    withWhom
    location
    remote
    status
    presence
    presenceAnsweredAt
  }
`);

/** The person's own space (a person session only): one read, logged with the ground SELF. */
export const SPACE_QUERY = graphql(
  `
    query MySpace {
      mySpace {
        personId
        givenName
        followers {
          givenName
          familyName
          role
          structureName
          workEmail
          workPhone
        }
        upcomingAppointments {
          ...SpaceAppointmentFields
        }
        pastAppointments {
          ...SpaceAppointmentFields
        }
        plan {
          targetJob
          goals {
            id
            title
            status
          }
          actions {
            id
            title
            status
            startsOn
            dueOn
            goalId
          }
          contracts {
            type
            startsOn
            endsOn
          }
        }
        space {
          email
        }
      }
    }
  `,
  [SPACE_APPOINTMENT],
);

export const ANSWER_APPOINTMENT = graphql(
  `
    mutation AnswerAppointment($input: AnswerAppointmentInput!) {
      answerAppointment(input: $input) {
        ...SpaceAppointmentFields
      }
    }
  `,
  [SPACE_APPOINTMENT],
);

export type MySpaceData = ResultOf<typeof SPACE_QUERY>['mySpace'];
export type SpaceAppointment = MySpaceData['upcomingAppointments'][number];

const WHEN = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});
const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/** "mardi 9 décembre à 10:00", with a capital: the start of a line. */
export function formatWhen(iso: string): string {
  const text = WHEN.format(new Date(iso));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A calendar day or an instant as "3 décembre 2026". */
export function formatDay(value: string): string {
  return DAY.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00` : value));
}
