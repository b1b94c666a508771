import { useQuery } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { PageState } from '../components/PageState';

const MY_FILE_READS = graphql(`
  query MyFileReads($first: Int!, $after: String) {
    myFileReads(first: $first, after: $after) {
      items {
        at
        kind
        who
        structureName
      }
      nextCursor
    }
  }
`);

type FileRead = ResultOf<typeof MY_FILE_READS>['myFileReads']['items'][number];

const PAGE_SIZE = 20;
const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

const VERBS: Record<FileRead['kind'], string> = {
  READ: 'a consulté votre dossier',
  CHANGE: 'a modifié votre dossier',
  EXPORT: 'a téléchargé une copie de votre dossier',
  PARTNER: 'a lu votre dossier (un logiciel partenaire, autorisé à le lire)',
};

/** « Le 3 décembre 2026, Claire Moreau (Département) a consulté votre dossier ». */
function sentence(read: FileRead): string {
  const who = read.structureName ? `${read.who} (${read.structureName})` : read.who;
  return `Le ${DAY.format(new Date(read.at))}, ${who} ${VERBS[read.kind]}.`;
}

/** Who read their file: professionals and partner systems, never the person's own reads. */
export function FileReadsSection() {
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<readonly FileRead[]>([]);
  const { data, error, loading, refetch } = useQuery(MY_FILE_READS, {
    variables: { first: PAGE_SIZE, after },
    fetchPolicy: 'network-only',
  });
  const page = data?.myFileReads;
  const reads = [...earlier, ...(page?.items ?? [])];
  return (
    <section aria-labelledby="consultations-titre" className="fr-mb-6w">
      <h2 id="consultations-titre">Qui a consulté votre dossier</h2>
      <p>
        Chaque fois qu’un professionnel ouvre votre dossier, Relais le note. Vous voyez ici qui l’a
        fait et quand. Vos propres visites ne sont pas dans cette liste.
      </p>
      {reads.length > 0 && (
        <ul aria-live="polite">
          {reads.map((read, index) => (
            <li key={index}>{sentence(read)}</li>
          ))}
        </ul>
      )}
      {page && reads.length === 0 && <p>Personne n’a encore consulté votre dossier.</p>}
      <PageState loading={loading} error={error} retry={() => void refetch()} />
      {page?.nextCursor && !loading && (
        <Button
          priority="secondary"
          onClick={() => {
            setEarlier(reads);
            setAfter(page.nextCursor);
          }}
        >
          Voir les consultations plus anciennes
        </Button>
      )}
    </section>
  );
}
