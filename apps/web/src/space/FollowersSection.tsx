import type { ResultOf } from '../api/graphql';
import type { SPACE_QUERY } from './space-query';

type Follower = ResultOf<typeof SPACE_QUERY>['mySpace']['followers'][number];

/** Their referent first, then the team: who they are, where they work, how to reach them. */
export function FollowersSection({ followers }: { followers: readonly Follower[] }) {
  return (
    <section aria-labelledby="accompagne-titre" className="fr-mb-6w">
      <h2 id="accompagne-titre">Qui vous accompagne</h2>
      {followers.length === 0 ? (
        <p>Personne ne vous accompagne pour le moment.</p>
      ) : (
        <ul className="fr-raw-list">
          {followers.map((follower, index) => (
            <li key={index} className="fr-mb-3w">
              <div className="fr-card fr-card--sm">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h3 className="fr-card__title">
                      {follower.givenName} {follower.familyName}
                    </h3>
                    <p className="fr-card__desc">
                      {follower.role === 'REFERENT'
                        ? 'Votre référent : la personne qui suit votre parcours.'
                        : 'Travaille avec votre référent sur votre parcours.'}
                      <br />
                      {follower.structureName}
                    </p>
                    <ul className="fr-card__desc fr-raw-list">
                      {follower.workEmail && (
                        <li>
                          Courriel :{' '}
                          <a href={`mailto:${follower.workEmail}`}>{follower.workEmail}</a>
                        </li>
                      )}
                      {follower.workPhone && (
                        <li>
                          Téléphone :{' '}
                          <a href={`tel:${follower.workPhone.replace(/\s/g, '')}`}>
                            {follower.workPhone}
                          </a>
                        </li>
                      )}
                    </ul>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
