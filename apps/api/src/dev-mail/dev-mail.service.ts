import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { DEV_MAIL_FOLDER } from './dev-mail.config.js';
import type { DevSentEmail } from './dev-mail.model.js';

/** Reads the emails the development mail catcher kept (one .eml file each). */
@Injectable()
export class DevMailService {
  constructor(@Inject(DEV_MAIL_FOLDER) private readonly folder: string | undefined) {}

  /**
   * The newest `first` caught emails, newest first. The catcher names each file after its
   * arrival time, so the names sort in arrival order and only the newest files are opened.
   */
  async newest(first: number): Promise<DevSentEmail[]> {
    const folder = this.developmentFolder();

    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const newest = names
      .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
      .sort()
      .reverse()
      .slice(0, first);
    return Promise.all(
      newest.map(async (name) => {
        const path = join(folder, name);
        const [raw, file] = await Promise.all([readFile(path), stat(path)]);
        // Loaded here: the page is for development only, and mailparser is heavy to load.
        const { simpleParser } = await import('mailparser');
        const parsed = await simpleParser(raw);
        const addresses = (value: typeof parsed.to): string =>
          (Array.isArray(value) ? value : value ? [value] : []).map((a) => a.text).join(', ');
        return {
          id: name,
          date: parsed.date ?? file.mtime,
          from: addresses(parsed.from),
          to: addresses(parsed.to),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: parsed.html || null,
        };
      }),
    );
  }

  /** The catcher's folder; FORBIDDEN (DEVELOPMENT_ONLY) when the page is off. */
  developmentFolder(): string {
    if (!this.folder) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.DevelopmentOnly,
        'The caught emails are shown in development only, under npm start without SMTP_URL.',
      );
    }
    return this.folder;
  }
}
