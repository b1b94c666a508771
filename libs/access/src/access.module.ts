import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogRetentionRepository } from './access-log/access-log-retention.repository.js';
import { AccessLogWriter } from './access-log/access-log.writer.js';
import { AdminAuditEventEntity } from './audit/admin-audit-event.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEventEntity])],
  providers: [AccessLogWriter, AccessLogRetentionRepository],
  exports: [AccessLogWriter, AccessLogRetentionRepository],
})
export class AccessModule {}
