export { ReadModelsModule } from './read-models.module.js';
