/**
 * Words of the bench data: names, départements and towns, structures, and the texts of
 * diagnostics, plans and notes, in the style of the demo seed (apps/api/src/demo).
 */

const list = (text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Names, most common first (they are drawn with decreasing weights).
// ---------------------------------------------------------------------------------------------

export const FAMILY_NAMES = {
  fr: list(`Martin, Bernard, Lefebvre, Dubois, Thomas, Robert, Petit, Richard, Durand, Leroy,
    Moreau, Simon, Laurent, Michel, Lefèvre, Leclercq, David, Bertrand, Roux, Fournier, Girard,
    Morel, Bonnet, Dupont, Lambert, Fontaine, Rousseau, Vincent, Faure, André, Mercier, Blanc,
    Guérin, Boyer, Garnier, Chevalier, François, Legrand, Gauthier, Perrin, Robin, Clément,
    Morin, Nicolas, Henry, Roussel, Mathieu, Gautier, Masson, Marchand, Duval, Denis, Dumont,
    Marie, Lemaire, Noël, Meyer, Dufour, Meunier, Brun, Blanchard, Giraud, Joly, Rivière, Lucas,
    Brunet, Gaillard, Barbier, Arnaud, Gérard, Roche, Renard, Schmitt, Roy, Leroux, Colin, Vidal,
    Caron, Picard, Roger, Fabre, Aubert, Lemoine, Renaud, Dumas, Lacroix, Olivier, Philippe,
    Bourgeois, Pierre, Benoît, Rey, Leclerc, Rolland, Guillaume, Lecomte, Jean, Dupuy, Guillot,
    Hubert, Berger, Carpentier, Dupuis, Moulin, Louis, Deschamps, Huet, Vasseur, Boucher, Fleury,
    Royer, Klein, Jacquet, Adam, Paris, Poirier, Marty, Aubry, Guyot, Carré, Charles, Renault,
    Charpentier, Ménard, Maillard, Baron, Bertin, Bailly, Hervé, Schneider, Le Gall, Collet,
    Léger, Bouvier, Julien, Prévost, Millet, Perrot, Daniel, Le Roux, Cousin, Germain, Breton,
    Besson, Langlois, Rémy, Le Goff, Pelletier, Lévêque, Perrier, Leblanc, Barré, Lebrun,
    Marchal, Weber, Mallet, Hamon, Boulanger, Jacob, Monnier, Michaud, Guichard, Gillet, Étienne,
    Poulain, Tessier, Chevallier, Collin, Chauvin, Bouchet, Gay, Lemaître, Bénard, Maréchal,
    Humbert, Reynaud, Antoine, Perret, Barthélemy, Cordier, Pichon, Lejeune, Gilbert, Lamy,
    Delaunay, Pasquier, Carlier, Laporte, Delattre, Dubus, Deldicque, Vandenbussche, Desmet,
    Wattel, Delcroix, Duhamel, Lebœuf, Hénon, Courtois, Tellier, Delpierre, Ramery, Verbeke,
    Cœuret, Brégeon, Bréhier, Mérel, Évain, Ménez, Jégou, Thébaud, Bénéteau, Hervouët, Lécuyer,
    Chéneau, Gaborit, Le Bihan, Kervella, Quéré, Pérès, Estève, Sabatier, Bérard, Ségura, Puech,
    Crémieux, Bétaille, Fénelon, Lafargue, Larrieu, Etcheverry, Castéra, Mérigot, Célestin`),
  maghreb: list(`Benali, Mansouri, Belkacem, Cherif, Bouzid, Amrani, El Idrissi, Haddad, Saïdi,
    Boukhari, Benkacem, Hamidi, Zerrouki, Aït Ouali, Boudjema, Kaci, Mebarki, Lahlou, Benyahia,
    Ouchène, Tahri, Rahmani, Ben Salah, Djebbar, Khelifi, Mokhtari`),
  westAfrica: list(`Diallo, Traoré, Cissé, Sow, Bah, Kébé, Konaté, N’Diaye, Camara, Keïta, Diop,
    Touré, Sylla, Coulibaly, Fofana, Ba, Diakité, Sissoko, Doumbia, Gueye`),
  turkey: list('Öztürk, Kaya, Demir, Çelik, Yılmaz, Şahin, Aydın, Arslan, Doğan, Koç'),
  portugal: list(
    'Da Silva, Pereira, Fernandes, Gonçalves, Rodrigues, Ferreira, Lopes, Martins, Sousa, Carvalho',
  ),
  eastEurope: list(
    'Kowalski, Nowak, Wiśniewski, Lewandowski, Popescu, Ionescu, Dumitru, Kaczmarek, Mazur',
  ),
};

/**
 * Syllables of rarer French family names ("Bourineau", "Vaudier", "Chabrol"): real names are
 * long-tailed, half of the people bear a name outside the few hundred most common ones, and a
 * search by name prefix is only as selective as that tail.
 */
export const NAME_ROOTS = list(`Bar, Bess, Blan, Bou, Bour, Bri, Cha, Chab, Chev, Cla, Col, Cor,
  Coud, Dau, Del, Des, Dur, Fau, Fer, Fou, Gar, Gau, Gil, Gui, Hen, Jac, Lam, Lan, Lar, Leb,
  Lem, Mal, Man, Mar, Mau, Mer, Mon, Mor, Pel, Per, Pic, Pon, Rav, Rou, Sau, Tes, Tho, Val, Vau,
  Ver, Vil, Bon, Cab, Dor, Esc, Fab, Gal, Her, Lac, Nav, Orl, Pas, Quen, Rab, Sor, Teyss`);

export const NAME_ENDINGS = list(`ard, aud, ault, eau, el, elle, enne, et, ette, ier, ière, in,
  ineau, on, ot, oux, é, ès, ais, and, ange, as, at, ichon, illon, erie, eron, ol, rol, usson,
  ignac, ac, ade, azet, ègue, enot, iaux, ic, on`);

export const GIVEN_NAMES = {
  fr: {
    F: list(`Marie, Nathalie, Isabelle, Sylvie, Catherine, Sandrine, Céline, Stéphanie, Valérie,
      Aurélie, Émilie, Julie, Laetitia, Mélanie, Sophie, Virginie, Élodie, Audrey, Caroline,
      Christelle, Karine, Séverine, Hélène, Chloé, Manon, Camille, Léa, Laura, Océane, Inès,
      Anaïs, Maëlle, Noémie, Amélie, Cécile, Françoise, Véronique, Nadège, Coralie, Solène,
      Bérénice, Gwénola, Maïwenn, Zoé, Léna, Jade, Louise, Clémence, Margaux, Justine, Pauline,
      Marion, Morgane, Jessica, Alexandra, Delphine, Béatrice, Ghislaine, Josiane, Mélissa,
      Maryline, Annabelle, Éloïse, Mégane, Romane, Lou-Anne, Marie-Hélène, Anne-Sophie`),
    M: list(`Jean, Philippe, Nicolas, Christophe, Stéphane, Sébastien, Frédéric, Julien, Laurent,
      David, Olivier, Thomas, Jérôme, Éric, Pascal, Thierry, Alexandre, Mickaël, Anthony, Kévin,
      Jérémy, Grégory, Cédric, Romain, Maxime, Benoît, François, Rémi, Noël, Hervé, Joël, Gaël,
      Yannick, Gwénaël, Théo, Mathéo, Lucas, Hugo, Enzo, Nathan, Dylan, Killian, Maxence,
      Ludovic, Erwan, Tanguy, Loïc, Damien, Bruno, Patrice, Fabrice, Dominique, Sylvain, Cyril,
      Arnaud, Jordan, Valentin, Quentin, Clément, Bastien, Aurélien, Jean-François, Pierre-Yves,
      Jean-Michel, Jean-Luc`),
  },
  maghreb: {
    F: list('Yasmina, Leïla, Aïcha, Samira, Nawel, Inès, Myriam, Khadija, Fatima, Nadia, Soraya'),
    M: list(
      'Mohamed, Rachid, Yassine, Bilal, Mehdi, Nordine, Sofiane, Ilyès, Karim, Samir, Hicham',
    ),
  },
  westAfrica: {
    F: list('Fatoumata, Aminata, Mariam, Awa, Kadiatou, Aïssatou, Hawa, Mariama, Djeneba'),
    M: list('Mamadou, Ibrahima, Moussa, Ousmane, Abdoulaye, Boubacar, Seydou, Modibo, Lassana'),
  },
  turkey: {
    F: list('Elif, Zeynep, Hülya, Gülsen, Ayşe, Emine'),
    M: list('Mehmet, Emre, Hakan, Murat, Mustafa, Ömer'),
  },
  portugal: {
    F: list('Ana, Sónia, Mariana, Joana, Inês, Conceição'),
    M: list('João, António, Rui, Sérgio, José, Luís'),
  },
  eastEurope: {
    F: list('Agnieszka, Katarzyna, Ioana, Elena, Małgorzata, Andreea'),
    M: list('Piotr, Krzysztof, Andrei, Mihai, Tomasz, Bogdan'),
  },
};

export const ORIGINS = [
  ['fr', 70],
  ['maghreb', 12],
  ['westAfrica', 7],
  ['portugal', 4],
  ['turkey', 3],
  ['eastEurope', 4],
];

/** INSEE codes of countries of birth (the "commune" of a NIR with department 99). */
export const BIRTH_COUNTRIES = {
  maghreb: ['350', '351', '352'],
  westAfrica: ['341', '335', '330', '326'],
  turkey: ['208'],
  portugal: ['139'],
  eastEurope: ['122', '114'],
};

// ---------------------------------------------------------------------------------------------
// Territories: Nord is the largest (M and L), small départements for M, large ones for L.
// `of` is how French names the département after "de": "Département du Nord".
// ---------------------------------------------------------------------------------------------

const towns = (text) =>
  text.split(';').map((entry) => {
    const [city, postalCode] = entry.split('|').map((part) => part.trim());
    return [city, postalCode];
  });

export const MAIN_TERRITORY = {
  code: '59',
  name: 'Nord',
  of: 'du Nord',
  towns: towns(`Lille|59000; Roubaix|59100; Tourcoing|59200; Dunkerque|59140;
    Villeneuve-d’Ascq|59650; Valenciennes|59300; Douai|59500; Maubeuge|59600; Cambrai|59400;
    Wattrelos|59150; Armentières|59280; Hazebrouck|59190; Denain|59220; Lambersart|59130;
    Marcq-en-Barœul|59700; Grande-Synthe|59760; Loos|59120; Fourmies|59610; Hautmont|59330;
    Lille|59800; Lille|59160; Roubaix|59100; Tourcoing|59200`),
};

/** Nine small départements, about 2,000 people each at size M. */
export const SMALL_TERRITORIES = [
  {
    code: '23',
    name: 'Creuse',
    of: 'de la Creuse',
    towns: towns(`Guéret|23000; Aubusson|23200; La Souterraine|23300; Bourganeuf|23400;
      Boussac|23600; Évaux-les-Bains|23110`),
  },
  {
    code: '48',
    name: 'Lozère',
    of: 'de la Lozère',
    towns: towns(`Mende|48000; Marvejols|48100; Saint-Chély-d’Apcher|48200;
      Florac-Trois-Rivières|48400; Langogne|48300`),
  },
  {
    code: '05',
    name: 'Hautes-Alpes',
    of: 'des Hautes-Alpes',
    towns: towns('Gap|05000; Briançon|05100; Embrun|05200; Laragne-Montéglin|05300; Veynes|05400'),
  },
  {
    code: '15',
    name: 'Cantal',
    of: 'du Cantal',
    towns: towns(`Aurillac|15000; Saint-Flour|15100; Mauriac|15200; Arpajon-sur-Cère|15130;
      Murat|15300; Riom-ès-Montagnes|15400`),
  },
  {
    code: '90',
    name: 'Territoire de Belfort',
    of: 'du Territoire de Belfort',
    towns: towns(`Belfort|90000; Delle|90100; Valdoie|90300; Beaucourt|90500; Giromagny|90200;
      Offemont|90300`),
  },
  {
    code: '09',
    name: 'Ariège',
    of: 'de l’Ariège',
    towns: towns(`Foix|09000; Pamiers|09100; Saint-Girons|09200; Lavelanet|09300;
      Tarascon-sur-Ariège|09400; Mazères|09270`),
  },
  {
    code: '04',
    name: 'Alpes-de-Haute-Provence',
    of: 'des Alpes-de-Haute-Provence',
    towns: towns(`Digne-les-Bains|04000; Manosque|04100; Sisteron|04200; Forcalquier|04300;
      Oraison|04700; Château-Arnoux-Saint-Auban|04160`),
  },
  {
    code: '52',
    name: 'Haute-Marne',
    of: 'de la Haute-Marne',
    towns: towns(`Chaumont|52000; Saint-Dizier|52100; Langres|52200; Joinville|52300;
      Bourbonne-les-Bains|52400; Wassy|52130`),
  },
  {
    code: '32',
    name: 'Gers',
    of: 'du Gers',
    towns: towns(`Auch|32000; Condom|32100; L’Isle-Jourdain|32600; Fleurance|32500; Eauze|32800;
      Mirande|32300`),
  },
];

/** Twenty large départements sharing 900,000 people at size L, with their relative sizes. */
export const LARGE_TERRITORIES = [
  {
    code: '13',
    name: 'Bouches-du-Rhône',
    of: 'des Bouches-du-Rhône',
    weight: 70,
    towns: towns(`Marseille|13001; Marseille|13003; Marseille|13013; Marseille|13015;
      Aix-en-Provence|13100; Arles|13200; Martigues|13500; Aubagne|13400; Salon-de-Provence|13300;
      Istres|13800; Vitrolles|13127; Marignane|13700`),
  },
  {
    code: '93',
    name: 'Seine-Saint-Denis',
    of: 'de la Seine-Saint-Denis',
    weight: 66,
    towns: towns(`Saint-Denis|93200; Montreuil|93100; Aubervilliers|93300; Aulnay-sous-Bois|93600;
      Drancy|93700; Noisy-le-Grand|93160; Bobigny|93000; Pantin|93500; Bondy|93140;
      Épinay-sur-Seine|93800; Sevran|93270; Clichy-sous-Bois|93390`),
  },
  {
    code: '62',
    name: 'Pas-de-Calais',
    of: 'du Pas-de-Calais',
    weight: 58,
    towns: towns(`Calais|62100; Boulogne-sur-Mer|62200; Arras|62000; Lens|62300; Liévin|62800;
      Béthune|62400; Hénin-Beaumont|62110; Saint-Omer|62500; Bruay-la-Buissière|62700`),
  },
  {
    code: '33',
    name: 'Gironde',
    of: 'de la Gironde',
    weight: 54,
    towns: towns(`Bordeaux|33000; Bordeaux|33300; Bordeaux|33800; Mérignac|33700; Pessac|33600;
      Talence|33400; Libourne|33500; Villenave-d’Ornon|33140; Lormont|33310; Cenon|33150;
      Bègles|33130; Arcachon|33120`),
  },
  {
    code: '34',
    name: 'Hérault',
    of: 'de l’Hérault',
    weight: 52,
    towns: towns(`Montpellier|34000; Montpellier|34070; Montpellier|34080; Béziers|34500;
      Sète|34200; Agde|34300; Lunel|34400; Frontignan|34110; Lodève|34700`),
  },
  {
    code: '31',
    name: 'Haute-Garonne',
    of: 'de la Haute-Garonne',
    weight: 50,
    towns: towns(`Toulouse|31000; Toulouse|31100; Toulouse|31200; Toulouse|31300; Toulouse|31400;
      Colomiers|31770; Tournefeuille|31170; Muret|31600; Blagnac|31700; Saint-Gaudens|31800`),
  },
  {
    code: '76',
    name: 'Seine-Maritime',
    of: 'de la Seine-Maritime',
    weight: 48,
    towns: towns(`Rouen|76000; Rouen|76100; Le Havre|76600; Le Havre|76610; Dieppe|76200;
      Sotteville-lès-Rouen|76300; Saint-Étienne-du-Rouvray|76800; Fécamp|76400; Elbeuf|76500`),
  },
  {
    code: '06',
    name: 'Alpes-Maritimes',
    of: 'des Alpes-Maritimes',
    weight: 46,
    towns: towns(`Nice|06000; Nice|06100; Nice|06200; Nice|06300; Cannes|06400; Antibes|06600;
      Grasse|06130; Cagnes-sur-Mer|06800; Menton|06500; Vallauris|06220`),
  },
  {
    code: '69',
    name: 'Rhône',
    of: 'du Rhône',
    weight: 44,
    towns: towns(`Villefranche-sur-Saône|69400; Givors|69700; Tarare|69170; Brignais|69530;
      Anse|69480; Gleizé|69400; L’Arbresle|69210; Mornant|69440`),
  },
  {
    code: '57',
    name: 'Moselle',
    of: 'de la Moselle',
    weight: 43,
    towns: towns(`Metz|57000; Metz|57050; Thionville|57100; Forbach|57600; Sarreguemines|57200;
      Montigny-lès-Metz|57950; Yutz|57970; Hayange|57700; Sarrebourg|57400`),
  },
  {
    code: '54',
    name: 'Meurthe-et-Moselle',
    of: 'de Meurthe-et-Moselle',
    weight: 42,
    towns: towns(`Nancy|54000; Nancy|54100; Vandœuvre-lès-Nancy|54500; Lunéville|54300;
      Toul|54200; Longwy|54400; Pont-à-Mousson|54700; Laxou|54520`),
  },
  {
    code: '44',
    name: 'Loire-Atlantique',
    of: 'de Loire-Atlantique',
    weight: 41,
    towns: towns(`Nantes|44000; Nantes|44100; Nantes|44200; Nantes|44300; Saint-Nazaire|44600;
      Rezé|44400; Saint-Herblain|44800; Orvault|44700; Châteaubriant|44110; Guérande|44350`),
  },
  {
    code: '35',
    name: 'Ille-et-Vilaine',
    of: 'd’Ille-et-Vilaine',
    weight: 38,
    towns: towns(`Rennes|35000; Rennes|35200; Rennes|35700; Saint-Malo|35400; Fougères|35300;
      Vitré|35500; Cesson-Sévigné|35510; Bruz|35170; Redon|35600`),
  },
  {
    code: '30',
    name: 'Gard',
    of: 'du Gard',
    weight: 37,
    towns: towns(`Nîmes|30000; Nîmes|30900; Alès|30100; Bagnols-sur-Cèze|30200; Beaucaire|30300;
      Vauvert|30600; Saint-Gilles|30800; Uzès|30700`),
  },
  {
    code: '66',
    name: 'Pyrénées-Orientales',
    of: 'des Pyrénées-Orientales',
    weight: 36,
    towns: towns(`Perpignan|66000; Perpignan|66100; Canet-en-Roussillon|66140; Saint-Estève|66240;
      Argelès-sur-Mer|66700; Rivesaltes|66600; Céret|66400; Prades|66500`),
  },
  {
    code: '83',
    name: 'Var',
    of: 'du Var',
    weight: 35,
    towns: towns(`Toulon|83000; Toulon|83100; Toulon|83200; La Seyne-sur-Mer|83500; Hyères|83400;
      Fréjus|83600; Draguignan|83300; Brignoles|83170; Six-Fours-les-Plages|83140`),
  },
  {
    code: '02',
    name: 'Aisne',
    of: 'de l’Aisne',
    weight: 34,
    towns: towns(`Saint-Quentin|02100; Soissons|02200; Laon|02000; Château-Thierry|02400;
      Tergnier|02700; Chauny|02300; Hirson|02500; Villers-Cotterêts|02600`),
  },
  {
    code: '95',
    name: 'Val-d’Oise',
    of: 'du Val-d’Oise',
    weight: 33,
    towns: towns(`Argenteuil|95100; Cergy|95000; Sarcelles|95200; Garges-lès-Gonesse|95140;
      Pontoise|95300; Gonesse|95500; Bezons|95870; Goussainville|95190; Villiers-le-Bel|95400`),
  },
  {
    code: '94',
    name: 'Val-de-Marne',
    of: 'du Val-de-Marne',
    weight: 32,
    towns: towns(`Créteil|94000; Vitry-sur-Seine|94400; Champigny-sur-Marne|94500;
      Ivry-sur-Seine|94200; Maisons-Alfort|94700; Fontenay-sous-Bois|94120; Villejuif|94800;
      Choisy-le-Roi|94600`),
  },
  {
    code: '92',
    name: 'Hauts-de-Seine',
    of: 'des Hauts-de-Seine',
    weight: 31,
    towns: towns(`Nanterre|92000; Gennevilliers|92230; Colombes|92700; Asnières-sur-Seine|92600;
      Clichy|92110; Bagneux|92220; Villeneuve-la-Garenne|92390; Boulogne-Billancourt|92100`),
  },
];

/** "de Lille", "d’Arras", "du Havre", "des Sables", "de la Souterraine", "de l’Isle". */
export function ofPlace(place) {
  if (place.startsWith('Le ')) return `du ${place.slice(3)}`;
  if (place.startsWith('Les ')) return `des ${place.slice(4)}`;
  if (place.startsWith('La ')) return `de la ${place.slice(3)}`;
  if (place.startsWith('L’')) return `de l’${place.slice(2)}`;
  return /^[AEIOUYÉÈÊÂÎÔH]/.test(place) ? `d’${place}` : `de ${place}`;
}

export const ASSOCIATION_NAMES = list(`Association Le Fil d’Ariane, Association Trait d’Union,
  Association Horizons partagés, Association La Passerelle, Association Solidarités nouvelles,
  Association Point d’appui, Association Les Eaux vives, Association Le Relais des familles,
  Association Accueil et Partage, Association Entraide et Logement, Association La Boussole,
  Association Tremplin`);

export const SIAE_NAMES = list(`Atelier chantier d’insertion Les Jardins du Val,
  Entreprise d’insertion La Recyclerie, Atelier chantier d’insertion Nature et Patrimoine,
  Entreprise d’insertion Bâtir ensemble, Association intermédiaire Coup de main,
  Atelier chantier d’insertion Les Ateliers du Canal, Entreprise de travail temporaire d’insertion Élan,
  Atelier chantier d’insertion Bois et Forêts`);

export const STREETS = list(`rue Jean Jaurès, rue Victor Hugo, avenue de la République,
  rue des Acacias, allée des Tilleuls, rue du Général de Gaulle, boulevard de la Liberté,
  rue Pasteur, impasse des Mimosas, rue des Hortensias, chemin de la Métairie, rue de la Gare,
  place de l’Église, rue Aristide Briand, rue des Écoles, allée des Bruyères, rue du Port,
  rue Gambetta, rue de la Paix, rue Émile Zola, avenue Jean Moulin, rue Louis Blériot,
  résidence les Peupliers, cité des Fleurs, rue du Moulin, rue Pierre Brossolette`);

export const JOBS = [
  ['Aide à domicile', 'K1302'],
  ['Agent d’entretien de locaux', 'K2204'],
  ['Préparateur de commandes', 'N1103'],
  ['Cariste', 'N1101'],
  ['Employé de libre-service', 'D1507'],
  ['Hôte de caisse', 'D1505'],
  ['Commis de cuisine', 'G1602'],
  ['Serveur en restauration', 'G1803'],
  ['Maçon', 'F1703'],
  ['Agent de sécurité', 'K2503'],
  ['Conducteur de bus', 'N4103'],
  ['Ouvrier du paysage', 'A1203'],
  ['Soudeur', 'H2913'],
  ['Secrétaire médicale', 'M1609'],
  ['Agent administratif', 'M1602'],
  ['Chauffeur-livreur', 'N4105'],
  ['Vendeur en prêt-à-porter', 'D1214'],
  ['Agent de service hospitalier', 'J1301'],
  ['Électricien du bâtiment', 'F1602'],
  ['Mécanicien automobile', 'I1604'],
  ['Ouvrier maraîcher', 'A1414'],
  ['Auxiliaire de puériculture', 'J1304'],
  ['Plombier chauffagiste', 'F1603'],
  ['Boulanger', 'D1102'],
];

// ---------------------------------------------------------------------------------------------
// Diagnostic, plan, notes.
// ---------------------------------------------------------------------------------------------

export const SENSITIVE_THEMES = new Set(['HEALTH', 'DISABILITY', 'JUSTICE']);

export const OBSTACLE_WEIGHTS = {
  RSA_SOCIAL: {
    HOUSING: 5,
    FINANCES: 5,
    HEALTH: 4,
    FAMILY_CHILDCARE: 3,
    DIGITAL: 3,
    MOBILITY: 2,
    LANGUAGE: 1,
    JUSTICE: 1,
  },
  RSA_SOCIO_PRO: {
    MOBILITY: 5,
    EDUCATION_TRAINING: 4,
    DIGITAL: 3,
    FAMILY_CHILDCARE: 3,
    HEALTH: 2,
    HOUSING: 2,
    FINANCES: 2,
    EMPLOYMENT: 2,
    LANGUAGE: 1,
    JUSTICE: 1,
  },
  RSA_PRO: {
    EMPLOYMENT: 4,
    MOBILITY: 3,
    EDUCATION_TRAINING: 3,
    DIGITAL: 2,
    FAMILY_CHILDCARE: 2,
    FINANCES: 1,
  },
  JOBSEEKER: { EMPLOYMENT: 5, EDUCATION_TRAINING: 3, MOBILITY: 2, DIGITAL: 2, HEALTH: 1 },
  YOUTH: {
    MOBILITY: 5,
    EDUCATION_TRAINING: 4,
    HOUSING: 3,
    FINANCES: 2,
    EMPLOYMENT: 2,
    DIGITAL: 1,
    JUSTICE: 1,
    HEALTH: 1,
  },
  DISABILITY: { HEALTH: 4, EMPLOYMENT: 3, MOBILITY: 2, EDUCATION_TRAINING: 2, DIGITAL: 1 },
  RSA_NEW: { FINANCES: 3, HOUSING: 3, DIGITAL: 2, FAMILY_CHILDCARE: 2, HEALTH: 2 },
};

export const OBSTACLE_COMMENTS = {
  MOBILITY: [
    'Pas de permis de conduire ; les horaires de bus ne permettent pas les postes en horaires décalés.',
    'Véhicule en panne depuis trois mois, réparation estimée à 900 €.',
    'Permis suspendu, récupération prévue dans quatre mois.',
  ],
  HOUSING: [
    'Hébergé{e} chez un proche, demande de logement social à renouveler.',
    'Impayés de loyer de quatre mois, procédure d’expulsion engagée par le bailleur.',
    'Logement trop petit et humide pour la famille, dossier de mutation en cours.',
  ],
  HEALTH: [
    'Suivi régulier en centre médico-psychologique ; les rendez-vous du matin sont difficiles.',
    'Douleurs lombaires chroniques qui limitent le port de charges et la station debout.',
    'Traitement au long cours, arrêts fréquents ces derniers mois.',
  ],
  DISABILITY: [
    'RQTH obtenue ; restrictions sur le port de charges et les gestes répétitifs.',
    'Reconnaissance du handicap à renouveler, dossier MDPH à déposer avant l’échéance.',
    'Déficience auditive partielle : privilégier les échanges écrits et les petits groupes.',
  ],
  FAMILY_CHILDCARE: [
    'Parent isolé de deux enfants en bas âge, pas de mode de garde.',
    'Aide un parent dépendant plusieurs heures par jour.',
    'Garde alternée : disponible une semaine sur deux seulement.',
  ],
  LANGUAGE: [
    'Comprend le français à l’oral, difficultés importantes à l’écrit.',
    'Arrivé{e} en France il y a deux ans, niveau A1 à l’oral.',
  ],
  DIGITAL: [
    'Pas d’ordinateur ni de connexion à domicile ; démarches en ligne faites par un tiers.',
    'Utilise un smartphone mais ne sait pas envoyer une pièce jointe.',
  ],
  FINANCES: [
    'Dettes de consommation importantes, reste à vivre très faible.',
    'Interdit{e} bancaire, compte géré en espèces.',
    'Rappel d’indu CAF en cours de remboursement.',
  ],
  JUSTICE: [
    'Sous contrôle judiciaire avec obligation de pointage hebdomadaire.',
    'Fin de peine en aménagement (placement sous surveillance électronique).',
    'Audience prévue dans les prochains mois ; situation à prendre en compte pour les engagements.',
  ],
  EDUCATION_TRAINING: [
    'Sorti{e} du système scolaire sans diplôme après la troisième.',
    'CAP obtenu il y a longtemps, compétences à actualiser.',
    'Diplôme obtenu à l’étranger non reconnu en France.',
  ],
  EMPLOYMENT: [
    'Dernier emploi il y a plus de deux ans ; CV à reprendre entièrement.',
    'Expérience en intérim uniquement, souhaite un emploi stable.',
    'Licenciement économique, difficulté à se projeter dans un autre métier.',
  ],
};

/** Action titles that serve an obstacle; those of sensitive themes say nothing of it. */
export const OBSTACLE_ACTIONS = {
  MOBILITY: [
    'Demande d’aide au permis de conduire',
    'Prêt d’un vélo électrique par la plateforme mobilité',
    'Demande de tarification solidaire des transports',
  ],
  HOUSING: [
    'Demande d’aide au Fonds de solidarité pour le logement (FSL)',
    'Dépôt d’une demande de logement social',
  ],
  HEALTH: [
    'Prise de rendez-vous avec le médecin traitant',
    'Ouverture des droits à la complémentaire santé solidaire',
  ],
  DISABILITY: [
    'Étude de l’aménagement du poste de travail',
    'Renouvellement d’un dossier administratif',
  ],
  FAMILY_CHILDCARE: [
    'Recherche d’une place en crèche (dispositif AVIP)',
    'Inscription au relais petite enfance',
  ],
  LANGUAGE: [
    'Inscription à un atelier sociolinguistique',
    'Positionnement en formation linguistique',
  ],
  DIGITAL: [
    'Atelier numérique au tiers-lieu du quartier',
    'Création de l’adresse électronique et des espaces en ligne',
  ],
  FINANCES: [
    'Rendez-vous avec la conseillère en économie sociale et familiale',
    'Constitution d’un dossier de surendettement',
  ],
  JUSTICE: ['Adapter le calendrier aux obligations en cours'],
  EDUCATION_TRAINING: [
    'Positionnement sur une formation qualifiante',
    'Remise à niveau en français et en mathématiques',
  ],
  EMPLOYMENT: ['Mise à jour du CV', 'Période de mise en situation en milieu professionnel (PMSMP)'],
};

const goal = (title, ...actions) => ({ title, actions });

export const GOALS = {
  social: [
    goal(
      'Stabiliser la situation de logement',
      'Dépôt d’une demande de logement social',
      'Rendez-vous avec le bailleur pour un plan d’apurement',
    ),
    goal(
      'Retrouver une autonomie dans les démarches administratives',
      'Atelier numérique : créer ses comptes Ameli et CAF',
      'Classement des justificatifs avec l’écrivain public',
    ),
    goal(
      'Assainir la situation budgétaire',
      'Mise en place d’un budget mensuel',
      'Demande d’échéancier auprès des créanciers',
    ),
    goal(
      'Prendre soin de sa santé',
      'Bilan de santé au centre d’examens de santé de la CPAM',
      'Ouverture des droits à la complémentaire santé solidaire',
    ),
  ],
  socioPro: [
    goal(
      'Lever les freins à la mobilité',
      'Inscription à l’auto-école sociale',
      'Demande d’aide au permis de conduire',
    ),
    goal(
      'Entrer dans un parcours d’insertion par l’activité économique',
      'Information collective en structure d’insertion',
      'Entretien d’embauche en structure d’insertion',
    ),
    goal(
      'Construire un projet professionnel réaliste',
      'Enquête métier auprès de deux employeurs',
      'Immersion en entreprise d’une semaine',
    ),
    goal('Améliorer la maîtrise du français', 'Inscription à un atelier sociolinguistique'),
  ],
  pro: [
    goal(
      'Retrouver un emploi durable dans le métier visé',
      'Mise à jour du CV et de la lettre de motivation',
      'Candidatures ciblées : dix offres par mois',
      'Préparation aux entretiens d’embauche',
    ),
    goal(
      'Obtenir une qualification',
      'Positionnement sur une formation qualifiante',
      'Dossier de financement de la formation',
    ),
    goal(
      'Élargir la recherche aux métiers proches',
      'Atelier sur les compétences transférables',
      'Participation à un job dating',
    ),
  ],
  youth: [
    goal(
      'Définir un projet professionnel',
      'Ateliers découverte des métiers à la mission locale',
      'Stage de découverte en entreprise',
    ),
    goal(
      'Accéder à une première expérience professionnelle',
      'Rédaction du premier CV',
      'Candidatures en alternance',
    ),
    goal('Obtenir le permis B', 'Inscription au code de la route', 'Demande d’aide au permis'),
    goal(
      'Trouver un logement autonome',
      'Demande en foyer de jeunes travailleurs',
      'Dossier Visale pour la garantie locative',
    ),
  ],
  disability: [
    goal(
      'Trouver un emploi compatible avec ses contraintes',
      'Étude de poste avec le conseiller Cap emploi',
      'Candidatures ciblées auprès d’employeurs partenaires',
    ),
    goal(
      'Se reconvertir vers un nouveau métier',
      'Bilan de reconversion professionnelle',
      'Positionnement sur une formation de reconversion',
    ),
  ],
  new: [
    goal(
      'Finaliser l’orientation du parcours',
      'Entretien de diagnostic d’orientation',
      'Transmission du dossier à la chargée d’orientation',
    ),
    goal(
      'Sécuriser l’ouverture des droits',
      'Vérification des droits CAF et de la prime d’activité',
    ),
  ],
};

export const GOALS_OF = {
  RSA_SOCIAL: 'social',
  RSA_SOCIO_PRO: 'socioPro',
  RSA_PRO: 'pro',
  JOBSEEKER: 'pro',
  YOUTH: 'youth',
  DISABILITY: 'disability',
  RSA_NEW: 'new',
};

export const FIRST_NOTE =
  'Premier entretien réalisé avec {civ} {nom} : situation globale faite, diagnostic partagé avec l’équipe.';

export const HONORED_NOTES = [
  'Entretien de suivi avec {civ} {nom}, présent{e} et motivé{e}. Les démarches avancent, point d’étape dans un mois.',
  'Rendez-vous honoré : point sur les actions en cours, {civ} {nom} a apporté les justificatifs demandés.',
];

export const MISSED_NOTE =
  'Absent{e} au rendez-vous du jour sans prévenir. Relance par SMS et par courrier.';

export const TEAM_NOTES = [
  'Point téléphonique : {civ} {nom} a transmis les justificatifs demandés, le dossier est complet.',
  'Bilan à mi-parcours : objectifs en bonne voie, à reprendre au prochain entretien.',
  'Échange avec les partenaires de l’équipe : la coordination reste assurée par le référent de parcours.',
  'Message de {civ} {nom} : souhaite décaler le prochain rendez-vous d’une semaine, accord donné.',
  'Visite à domicile réalisée avec la conseillère en économie sociale et familiale ; situation stabilisée.',
  'Candidature envoyée pour un poste repéré ensemble ; relance prévue la semaine prochaine.',
];

export const STRUCTURE_NOTES = [
  'Dossier présenté en commission interne ; accord de principe pour une aide financière ponctuelle.',
  'Pour le service : vérifier la date de fin de droits avant le prochain entretien.',
];

export const AUTHOR_NOTES = [
  'Pense-bête : rappeler {civ} {nom} la semaine prochaine pour le retour de la commission.',
  'À préparer pour le prochain entretien : simulation de budget et offres repérées.',
];

export const SENSITIVE_NOTES = {
  HEALTH:
    '{civ} {nom} évoque un suivi médical régulier qui limite ses disponibilités le matin ; à prendre en compte pour les rendez-vous.',
  DISABILITY:
    'Les restrictions transmises par le médecin excluent le port de charges lourdes ; à rappeler lors des mises en relation.',
  JUSTICE:
    'Obligation de pointage hebdomadaire : éviter les rendez-vous le jeudi matin. Information à ne pas diffuser au-delà de l’équipe.',
};

export const JOIN_REASONS = {
  CONSEIL_DEPARTEMENTAL: 'Suivi du contrat d’engagements RSA',
  FRANCE_TRAVAIL: 'Inscription à France Travail et suivi de la recherche d’emploi',
  MISSION_LOCALE: 'Suivi engagé à la mission locale',
  CAP_EMPLOI: 'Accompagnement vers l’emploi des travailleurs handicapés',
  CAF: 'Suivi des prestations et de la prime d’activité',
  MSA: 'Suivi des prestations agricoles',
  CCAS: 'Aides facultatives et domiciliation au CCAS',
  ASSOCIATION: 'Accompagnement social global',
  SIAE: 'Salarié{e} en parcours en structure d’insertion',
};

export const LEAVE_COMMENTS = [
  'Accompagnement terminé, la situation est stabilisée.',
  'Fin du contrat en structure d’insertion.',
  'Droits ouverts, plus de suivi nécessaire de notre côté.',
];

export const HANDOVER_REASONS = [
  'Projet professionnel construit, freins sociaux levés : passage vers un accompagnement emploi.',
  'Situation sociale à reprendre en priorité : réorientation vers un accompagnement social.',
  'Reconnaissance de travailleur handicapé obtenue : passage vers Cap emploi.',
  'Déménagement dans un autre secteur du département.',
  'Entrée en parcours d’insertion : la structure porte désormais l’accompagnement.',
];
