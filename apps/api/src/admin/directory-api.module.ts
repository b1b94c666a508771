import { Module } from '@nestjs/common';
import { DirectoryResolver } from './directory.resolver.js';
import { DirectoryService } from './directory.service.js';

/** The admins' lists of invitations and memberships (the DataSource comes from DatabaseModule). */
@Module({ providers: [DirectoryService, DirectoryResolver] })
export class DirectoryApiModule {}
