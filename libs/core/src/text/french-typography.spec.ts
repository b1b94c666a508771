import { describe, expect, it } from '@jest/globals';
import {
  NNBSP,
  countOf,
  elides,
  formatNumber,
  frenchText,
  ofName,
  ofStructure,
  quote,
  toStructure,
} from './french-typography.js';

describe('French typography', () => {
  it('puts a narrow no-break space before : ; ? ! whatever space was there', () => {
    expect(frenchText('Référent : Claire ; le voir ? Oui !')).toBe(
      `Référent${NNBSP}: Claire${NNBSP}; le voir${NNBSP}? Oui${NNBSP}!`,
    );
    expect(frenchText('Statut: ouvert?!')).toBe(`Statut${NNBSP}: ouvert${NNBSP}?!`);
    expect(frenchText(`Déjà${NNBSP}: rien à faire`)).toBe(`Déjà${NNBSP}: rien à faire`);
  });

  it('leaves URLs, query strings and times alone', () => {
    expect(frenchText('Voir https://relais.gouv.fr/aide?page=2 à 09:30')).toBe(
      'Voir https://relais.gouv.fr/aide?page=2 à 09:30',
    );
  });

  it('spaces the inside of guillemets with narrow no-break spaces', () => {
    expect(quote(' Logement ')).toBe(`«${NNBSP}Logement${NNBSP}»`);
    expect(frenchText('Le champ «Nom» ou « Prénom »')).toBe(
      `Le champ «${NNBSP}Nom${NNBSP}» ou «${NNBSP}Prénom${NNBSP}»`,
    );
  });

  it('turns straight apostrophes between letters into typographic ones', () => {
    expect(frenchText("l'équipe d'accueil")).toBe('l’équipe d’accueil');
  });

  it('writes thousands with a narrow no-break space and agrees the noun', () => {
    expect(formatNumber(12345)).toBe(`12${NNBSP}345`);
    expect(formatNumber(3.5)).toBe('3,5');
    expect(countOf(1, 'personne', 'personnes')).toBe('1 personne');
    expect(countOf(0, 'personne', 'personnes')).toBe('0 personne');
    expect(countOf(1234, 'personne', 'personnes')).toBe(`1${NNBSP}234 personnes`);
  });

  it('elides before a vowel or a mute h, not before a consonant, an aspirated h or y + vowel', () => {
    expect(ofName('Hélène Martin')).toBe('d’Hélène Martin');
    expect(ofName('Éric')).toBe('d’Éric');
    expect(ofName('Yves')).toBe('d’Yves');
    expect(ofName('Pierre')).toBe('de Pierre');
    expect(ofName('Yasmine')).toBe('de Yasmine');
    expect(elides('Haute-Garonne')).toBe(false);
    expect(elides('handicap')).toBe(false);
    expect(elides('Hugo')).toBe(true);
  });

  it('puts the article a structure’s name takes after de and à', () => {
    expect(ofStructure('Conseil départemental de la Vendée')).toBe(
      'du Conseil départemental de la Vendée',
    );
    expect(ofStructure('Département de Loire-Atlantique')).toBe(
      'du Département de Loire-Atlantique',
    );
    expect(ofStructure('Mission locale Nantes Métropole')).toBe(
      'de la Mission locale Nantes Métropole',
    );
    expect(ofStructure('Association Trajectoires')).toBe('de l’Association Trajectoires');
    expect(ofStructure('France Travail Nantes Centre')).toBe('de France Travail Nantes Centre');
    expect(ofStructure('Emmaüs Nantes')).toBe('d’Emmaüs Nantes');
    expect(ofStructure('Restos du cœur')).toBe('des Restos du cœur');
    expect(toStructure('CCAS de Saint-Nazaire')).toBe('au CCAS de Saint-Nazaire');
    expect(toStructure('Mission locale du Pays Yonnais')).toBe(
      'à la Mission locale du Pays Yonnais',
    );
    expect(toStructure('Espace emploi')).toBe('à l’Espace emploi');
    expect(toStructure('France Travail Nantes Centre')).toBe('à France Travail Nantes Centre');
  });
});
