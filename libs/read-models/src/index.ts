export { ReadModelsModule } from './read-models.module.js';
export { HandoverListReadModel } from './handover-list.read-model.js';
export { OrientationRequestListReadModel } from './orientation-request-list.read-model.js';
