import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogRetentionRepository } from './access-log/access-log-retention.repository.js';
import { AccessLogWriter } from './access-log/access-log.writer.js';
import { AccessLogRepository } from './access-log/access-log.repository.js';
import { AdminAuditRepository } from './audit/admin-audit.repository.js';
import { AdminAuditEventEntity } from './audit/admin-audit-event.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEventEntity])],
  providers: [
    AccessLogWriter,
    AccessLogRetentionRepository,
    AccessLogRepository,
    AdminAuditRepository,
  ],
  exports: [
    AccessLogWriter,
    AccessLogRetentionRepository,
    AccessLogRepository,
    AdminAuditRepository,
  ],
})
export class AccessModule {}
