import { graphql } from '../api/graphql';

/** The person's own space (a person session only): one read, logged with the ground SELF. */
export const SPACE_QUERY = graphql(`
  query MySpace {
    mySpace {
      personId
      followers {
        givenName
        familyName
        role
        structureName
        workEmail
        workPhone
      }
    }
  }
`);
