import { registerEnumType } from '@nestjs/graphql';
import { NotConcernedReason } from '@relais/lifecycle';

registerEnumType(NotConcernedReason, {
  name: 'NotConcernedReason',
  description:
    'Pourquoi la personne n’est pas concernée. NOT_IN_SCOPE: ni soumise aux droits et devoirs, ni accompagnée. CREATED_IN_ERROR: dossier créé par erreur. DUPLICATE: un autre dossier du territoire la suit.',
});
