import { registerEnumType } from '@nestjs/graphql';
import { AccountStatus, Role } from '@relais/identity';
import { StructureType, STRUCTURE_TYPE_LABELS } from '@relais/organizations';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a membership (rattachement) lets its account do.',
  valuesMap: {
    PROFESSIONAL: {
      description: 'Professionnel ou professionnelle (a caseworker) of a structure.',
    },
    ORIENTATION_MANAGER: { description: "Chargé ou chargée d'orientation of a territory." },
    STRUCTURE_ADMIN: { description: 'Administrateur ou administratrice de structure.' },
    TERRITORY_ADMIN: {
      description: 'Administrateur ou administratrice du territoire (déploiement).',
    },
    PLATFORM_ADMIN: { description: 'Administrateur ou administratrice de la plateforme.' },
  },
});

registerEnumType(AccountStatus, {
  name: 'AccountStatus',
  valuesMap: {
    ACTIVE: { description: 'May sign in.' },
    DISABLED: { description: 'Désactivé: refused at sign-in and at every request.' },
  },
});

registerEnumType(StructureType, {
  name: 'StructureType',
  description: 'The kind of body (type de structure).',
  valuesMap: Object.fromEntries(
    Object.entries(STRUCTURE_TYPE_LABELS).map(([value, label]) => [value, { description: label }]),
  ),
});
