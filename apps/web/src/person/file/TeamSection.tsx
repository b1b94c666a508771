import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../../api/graphql';
import { useMe } from '../../app/me';
import { EmptyState } from '../../components/PageState';
import { CountedText } from '../../forms/CountedText';
import { INPUT_RULES } from '../../forms/field-check';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { JoinRequestDecision } from '../JoinRequestDecision';
import { formatDate, LEAVE_REASON_LABELS, personName, TEAM_ROLE_LABELS } from '../labels';
import { afterFailure, SectionForm, useConfirmation } from './common';
import type { SectionProps } from './query';
import { ofName } from '../../components/typography';

const LEAVE_LABELS = { comment: 'Commentaire' };

const LEAVE_TEAM = graphql(`
  mutation LeaveTeam($input: LeaveTeamInput!) {
    leaveTeam(input: $input)
  }
`);

export function TeamSection({ person, reload }: SectionProps) {
  const { me } = useMe();
  const [confirmation, confirm] = useConfirmation();
  const active = person.team.filter((m) => !m.leftAt);
  const former = person.team.filter((m) => m.leftAt);
  const isReferent = person.access.teamRole === 'REFERENT';
  const canDecide = isReferent && person.access.canWrite;

  return (
    <section aria-labelledby="equipe-titre">
      <h2 id="equipe-titre">Équipe de suivi</h2>
      {confirmation}
      <div className="fr-table relais-table-wrap">
        <table tabIndex={0}>
          <caption>Membres de l’équipe</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Structure</th>
              <th scope="col">Rôle</th>
              <th scope="col">Dans l’équipe depuis le</th>
              <th scope="col">Motif d’arrivée</th>
            </tr>
          </thead>
          <tbody>
            {active.map((member) => (
              <tr key={member.id}>
                <td>
                  {personName(member)}
                  {member.accountId === me.id && ' (vous)'}
                </td>
                <td>{member.structureName}</td>
                <td>{TEAM_ROLE_LABELS[member.role]}</td>
                <td>{formatDate(member.joinedAt)}</td>
                <td>{member.joinReason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {active.length === 0 && (
        <EmptyState>Personne ne suit actuellement cette personne.</EmptyState>
      )}

      {person.access.teamRole === 'FOLLOWER' && <LeaveTeam person={person} reload={reload} />}
      {isReferent && (
        <p className="fr-text--sm">
          En tant que référent unique, vous quittez l’équipe en passant le relais à une autre
          structure.
        </p>
      )}

      <h3 className="fr-h5 fr-mt-4w">Demandes à rejoindre l’équipe</h3>
      {person.pendingJoinRequests.length === 0 ? (
        <EmptyState>Aucune demande en attente.</EmptyState>
      ) : (
        <ul className="fr-raw-list">
          {person.pendingJoinRequests.map((request) => (
            <li key={request.id} className="fr-card fr-p-3w fr-mb-2w">
              <p className="fr-text--bold fr-mb-1v">
                {request.requesterName} ({request.structureName})
              </p>
              <p className="fr-mb-1v">Motif : {request.reason}</p>
              <p className="fr-text--sm fr-mb-0">Demande du {formatDate(request.createdAt)}</p>
              {canDecide && (
                <JoinRequestDecision
                  requestId={request.id}
                  requesterName={request.requesterName}
                  personObjected={person.objection}
                  onReload={() => void reload()}
                  onDecided={(message) => {
                    confirm(message);
                    void reload();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      {former.length > 0 && (
        <>
          <h3 className="fr-h5 fr-mt-4w">Anciens membres</h3>
          <div className="fr-table fr-table--no-caption relais-table-wrap">
            <table tabIndex={0}>
              <caption>Anciens membres de l’équipe</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Structure</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Période</th>
                  <th scope="col">Motif de départ</th>
                </tr>
              </thead>
              <tbody>
                {former.map((member) => (
                  <tr key={member.id}>
                    <td>{personName(member)}</td>
                    <td>{member.structureName}</td>
                    <td>{TEAM_ROLE_LABELS[member.role]}</td>
                    <td>
                      du {formatDate(member.joinedAt)} au {formatDate(member.leftAt)}
                    </td>
                    <td>{member.leftReason ? LEAVE_REASON_LABELS[member.leftReason] : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** A follower leaves the team; the file then closes to them, so the caseload opens instead. */
function LeaveTeam({ person, reload }: SectionProps) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [leave, { error, loading, reset }] = useMutation(LEAVE_TEAM);
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.LeaveTeamInput,
    labels: LEAVE_LABELS,
    idPrefix: 'quitter',
  });

  if (!open) {
    return (
      <Button priority="secondary" iconId="fr-icon-logout-box-r-line" onClick={() => setOpen(true)}>
        Quitter l’équipe
      </Button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { comment };
    if (!fieldErrors.check(values)) return;
    try {
      await leave({
        variables: { input: { personId: person.id, comment: comment.trim() || null } },
      });
      void navigate('/accompagnements', {
        state: { message: `Vous avez quitté l’équipe de suivi ${ofName(personName(person))}.` },
      });
    } catch (failure) {
      afterFailure(failure, reload, fieldErrors, values);
    }
  }

  return (
    <SectionForm
      fieldErrors={fieldErrors}
      titleId="quitter-titre"
      title="Quitter l’équipe de suivi"
      className="fr-p-3w fr-background-alt--grey fr-mb-2w"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={LEAVE_LABELS}
      onReload={() => {
        reset();
        void reload();
      }}
      submitLabel="Confirmer le départ de l’équipe"
      onCancel={() => setOpen(false)}
      busy={loading}
    >
      <p>Vous n’aurez plus accès à ce dossier.</p>
      <CountedText
        label="Commentaire (facultatif)"
        field="comment"
        value={comment}
        onChange={setComment}
        fieldErrors={fieldErrors}
      />
    </SectionForm>
  );
}
