/* Demo data: given and family names by origin, and where people were born (for their NIR). */

export type Origin = 'fr' | 'maghreb' | 'westAfrica' | 'turkey' | 'portugal';

/** A list of names written on one line. */
const names = (list: string): readonly string[] => list.split(', ');

export const GIVEN_NAMES: Readonly<Record<Origin, { F: readonly string[]; M: readonly string[] }>> =
  {
    fr: {
      F: names(
        'Émilie, Hélène, Chloé, Anaïs, Maëlle, Océane, Noémie, Mélanie, Céline, Séverine, Nadège, Amélie, Élodie, Valérie, Françoise, Cécile, Aurélie, Stéphanie, Laëtitia, Manon, Solène, Bérénice, Gwénola, Maïwenn, Zoé, Léna, Sylvie, Nathalie, Véronique, Marie-Hélène, Coralie',
      ),
      M: names(
        'Jérôme, Stéphane, Frédéric, Rémi, Noël, Jérémy, Grégory, Sébastien, Mickaël, Anthony, Kévin, Théo, Mathéo, Lucas, Hugo, Enzo, Nathan, Dylan, Yannick, Gwénaël, Thierry, Pascal, Hervé, Joël, Gaël, Benoît, François, Cédric, Jean-François, Pierre-Yves, Killian, Maxence, Ludovic, Erwan, Tanguy',
      ),
    },
    maghreb: {
      F: names('Yasmina, Leïla, Aïcha, Samira, Nawel, Inès, Myriam, Khadija'),
      M: names('Mohamed, Rachid, Yassine, Bilal, Mehdi, Nordine, Sofiane, Ilyès'),
    },
    westAfrica: {
      F: names('Fatoumata, Aminata, Mariam, Awa, Kadiatou, Aïssatou'),
      M: names('Mamadou, Ibrahima, Moussa, Ousmane, Abdoulaye, Boubacar'),
    },
    turkey: { F: names('Elif, Zeynep, Hülya, Gülsen'), M: names('Mehmet, Emre, Hakan, Murat') },
    portugal: { F: names('Ana, Sónia, Mariana, Joana'), M: names('João, António, Rui, Sérgio') },
  };

export const FAMILY_NAMES: Readonly<Record<Origin, readonly string[]>> = {
  fr: names(
    'Le Goff, Bréhier, Lefèvre, Gérard, Mérel, Évain, Boutin, Rocher, Barré, Ménard, Chevalier, Gaudin, Perrot, Hamon, Jégou, Pichon, Texier, Béranger, Briand, Cadiou, Lemaître, Thébaud, Allain, Brégeon, Orain, Gicquel, Morvan, Halgand, Bouvier, Fontaine, Lebreton, Clément, Mercier, Hervouët, Bénéteau, Lécuyer, Ferré, Rialland, Chéneau, Pasquier, Gaborit, Le Bihan',
  ),
  maghreb: names('Mansouri, Benkacem, Belkacem, Cherif, Bouzid, Amrani, El Idrissi'),
  westAfrica: names('Diallo, Traoré, Cissé, Sow, Bah, Kébé, Konaté, N’Diaye'),
  turkey: names('Öztürk, Kaya, Demir, Çelik'),
  portugal: names('Da Silva, Pereira, Fernandes, Gonçalves, Rodrigues'),
};

/** INSEE codes of the countries of birth (the "commune" of a NIR with department 99). */
export const BIRTH_COUNTRIES: Readonly<Record<Exclude<Origin, 'fr'>, readonly string[]>> = {
  maghreb: ['350', '351', '352'],
  westAfrica: ['341', '335', '330', '326'],
  turkey: ['208'],
  portugal: ['139'],
};

/**
 * INSEE (COG) codes of the towns of birth of people born in France, as FranceConnect's pivot
 * gives them: Nantes, Saint-Nazaire, Rezé, Angers, Rennes, La Roche-sur-Yon, Vannes, Paris,
 * Saint-Denis, Brest, Lyon, Lille.
 */
export const BIRTH_TOWNS = [
  '44109',
  '44109',
  '44109',
  '44184',
  '44143',
  '49007',
  '35238',
  '85191',
  '56260',
  '75056',
  '93066',
  '29019',
  '69123',
  '59350',
] as const;

/** Départements of birth of people born in France (metropolitan, two digits). */
export const BIRTH_DEPARTMENTS = [
  '44',
  '44',
  '44',
  '44',
  '44',
  '49',
  '35',
  '85',
  '56',
  '75',
  '93',
  '29',
];
