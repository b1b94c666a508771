import type { ServerResponse } from 'node:http';
import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import type { AccountPrincipal } from '@relais/identity';
import { type FileExport, FileExportService } from '@relais/pathways';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { PersonIdParams } from './dto/person-id.params.js';

/** Downloads carry personal data: no cache keeps them, and the browser saves them as files. */
export function downloadHeaders(response: ServerResponse, fileName: string): void {
  response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  response.setHeader('Cache-Control', 'no-store');
}

/**
 * The RGPD right of access (decision 0013): the person's referent downloads the whole file to
 * hand it to the person. REST, not GraphQL: a download is a file with a name and a type, which a
 * browser saves from a link. Signed-in people only (a partner system is refused); the service
 * decides, on the file, that the caller is the person's referent.
 */
@Controller('people')
export class FileExportController {
  constructor(private readonly exports: FileExportService) {}

  @Authenticated()
  @Get(':id/export.json')
  async json(
    @CurrentAccount() principal: AccountPrincipal,
    @Param() params: PersonIdParams,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<FileExport> {
    const download = await this.exports.json(principal, params.id);
    downloadHeaders(response, download.fileName);
    return download.content;
  }

  @Authenticated()
  @Get(':id/export.pdf')
  async pdf(
    @CurrentAccount() principal: AccountPrincipal,
    @Param() params: PersonIdParams,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<StreamableFile> {
    const download = await this.exports.pdf(principal, params.id);
    downloadHeaders(response, download.fileName);
    return new StreamableFile(download.content, { type: 'application/pdf' });
  }
}
