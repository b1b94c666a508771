import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider, useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { reasonOf } from '../api/errors';
import { graphql } from '../api/graphql';
import { formatLongDateTime } from '../components/format';
import { EmptyState, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';

const DEV_SENT_EMAILS_QUERY = graphql(`
  query DevSentEmails($first: Int!) {
    devSentEmails(first: $first) {
      id
      date
      from
      to
      subject
      text
      html
    }
  }
`);

const SEND_DIGESTS_MUTATION = graphql(`
  mutation DevSendDailyDigests {
    devSendDailyDigests
  }
`);

const PAGE_SIZE = 50;

/**
 * "Courriels envoyés": the emails `npm start`'s mail catcher kept, newest first. Development
 * only (the server refuses it elsewhere); read signed in or not, so it has its own client, which
 * sends no token.
 */
export function DevEmailsPage({ standalone = false }: { standalone?: boolean }) {
  const client = useMemo(
    () =>
      new ApolloClient({
        link: new HttpLink({ uri: '/graphql' }),
        cache: new InMemoryCache(),
        defaultOptions: { watchQuery: { fetchPolicy: 'network-only' } },
      }),
    [],
  );
  return (
    <ApolloProvider client={client}>
      {standalone ? (
        // Signed out there is no layout around it: the page is its own main content.
        <main id="contenu" className="fr-container fr-py-6w">
          <DevEmailsList />
        </main>
      ) : (
        <DevEmailsList />
      )}
    </ApolloProvider>
  );
}

function DevEmailsList() {
  usePageTitle('Courriels envoyés');
  const { data, loading, error, refetch } = useQuery(DEV_SENT_EMAILS_QUERY, {
    variables: { first: PAGE_SIZE },
  });
  const emails = data?.devSentEmails ?? [];
  const [sendDigests, digests] = useMutation(SEND_DIGESTS_MUTATION);
  const queued = digests.data?.devSendDailyDigests;
  return (
    <>
      <h1>Courriels envoyés</h1>
      <p className="fr-text--lead">
        En développement, Relais n’envoie aucun courriel : il garde ici les {PAGE_SIZE} derniers
        qu’il aurait envoyés, du plus récent au plus ancien. Le récapitulatif quotidien part chaque
        matin ; ce bouton le compose tout de suite.
      </p>
      <p>
        <Link to="/">Revenir à Relais</Link>
      </p>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <Button priority="secondary" size="small" onClick={() => void refetch()}>
            Actualiser
          </Button>
        </li>
        <li>
          <Button
            priority="tertiary"
            size="small"
            disabled={digests.loading}
            onClick={() => void sendDigests().catch(() => undefined)}
          >
            Envoyer le récapitulatif quotidien maintenant
          </Button>
        </li>
      </ul>
      <p role="status" className="fr-text--sm">
        {queued === undefined
          ? ''
          : queued === 0
            ? 'Aucun récapitulatif à envoyer : rien de non lu, ou déjà envoyé aujourd’hui.'
            : `${queued} récapitulatif${queued > 1 ? 's' : ''} en cours d’envoi : actualisez dans quelques secondes.`}
        {digests.error ? 'Le récapitulatif n’a pas pu être composé.' : ''}
      </p>
      {error && reasonOf(error) === 'DEVELOPMENT_ONLY' ? (
        <Alert
          className="fr-mt-4w"
          severity="info"
          as="h2"
          title="Page réservée au développement"
          description="Les courriels envoyés ne se consultent qu’en développement, lorsque Relais est lancé par npm start sans serveur SMTP configuré."
        />
      ) : (
        <PageState loading={loading && !data} error={error} retry={() => void refetch()} />
      )}
      {data && emails.length === 0 && (
        <EmptyState>Aucun courriel envoyé pour l’instant.</EmptyState>
      )}
      <ul className="fr-raw-list fr-mt-4w">
        {emails.map((email) => (
          <li key={email.id} className="fr-mb-6w">
            <article aria-labelledby={`courriel-${email.id}`} className="fr-card fr-p-3w">
              <h2 id={`courriel-${email.id}`} className="fr-h4">
                {email.subject || '(sans objet)'}
              </h2>
              <dl>
                <dt className="fr-text--bold">Destinataire</dt>
                <dd>{email.to}</dd>
                <dt className="fr-text--bold">Expéditeur</dt>
                <dd>{email.from}</dd>
                <dt className="fr-text--bold">Date</dt>
                <dd>
                  <time dateTime={email.date}>{formatLongDateTime(email.date)}</time>
                </dd>
              </dl>
              {email.html && (
                <>
                  <h3 className="fr-h6 fr-mt-2w">Version HTML</h3>
                  {/* sandbox="": no script, no form, no navigation from the email's markup. */}
                  <iframe
                    title={`Version HTML du courriel « ${email.subject} »`}
                    sandbox=""
                    srcDoc={email.html}
                    style={{ width: '100%', height: '32rem', border: '1px solid #ddd' }}
                  />
                </>
              )}
              <h3 className="fr-h6 fr-mt-2w">Version texte</h3>
              <pre style={{ whiteSpace: 'pre-wrap' }}>
                <LinkedText text={email.text} />
              </pre>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The text version with its addresses as links (the HTML version's frame allows no navigation):
 * the development link of an invitation, a person's space link, opened from here as from the
 * mailbox.
 */
function LinkedText({ text }: { text: string }) {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
