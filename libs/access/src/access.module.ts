import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditEventEntity } from './audit/admin-audit-event.entity.js';

@Module({ imports: [TypeOrmModule.forFeature([AdminAuditEventEntity])] })
export class AccessModule {}
