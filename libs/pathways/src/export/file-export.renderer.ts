import type { Readable } from 'node:stream';

import {
  frenchDate,
  frenchDateTime,
  frenchDay,
  LABELS,
  structureTypeLabel,
  timelineLabel,
} from './file-export.labels.js';
import { exportFonts } from './file-export.fonts.js';
import { ACCENT, ExportPdf, INK, MARGIN, MUTED, NBSP, yesNo } from './file-export.pdf-writer.js';
import type { FileExport } from './file-export.views.js';

/** A change's values, briefly: "champ : valeur" joined, as the timeline recorded them. */
function changeSummary(values: Record<string, unknown> | null): string | null {
  if (!values) return null;
  const parts = Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(
      ([key, value]) => `${key}${NBSP}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
    );
  const text = parts.join(' ; ');
  return text.length > 300 ? `${text.slice(0, 297)}…` : text || null;
}

/** pdfkit writes the title into its XMP metadata as is: an XML character there would break it. */
function metadataSafe(text: string): string {
  return text.replace(/&/g, 'et').replace(/[<>]/g, '');
}

/**
 * The export as a PDF for the person, in French: A4, Marianne embedded (with a fallback for the
 * other scripts), tagged for screen readers as PDF/UA asks (decision 0024), every section of the
 * JSON export, page numbers. Returned as the stream pdfkit writes; the caller pipes it to the
 * response.
 */
export async function renderFileExportPdf(file: FileExport): Promise<Readable> {
  // Loaded with the first PDF: pdfkit and its font engine take a while to load, and most
  // processes (tests, CLI tools) never draw one.
  const { default: PDFDocumentClass } = await import('pdfkit');
  const { person } = file;
  const fullName = `${person.givenName} ${person.familyName}`;
  const doc = new PDFDocumentClass({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    pdfVersion: '1.7',
    // PDF/UA-1's identification in the XMP metadata; @types/pdfkit only lists PDF/A's.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    tagged: true,
    displayTitle: true,
    lang: 'fr-FR',
    info: {
      Title: metadataSafe(`Dossier de parcours — ${fullName}`),
      Author: 'Relais',
      Subject: 'Droit d’accès (RGPD, article 15)',
      CreationDate: file.exportedAt,
    },
  });
  const pdf = new ExportPdf(doc, await exportFonts());

  pdf.title('Votre dossier de parcours', 20, ACCENT);
  doc.moveDown(0.3);
  pdf.title(fullName, 15, INK, 'P');
  doc.moveDown(0.3);
  pdf.paragraph(
    `Document remis le ${frenchDate(file.exportedAt)}${
      file.exportedBy.name
        ? ` par ${file.exportedBy.name}${file.exportedBy.structureName ? ` (${file.exportedBy.structureName})` : ''}, votre personne référente`
        : ''
    }.`,
    { color: MUTED },
  );
  doc.moveDown(0.5);
  pdf.paragraph(
    'Ce document contient les informations que les professionnels qui vous accompagnent ont enregistrées dans votre dossier de parcours (Relais). Il vous est remis au titre de votre droit d’accès (article 15 du RGPD). Vous pouvez demander la correction d’une information inexacte à votre personne référente.',
  );

  const { privateNotes, redactedItems } = file.hidden;
  if (privateNotes > 0 || redactedItems > 0) {
    pdf.startSection('Informations non reproduites ici');
    if (privateNotes > 0) {
      pdf.paragraph(
        `${privateNotes} note${privateNotes > 1 ? 's' : ''} rédigée${privateNotes > 1 ? 's' : ''} par d’autres professionnels ${privateNotes > 1 ? 'sont réservées' : 'est réservée'} à leur auteur ou à leur structure et ne figure${privateNotes > 1 ? 'nt' : ''} pas dans ce document. Vous pouvez en demander la communication à la structure concernée.`,
      );
    }
    if (redactedItems > 0) {
      pdf.paragraph(
        `${redactedItems} élément${redactedItems > 1 ? 's' : ''} de nature sensible ${redactedItems > 1 ? 'apparaissent' : 'apparaît'} sans leur contenu, que votre personne référente ne peut pas lire.`,
      );
    }
  }

  pdf.startSection('Identité et coordonnées');
  pdf
    .field('Prénom', person.givenName)
    .field('Nom', person.familyName)
    .field('Nom de naissance', person.birthName)
    .field('Date de naissance', frenchDay(person.birthDate))
    .field('Sexe (état civil)', person.gender && LABELS.gender[person.gender])
    .field('Commune de naissance (code INSEE)', person.birthplace)
    .field('Pays de naissance (code INSEE)', person.birthCountry)
    .field('Courriel', person.email)
    .field('Téléphone', person.phone)
    .field(
      'Adresse',
      [person.addressLine, [person.postalCode, person.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', '),
    )
    .field('Département', `${person.territory.name} (${person.territory.code})`)
    .field('Dossier créé le', frenchDate(person.createdAt))
    .field('État du dossier', LABELS.personStatus[person.status]);

  pdf.startSection('Identifiants');
  pdf
    .field('Numéro d’allocataire CAF', file.identifiers.cafNumber)
    .field('Identifiant France Travail', file.identifiers.franceTravailId)
    .field('Identifiant au département', file.identifiers.externalId)
    .field(
      'Numéro de sécurité sociale (NIR)',
      file.identifiers.nirRedacted
        ? 'enregistré, non visible par votre personne référente'
        : file.identifiers.nir,
    );

  pdf.startSection('Droits et prestations');
  pdf
    .field(
      'Prestations et reconnaissances',
      file.rights.rights.map((right) => LABELS.personRight[right]).join(', ') || 'aucune',
    )
    .field('Soumission aux droits et devoirs du RSA', yesNo(file.rights.rightsAndDuties));
  if (file.rights.sensitiveRightsRedacted) {
    pdf.none('Une reconnaissance de nature sensible est enregistrée sans être visible ici.');
  }

  pdf.startSection('Orientation');
  pdf
    .field(
      'Type d’orientation',
      file.orientation.type ? LABELS.orientationType[file.orientation.type] : null,
    )
    .field('Structure d’orientation', file.orientation.structureName);

  pdf.startSection('Projet professionnel');
  const project = file.professionalProject;
  pdf
    .field('Métier recherché', project.targetJob)
    .field('Code ROME', project.romeCode)
    .field(
      'Rayon de mobilité',
      project.mobilityRadiusKm === null ? null : `${project.mobilityRadiusKm} km`,
    )
    .field(
      'Contrats recherchés',
      project.contractsSought.map((contract) => LABELS.contractSought[contract]).join(', '),
    );

  pdf.startSection('Vos choix sur vos données');
  pdf
    .field('Limitation du traitement', yesNo(file.rgpd.restricted))
    .field('Opposition au partage', yesNo(file.rgpd.objection));

  pdf.startSection('Équipe de suivi');
  const current = file.team.filter((member) => member.leftAt === null);
  const former = file.team.filter((member) => member.leftAt !== null);
  if (current.length === 0) pdf.none('Personne ne vous suit actuellement.');
  for (const member of current) {
    pdf.bullet(
      `${member.givenName} ${member.familyName}, ${LABELS.teamRole[member.role]} — ${member.structureName}`,
      `${structureTypeLabel(member.structureType)} ; depuis le ${frenchDate(member.joinedAt)}`,
    );
  }
  if (former.length > 0) {
    pdf.subtitle('Anciens membres');
    for (const member of former) {
      pdf.bullet(
        `${member.givenName} ${member.familyName}, ${LABELS.teamRole[member.role]} — ${member.structureName}`,
        `du ${frenchDate(member.joinedAt)} au ${frenchDate(member.leftAt as Date)}${
          member.leftReason ? ` (${LABELS.leaveReason[member.leftReason]})` : ''
        }`,
      );
    }
  }

  pdf.startSection('Freins périphériques');
  if (file.obstacles.length === 0) pdf.none('Aucun frein enregistré.');
  for (const obstacle of file.obstacles) {
    if (obstacle.redacted || !obstacle.theme || !obstacle.status) {
      pdf.bullet('Frein de nature sensible (contenu non visible)');
      continue;
    }
    pdf.bullet(
      `${LABELS.obstacleTheme[obstacle.theme]} — ${LABELS.obstacleStatus[obstacle.status]}`,
      [obstacle.comment, `enregistré le ${frenchDate(obstacle.createdAt)}`]
        .filter(Boolean)
        .join(' ; '),
    );
  }

  pdf.startSection('Contrats');
  if (file.contracts.length === 0) pdf.none('Aucun contrat enregistré.');
  for (const contract of file.contracts) {
    pdf.bullet(
      LABELS.contractType[contract.type],
      contract.endsOn
        ? `du ${frenchDay(contract.startsOn)} au ${frenchDay(contract.endsOn)}`
        : `depuis le ${frenchDay(contract.startsOn)}`,
    );
  }

  pdf.startSection('Objectifs et actions');
  if (file.goals.length === 0 && file.actions.length === 0) {
    pdf.none('Aucun objectif ni action enregistré.');
  }
  const actionLine = (action: FileExport['actions'][number]): [string, string] => [
    action.redacted || !action.title
      ? 'Action de nature sensible (contenu non visible)'
      : action.title,
    [
      LABELS.actionStatus[action.status],
      action.startsOn ? `début le ${frenchDay(action.startsOn)}` : null,
      action.dueOn ? `échéance le ${frenchDay(action.dueOn)}` : null,
    ]
      .filter(Boolean)
      .join(' ; '),
  ];
  for (const goal of file.goals) {
    pdf.subtitle(`Objectif${NBSP}: ${goal.title}`);
    pdf.paragraph(`${LABELS.goalStatus[goal.status]} ; fixé le ${frenchDate(goal.createdAt)}`, {
      color: MUTED,
      size: 9,
    });
    const actions = file.actions.filter((action) => action.goalId === goal.id);
    for (const action of actions) pdf.bullet(...actionLine(action));
  }
  const loose = file.actions.filter(
    (action) => !action.goalId || !file.goals.some((goal) => goal.id === action.goalId),
  );
  if (loose.length > 0) {
    pdf.subtitle('Actions hors objectif');
    for (const action of loose) pdf.bullet(...actionLine(action));
  }

  pdf.startSection('Rendez-vous');
  if (file.appointments.length === 0) pdf.none('Aucun rendez-vous enregistré.');
  for (const appointment of file.appointments) {
    pdf.bullet(
      `${frenchDateTime(appointment.startsAt)} — ${appointment.withWhom}`,
      [
        `${appointment.durationMinutes} min`,
        appointment.remote ? 'à distance' : appointment.location,
        LABELS.appointmentStatus[appointment.status],
      ]
        .filter(Boolean)
        .join(' ; '),
    );
  }

  pdf.startSection('Notes');
  if (file.notes.length === 0) pdf.none('Aucune note ne vous est communiquée.');
  for (const note of file.notes) {
    pdf.subtitle(
      `${frenchDateTime(note.createdAt)} — ${note.authorName} (${note.authorStructureName})`,
    );
    pdf.paragraph(`Visible par ${LABELS.noteVisibility[note.visibility]}`, {
      color: MUTED,
      size: 9,
    });
    pdf.paragraph(
      note.redacted || note.body === null
        ? 'Note de nature sensible (contenu non visible).'
        : note.body,
    );
    for (const revision of note.history ?? []) {
      pdf.paragraph(
        `Version ${revision.version}, remplacée le ${frenchDateTime(revision.replacedAt)} : ${
          revision.redacted || revision.body === null ? 'contenu non visible' : revision.body
        }`,
        { color: MUTED, size: 9 },
      );
    }
  }

  pdf.startSection('Historique du dossier');
  for (const event of file.timeline) {
    const who = event.actor.structureName
      ? `${event.actor.name} (${event.actor.structureName})`
      : event.actor.name;
    pdf.bullet(
      `${frenchDateTime(event.occurredAt)} — ${timelineLabel(event.type)}`,
      [`par ${who}`, event.redacted ? 'détail non visible' : changeSummary(event.after)]
        .filter(Boolean)
        .join(' ; '),
    );
  }

  pdf.finish(`Dossier de parcours de ${fullName} — remis le ${frenchDate(file.exportedAt)}`);
  doc.end();
  return doc;
}
