import { join } from 'node:path';
import { checkSource, uiTextFiles, uiTextProblems } from './french-strings.js';

const root = join(import.meta.dirname, '..', '..');
const N = '\u202F';

/** The rules a source breaks, one per problem found. */
const rulesBroken = (path: string, source: string): string[] =>
  checkSource(path, source).map((problem) => problem.rule.split(' (')[0].trim());

describe('French that reads right (decision 0023)', () => {
  it('scans the screens, the emails, the event labels and the RGPD export’s labels', () => {
    const files = uiTextFiles(root);
    expect(files).toEqual(
      expect.arrayContaining([
        'apps/web/src/person/labels.ts',
        'apps/web/src/person/SearchPage.tsx',
        'libs/notifications/src/email/templates/render-email.ts',
        'libs/administration/src/invitation-emails.service.ts',
        'libs/pathways/src/export/file-export.labels.ts',
        'libs/events/src/event-types.ts',
      ]),
    );
    expect(files.length).toBeGreaterThan(100);
  });

  it('finds no user-facing string breaking the typography or the inclusive-writing rules', () => {
    const found = uiTextProblems(root).map((p) => `${p.path}:${p.line} ${p.rule}: ${p.text}`);
    expect(found).toEqual([]);
  });

  describe('canary: the scan catches what the rules forbid', () => {
    it('catches each kind of mistake, in literals, templates, JSX text and attributes', () => {
      const source = [
        `const a = 'Statut : ouvert';`,
        'const b = `Supprimer ${name}?`;',
        `const c = <p title="Le champ « Nom » est requis">Attention !</p>;`,
        `const d = "Ouvrir l'équipe";`,
        `const e = { PROFESSIONAL: 'Professionnel·le', REFERENT: 'Référent(e)' };`,
        'const f = `Le dossier de ${personName(person)} est créé.`;',
        'const g = <span>Un membre de {structure.name}</span>;',
        'const h = `Proposé à ${handover.toStructureName}`;',
        `const i = <p>Rôle${N}: admin,\n  « Comptes${N}»</p>;`,
      ].join('\n');
      expect(rulesBroken('apps/web/src/Canary.tsx', source)).toEqual([
        'plain space or none before : ; ? !',
        'plain space or none before : ; ? !',
        'plain space or none before : ; ? !',
        'plain space or none inside « »',
        'straight apostrophe in French text',
        'median-point or parentheses inclusive form',
        'median-point or parentheses inclusive form',
        'name after "de"',
        'structure name after "de"',
        'structure name after "à"',
        'plain space or none inside « »',
      ]);
    });

    it('lets correct French and code-like strings pass', () => {
      const source = [
        `import { graphql } from './api/graphql';`,
        `const q = graphql(\`query Person($id: ID!) { person(id: $id) { name } }\`);`,
        `const a = <p className="fr-mb-1w fr-text--sm" id="person:1">Statut${N}: ouvert${N}?</p>;`,
        'const b = `Le dossier ${ofName(personName(person))} est créé.`;',
        `const c = \`Le champ «${N}\${label}${N}» est requis${N}!\`;`,
        `const d = 'Professionnel ou professionnelle';`,
        `const e = new URL('https://relais.gouv.fr/aide?page=2');`,
        `if (kind === 'a:b') console.log('Unexpected: a plain colon');`,
        `const f = 'Rendez-vous à 09:30, l’équipe · Mission locale';`,
        `throw new Error('Email message: unknown kind');`,
      ].join('\n');
      expect(checkSource('apps/web/src/Canary.tsx', source)).toEqual([]);
    });
  });
});
