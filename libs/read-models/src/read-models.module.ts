import { Module } from '@nestjs/common';
import { HandoverListReadModel } from './handover-list.read-model.js';
import { OrientationRequestListReadModel } from './orientation-request-list.read-model.js';

/**
 * Cross-domain reads, each for one screen or feed (STYLE.md, "The house"): the only place besides
 * an owner's repositories allowed to name tables, and only to read them. They sit above the
 * domain libs they join; the API's resolvers call them, no domain lib does.
 */
@Module({
  providers: [HandoverListReadModel, OrientationRequestListReadModel],
  exports: [HandoverListReadModel, OrientationRequestListReadModel],
})
export class ReadModelsModule {}
