import { Module } from '@nestjs/common';
import { AdministrationModule } from '@relais/administration';
import { DirectoryResolver } from './directory.resolver.js';

/** The admins' lists of invitations and memberships. */
@Module({ imports: [AdministrationModule], providers: [DirectoryResolver] })
export class DirectoryApiModule {}
