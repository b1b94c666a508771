import type { ServerResponse } from 'node:http';
import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import type { PersonPrincipal } from '@relais/identity';
import { type FileExport, FileExportService } from '@relais/pathways';
import { PersonSelf } from '../auth/access.decorators.js';
import { CurrentPerson } from '../auth/current-principal.decorator.js';
import { downloadHeaders } from '../pathways/file-export.controller.js';

/**
 * The person downloads their own file from their space (issue 22, RGPD right of access): the
 * same export as the one their referent hands them, read through their scope (ground SELF, so
 * never a private note) and logged as such. A person session only.
 */
@Controller('me')
export class MyExportController {
  constructor(private readonly exports: FileExportService) {}

  @PersonSelf()
  @Get('export.json')
  async json(
    @CurrentPerson() principal: PersonPrincipal,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<FileExport> {
    const download = await this.exports.json(principal, principal.personId);
    downloadHeaders(response, download.fileName);
    return download.content;
  }

  @PersonSelf()
  @Get('export.pdf')
  async pdf(
    @CurrentPerson() principal: PersonPrincipal,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<StreamableFile> {
    const download = await this.exports.pdf(principal, principal.personId);
    downloadHeaders(response, download.fileName);
    return new StreamableFile(download.content, { type: 'application/pdf' });
  }
}
