/**
 * The read scenarios: the GraphQL operation Relais receives and, in bench/raw/statements.mjs,
 * the one SQL statement the raw limit answers it with. Both servers receive the very same
 * request (POST /graphql, same body); the raw one dispatches on `operationName`.
 */

const SUMMARY = 'id givenName familyName birthYear status isMember referentStructure { id name }';

export const CASELOAD_QUERY = `query Caseload {
  caseload(first: 20) {
    edges { cursor node { lastActivityAt myRole nextAppointmentAt openGoals orientationType
      referentName person { ${SUMMARY} } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const OPEN_FILE_QUERY = `query OpenFile($id: ID!) {
  person(id: $id) {
    id givenName familyName birthName birthDate email phone addressLine postalCode city
    status territoryId version lastActivityAt orientationType restricted objection
    team { id accountId givenName familyName role structureId structureName structureType joinedAt }
    obstacles { id theme status comment sensitive redacted }
    contracts { id type startsOn endsOn }
    goals { id title status }
    actions { id title status startsOn dueOn goalId obstacleId sensitive redacted }
    timeline(first: 20) {
      edges { cursor node { id type occurredAt subjectType subjectId sensitive redacted before after
        actor { name structureName partnerSystem } } }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

export const SEARCH_QUERY = `query Search($query: String!) {
  searchPeople(query: $query, first: 20) {
    edges { cursor node { ${SUMMARY} } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const WORK_SECTION = `count items { id redacted at on label structureName actorName
  person { id givenName familyName birthYear isMember } }`;

/** The home, "À traiter", as the web asks it (apps/web/src/home/work-queue.ts, MY_WORK). */
export const MY_WORK_QUERY = `query MyWork {
  myWork {
    incomingHandovers { ${WORK_SECTION} }
    unassignedPeople { ${WORK_SECTION} }
    joinRequests { ${WORK_SECTION} }
    orientationRequests { ${WORK_SECTION} }
    overdueActions { ${WORK_SECTION} }
    endingContracts { ${WORK_SECTION} }
    appointments { ${WORK_SECTION} }
    rightsRequests { ${WORK_SECTION} }
    unreadNotificationCount
  }
}`;

/** What each scenario sends: one body per rotation step. */
export function requestBodies(scenario, fixtures) {
  switch (scenario) {
    case 'caseload':
      return [JSON.stringify({ operationName: 'Caseload', query: CASELOAD_QUERY, variables: {} })];
    case 'open-file':
      return fixtures.personIds.map((id) =>
        JSON.stringify({ operationName: 'OpenFile', query: OPEN_FILE_QUERY, variables: { id } }),
      );
    case 'search':
      return fixtures.prefixes.map((query) =>
        JSON.stringify({ operationName: 'Search', query: SEARCH_QUERY, variables: { query } }),
      );
    case 'home':
      return [JSON.stringify({ operationName: 'MyWork', query: MY_WORK_QUERY, variables: {} })];
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

export const READ_SCENARIOS = ['caseload', 'open-file', 'search', 'home'];
