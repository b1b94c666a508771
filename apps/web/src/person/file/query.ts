import { graphql, type ResultOf } from '../../api/graphql';

/**
 * The whole file but its timeline and access log (their own paginated queries keep this one
 * under the API's depth and cost limits). Each read is logged by the API.
 */
export const PERSON_FILE = graphql(`
  query PersonFile($id: ID!) {
    person(id: $id) {
      id
      version
      status
      givenName
      familyName
      birthName
      birthDate
      gender
      birthplace
      birthCountry
      email
      phone
      addressLine
      postalCode
      city
      nir
      nirRedacted
      cafNumber
      franceTravailId
      externalId
      rights
      sensitiveRightsRedacted
      rightsAndDuties
      restricted
      objection
      orientationType
      orientationStructureId
      territoryId
      lastActivityAt
      createdAt
      access {
        canWrite
        canReadSensitive
        ground
        teamRole
      }
      team(includeFormer: true) {
        id
        accountId
        givenName
        familyName
        role
        structureId
        structureName
        joinedAt
        joinReason
        leftAt
        leftReason
        workEmail
        workPhone
      }
      openHandover {
        id
        toStructureName
        toAccountName
        expiresAt
        canOpen
      }
      pendingJoinRequests {
        id
        requesterName
        structureName
        reason
        createdAt
      }
      obstacles {
        id
        theme
        status
        comment
        sensitive
        redacted
        updatedAt
        version
      }
      project {
        targetJob
        romeCode
        mobilityRadiusKm
        contractsSought
      }
      contracts {
        id
        type
        startsOn
        endsOn
        version
      }
      goals {
        id
        title
        status
        version
      }
      actions {
        id
        title
        status
        goalId
        obstacleId
        startsOn
        dueOn
        sensitive
        redacted
        version
      }
      appointments {
        id
        startsAt
        durationMinutes
        withWhom
        location
        remote
        status
        personPresence
        personPresenceAnsweredAt
        version
      }
      notes {
        id
        body
        authorName
        authorStructureName
        visibility
        sensitive
        redacted
        mine
        canEdit
        createdAt
        updatedAt
        version
      }
    }
  }
`);

export type PersonFile = ResultOf<typeof PERSON_FILE>['person'];

/** What every section gets: the file, and a way to read it again after a change. */
export interface SectionProps {
  readonly person: PersonFile;
  /** Reads the file again (after a change, or to resolve a conflict). */
  readonly reload: () => Promise<unknown>;
}
