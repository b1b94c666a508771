import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessGround, AccessLogWriter } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason, MAX_PAGE_SIZE } from '@relais/core';
import { EventType } from '@relais/events';
import type { Principal } from '@relais/identity';
import { StructureRepository, TerritoryRepository } from '@relais/organizations';
import { AppointmentService } from '../appointments/appointment.service.js';
import { ObstacleService } from '../diagnostic/obstacle.service.js';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { NoteService, type NoteView } from '../notes/note.service.js';
import type { PersonEntity } from '../people/person.entity.js';
import { personFileView } from '../people/person.views.js';
import { PlanService } from '../plan/plan.service.js';
import { TeamService } from '../team/team.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import {
  FILE_EXPORT_LAYOUT,
  type ExportedNote,
  type ExportedTimelineEvent,
  type FileExport,
  type FileExportFormat,
} from './file-export.views.js';
import { renderFileExportPdf } from './file-export.renderer.js';

/** An export ready to download: its file name, and its content. */
export interface FileExportDownload<Content> {
  readonly fileName: string;
  readonly content: Content;
}

interface Place {
  territoryCode: string;
  territoryName: string;
  orientationStructureName: string | null;
}

/** `dossier-dupre-lea-2026-11-23`: ASCII, so every browser and mail client keeps it. */
function fileNameOf(file: FileExport, extension: string): string {
  const words = `${file.person.familyName} ${file.person.givenName}`
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `dossier-${words || 'personne'}-${file.exportedAt.toISOString().slice(0, 10)}.${extension}`;
}

async function exportedNote(note: NoteView, notes: NoteService): Promise<ExportedNote> {
  return {
    id: note.id,
    body: note.body,
    redacted: note.redacted,
    sensitive: note.sensitive,
    visibility: note.visibility,
    authorName: note.authorName,
    authorStructureName: note.authorStructureName,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    history: await notes.history(note),
  };
}

/**
 * The RGPD right of access (DOMAIN.md rule 8): the person's active referent exports the whole
 * file, to hand to the person, as JSON or as a PDF in French. The file is read through the same
 * services and view functions as the GraphQL API (STYLE.md rule 5), so the export shows exactly
 * what the referent reads. Each export writes an access-log row (ground RGPD_EXPORT) before
 * anything is read, and a timeline event the team sees (decision 0013).
 */
