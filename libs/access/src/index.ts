export { abilityFor } from './ability.js';
export type {
  Action,
  RelaisAbility,
  SubjectName,
  SubjectRecord,
  SubjectShapes,
} from './ability.js';
