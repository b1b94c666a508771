import { useMutation, useQuery } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/errors';
import { graphql } from '../../api/graphql';
import { formatLongDate } from '../../components/format';
import { useConfirmation } from './common';
import type { PersonFile } from './query';

const PERSON_SPACE = graphql(`
  query PersonSpaceCard($id: ID!) {
    person(id: $id) {
      id
      space {
        personId
        email
        enabled
        linkExpiresAt
      }
    }
  }
`);

const INVITE = graphql(`
  mutation InvitePersonToSpace($input: InvitePersonToSpaceInput!) {
    invitePersonToSpace(input: $input) {
      personId
      email
      enabled
      linkExpiresAt
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokePersonSpace($personId: ID!) {
    revokePersonSpace(personId: $personId) {
      personId
      email
      enabled
      linkExpiresAt
    }
  }
`);

/**
 * The referent's side of the person's space (issue 22): whether it is open, the invitation (a
 * one-time link by email, 7 days) and its revocation, which signs the person out at once.
 */
export function SpaceCard({ person }: { person: PersonFile }) {
  const { data, error, refetch } = useQuery(PERSON_SPACE, {
    variables: { id: person.id },
    fetchPolicy: 'network-only',
  });
  const [invite, invitation] = useMutation(INVITE);
  const [revoke, revocation] = useMutation(REVOKE);
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [email, setEmail] = useState(person.email ?? '');
  const [problem, setProblem] = useState<string>();
  const [confirmation, confirm] = useConfirmation();
  const space = data?.person.space;

  async function sendInvitation(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setProblem('Le champ « Adresse électronique de la personne » est obligatoire.');
      return;
    }
    setProblem(undefined);
    try {
      const answer = await invite({
        variables: { input: { personId: person.id, email: email.trim() } },
      });
      setInviting(false);
      confirm(
        `Un lien a été envoyé à ${answer.data?.invitePersonToSpace.email ?? email.trim()} ; il est valable 7 jours.`,
      );
      await refetch();
    } catch (failure) {
      setProblem(describeError(failure).message);
    }
  }

  async function revokeSpace() {
    setProblem(undefined);
    try {
      await revoke({ variables: { personId: person.id } });
      setRevoking(false);
      confirm('L’espace personnel est désactivé : la personne a été déconnectée.');
      await refetch();
    } catch (failure) {
      setProblem(describeError(failure).message);
    }
  }

  return (
    <section
      aria-labelledby="espace-personnel-titre"
      className="fr-card fr-card--no-border fr-card--grey fr-my-4w relais-no-print"
    >
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h2 id="espace-personnel-titre" className="fr-card__title">
            Espace personnel
          </h2>
          <div className="fr-card__desc">
            {confirmation}
            <p>
              Dans son espace, la personne voit son parcours, ses rendez-vous et qui a consulté son
              dossier, et fait ses demandes RGPD.
            </p>
            {error && <p className="fr-error-text">{describeError(error).message}</p>}
            {data && !space && (
              <p>
                <Badge small noIcon>
                  Pas invitée
                </Badge>
              </p>
            )}
            {space?.enabled && (
              <p>
                <Badge small severity="success" noIcon>
                  Actif
                </Badge>{' '}
                Adresse de connexion : {space.email}.
                {space.linkExpiresAt &&
                  ` Le dernier lien envoyé est valable jusqu’au ${formatLongDate(space.linkExpiresAt)}.`}
              </p>
            )}
            {space && !space.enabled && (
              <p>
                <Badge small severity="warning" noIcon>
                  Désactivé
                </Badge>{' '}
                La personne ne peut plus se connecter.
              </p>
            )}
            <div role="alert">{problem && <p className="fr-error-text">{problem}</p>}</div>
            {data && !inviting && !revoking && (
              <div className="relais-actions">
                <Button
                  priority={space?.enabled ? 'secondary' : 'primary'}
                  onClick={() => {
                    confirm(undefined);
                    setEmail(space?.email ?? person.email ?? '');
                    setInviting(true);
                  }}
                >
                  {space?.enabled ? 'Envoyer un nouveau lien' : 'Inviter la personne à son espace'}
                </Button>
                {space?.enabled && (
                  <Button
                    priority="tertiary"
                    onClick={() => {
                      confirm(undefined);
                      setRevoking(true);
                    }}
                  >
                    Désactiver l’espace
                  </Button>
                )}
              </div>
            )}
            {inviting && (
              <form onSubmit={(event) => void sendInvitation(event)} noValidate>
                <Input
                  label="Adresse électronique de la personne"
                  hintText="Le lien, puis les codes de connexion, partent à cette adresse."
                  nativeInputProps={{
                    name: 'spaceEmail',
                    type: 'email',
                    autoComplete: 'off',
                    value: email,
                    onChange: (event) => setEmail(event.target.value),
                  }}
                />
                <div className="relais-actions">
                  <Button type="submit" disabled={invitation.loading}>
                    Envoyer l’invitation
                  </Button>
                  <Button priority="secondary" type="button" onClick={() => setInviting(false)}>
                    Annuler
                  </Button>
                </div>
              </form>
            )}
            {revoking && (
              <div>
                <p>
                  La personne ne pourra plus se connecter, et sera déconnectée tout de suite.
                  Désactiver son espace ?
                </p>
                <div className="relais-actions">
                  <Button disabled={revocation.loading} onClick={() => void revokeSpace()}>
                    Confirmer la désactivation
                  </Button>
                  <Button priority="secondary" onClick={() => setRevoking(false)}>
                    Annuler
                  </Button>
                </div>
              </div>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
