import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountPrincipal } from '@relais/identity';
import { ImportKind, type ImportReport, ImportService } from '@relais/imports';
import { Policy } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';

/** The largest file an upload may be; larger ones go through `npm run import`. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const KINDS: Readonly<Record<string, ImportKind>> = {
  structures: ImportKind.STRUCTURES,
  accounts: ImportKind.ACCOUNTS,
  people: ImportKind.PEOPLE,
  team: ImportKind.TEAM,
};

/** What browsers and tools send a CSV file as (Windows names .csv files an Excel type). */
const CSV_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
];

function invalid(field: string, reason: DomainErrorReason, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, reason, message, { field });
}

/** The request's body, refused past the limit; the rest of an oversized body is discarded. */
async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  const tooLarge = (size: number) =>
    invalid(
      'file',
      DomainErrorReason.UploadTooLarge,
      `The file is ${size} bytes; an upload is at most ${MAX_UPLOAD_BYTES} bytes (64 MB). Import larger files with npm run import.`,
    );
  if (declared > MAX_UPLOAD_BYTES) {
    request.resume();
    throw tooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk);
  }
  if (size > MAX_UPLOAD_BYTES) throw tooLarge(size);
  return Buffer.concat(chunks);
}

function dryRunOf(value: string | undefined): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === '' || value === 'true' || value === '1') return true;
  throw invalid('dryRun', DomainErrorReason.InvalidFormat, 'dryRun must be true or false');
}

/**
 * Territory admins' bulk imports: the CSV file is the request's body (`Content-Type: text/csv`).
 * The answer is the report; a real run whose file has errors imports nothing and answers 422.
 */
@Controller('territories/:territory/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Policy((ability) => ability.can('import', 'Territory'))
  @Post(':kind')
  @HttpCode(200)
  async upload(
    @CurrentAccount() principal: AccountPrincipal,
    @Param('territory') territory: string,
    @Param('kind') kindName: string,
    @Query('dryRun') dryRunParam: string | undefined,
    @Query('fileName') fileNameParam: string | undefined,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<ImportReport> {
    const kind = KINDS[kindName];
    if (!kind) {
      request.resume();
      throw invalid(
        'kind',
        DomainErrorReason.NotOneOf,
        `kind must be one of ${Object.keys(KINDS).join(', ')}`,
      );
    }
    if (!/^[0-9A-Za-z]{1,3}$/.test(territory)) {
      request.resume();
      throw invalid(
        'territory',
        DomainErrorReason.InvalidFormat,
        'territory must be a territory code such as 44, 2A or 974',
      );
    }
    const dryRun = dryRunOf(dryRunParam);
    const fileName = fileNameParam ?? `${kindName}.csv`;
    if (typeof fileName !== 'string' || fileName.length > 255 || fileName.includes('\0')) {
      throw invalid(
        'fileName',
        DomainErrorReason.InvalidFormat,
        'fileName must be a file name of at most 255 characters',
      );
    }
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!CSV_TYPES.includes(type)) {
      request.resume();
      throw invalid(
        'file',
        DomainErrorReason.UploadNotCsv,
        type.startsWith('multipart/')
          ? 'Send the CSV file itself as the request body with Content-Type: text/csv, not as a form.'
          : `Send the CSV file as the request body with Content-Type: text/csv (got "${type || 'none'}").`,
      );
    }
    const bytes = await bodyOf(request);
    if (bytes.length === 0)
      throw invalid(
        'file',
        DomainErrorReason.UploadMissing,
        'The request has no file: send the CSV file as its body.',
      );
    const report = await this.imports.importAsAdmin(principal, {
      kind,
      territoryCode: territory,
      fileName,
      bytes,
      dryRun,
    });
    if (!report.dryRun && !report.applied) response.status(422);
    return report;
  }
}