@Injectable()
export class FileExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly accessLog: AccessLogWriter,
    private readonly teams: TeamService,
    private readonly obstacles: ObstacleService,
    private readonly plans: PlanService,
    private readonly appointments: AppointmentService,
    private readonly notes: NoteService,
    private readonly timelines: TimelineService,
    private readonly territories: TerritoryRepository,
    private readonly structures: StructureRepository,
  ) {}

  async json(principal: Principal, personId: string): Promise<FileExportDownload<FileExport>> {
    const file = await this.exportFile(principal, personId, 'JSON');
    return { fileName: fileNameOf(file, 'json'), content: file };
  }

  /** The PDF, streamed as pdfkit writes it. */
  async pdf(principal: Principal, personId: string): Promise<FileExportDownload<Readable>> {
    const file = await this.exportFile(principal, personId, 'PDF');
    return { fileName: fileNameOf(file, 'pdf'), content: await renderFileExportPdf(file) };
  }

  /**
   * The whole file as the caller reads it, once the export is logged; FORBIDDEN unless the
   * referent or the person themself from their space (ground SELF, issue 22: what their ability
   * reads, so never a private note).
   */
  async exportFile(
    principal: Principal,
    personId: string,
    format: FileExportFormat,
  ): Promise<FileExport> {
    const { scope, person } = await this.files.openScope(principal, personId);
    if (!scope.ability.can('export', 'Person')) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.ReferentOnly,
        'Only the person’s referent, or the person themself, may export their file.',
      );
    }
    await this.record(scope, format);
    return this.gather(scope, person, format);
  }

  /**
   * The access-log row first (nothing leaves unlogged, decision 0008), then the timeline event.
   * The event does not count as activity: an export must not put off archiving. The person's own
   * export keeps the ground SELF (never a professional's read); its event says it was theirs.
   */
  private async record(scope: FileScope, format: FileExportFormat): Promise<void> {
    const self = scope.viewer.ground === AccessGround.SELF;
    await this.accessLog.recordFileRead({
      ...scope.viewer,
      ground: self ? AccessGround.SELF : AccessGround.RGPD_EXPORT,
    });
    await appendTimeline(this.dataSource.manager, scope.viewer, {
      type: EventType.FILE_EXPORTED,
      subjectType: 'Person',
      subjectId: scope.viewer.personId,
      after: self ? { format, byPerson: true } : { format },
      activity: false,
    });
  }

  private async gather(
    scope: FileScope,
    person: PersonEntity,
    format: FileExportFormat,
  ): Promise<FileExport> {
    // Asked in the same tick, the parts are read in one statement (FilePartsReader).
    const [team, obstacles, contracts, goals, actions, appointments, firstPage] = await Promise.all(
      [
        this.teams.team(scope, true),
        this.obstacles.obstacles(scope),
        this.plans.contracts(scope),
        this.plans.goals(scope),
        this.plans.actions(scope),
        this.appointments.appointments(scope, false),
        this.timelines.timeline(scope, MAX_PAGE_SIZE, null),
      ],
    );
    const timeline = [...firstPage.nodes];
    let page = firstPage;
    while (page.hasNextPage) {
      page = await this.timelines.timeline(scope, MAX_PAGE_SIZE, page.endCursor);
      timeline.push(...page.nodes);
    }
    const noteViews = await this.notes.notes(scope);
    const notes = await Promise.all(noteViews.map((note) => exportedNote(note, this.notes)));
    const privateNotes = await this.notes.hiddenCount(scope);
    const place = await this.placeOf(person);

    const view = personFileView(person, scope);
    const exporter = team.find(
      (member) =>
        scope.viewer.accountId !== null &&
        member.accountId === scope.viewer.accountId &&
        member.leftAt === null,
    );
    const events: ExportedTimelineEvent[] = timeline.map((event) => ({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      actor: event.actor,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      sensitive: event.sensitive,
      redacted: event.redacted,
      before: event.before,
      after: event.after,
    }));
    const redactedItems = [...obstacles, ...actions, ...notes, ...events].filter(
      (item) => item.redacted,
    ).length;

    return {
      layout: FILE_EXPORT_LAYOUT,
      format,
      exportedAt: new Date(),
      // The person's own download (SELF) names no professional: no account exported it.
      exportedBy: {
        name: exporter ? `${exporter.givenName} ${exporter.familyName}` : '',
        structureName: exporter?.structureName ?? null,
      },
      person: {
        id: view.id,
        givenName: view.givenName,
        familyName: view.familyName,
        birthName: view.birthName,
        birthDate: view.birthDate,
        gender: view.gender,
        birthplace: view.birthplace,
        birthCountry: view.birthCountry,
        email: view.email,
        phone: view.phone,
        addressLine: view.addressLine,
        postalCode: view.postalCode,
        city: view.city,
        territory: { code: place.territoryCode, name: place.territoryName },
        status: view.status,
        createdAt: view.createdAt,
        lastActivityAt: view.lastActivityAt,
      },
      identifiers: {
        cafNumber: view.cafNumber,
        franceTravailId: view.franceTravailId,
        externalId: view.externalId,
        nir: view.nir,
        nirRedacted: view.nirRedacted,
      },
      rights: {
        rights: view.rights,
        sensitiveRightsRedacted: view.sensitiveRightsRedacted,
        rightsAndDuties: view.rightsAndDuties,
      },
      orientation: {
        type: view.orientationType,
        structureName: place.orientationStructureName,
      },
      professionalProject: {
        targetJob: view.targetJob,
        romeCode: view.romeCode,
        mobilityRadiusKm: view.mobilityRadiusKm,
        contractsSought: view.contractsSought,
      },
      rgpd: { restricted: view.restricted, objection: view.objection },
      team: team.map((member) => ({
        givenName: member.givenName,
        familyName: member.familyName,
        structureName: member.structureName,
        structureType: member.structureType,
        role: member.role,
        joinedAt: member.joinedAt,
        joinReason: member.joinReason,
        leftAt: member.leftAt,
        leftReason: member.leftReason,
      })),
      obstacles,
      contracts,
      goals,
      actions,
      appointments,
      notes,
      timeline: events,
      hidden: { privateNotes, redactedItems },
    };
  }

  /** The names behind the person's territory and orientation structure, from their owner. */
  private async placeOf(person: PersonEntity): Promise<Place> {
    const [territory, structure] = await Promise.all([
      this.territories.byId(person.territoryId),
      person.orientationStructureId ? this.structures.byId(person.orientationStructureId) : null,
    ]);
    if (!territory) throw new Error(`No territory ${person.territoryId} for a person's file`);
    return {
      territoryCode: territory.code,
      territoryName: territory.name,
      orientationStructureName: structure?.name ?? null,
    };
  }
}
