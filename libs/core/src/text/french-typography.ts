/**
 * French typography for the sentences the screens and the emails compose. Fixed text is written correctly in the
 * source (narrow no-break space U+202F before : ; ? ! and inside « », typographic apostrophe ’),
 * and test/architecture/french-typography.spec.ts checks it; these helpers handle what only the
 * data decides: numbers, elision before a name ("d’Hélène") and the article before a structure
 * ("du Conseil départemental", "de la Mission locale", "de France Travail").
 * docs/decisions/0023-french-typography-and-inclusive-writing.md.
 */

/** Narrow no-break space (espace fine insécable), before : ; ? ! and inside « ». */
export const NNBSP = '\u202F';

const NUMBER = new Intl.NumberFormat('fr-FR');

/** A number as French writes it: "12 345" with a narrow no-break space, "3,5". */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** "0 personne", "1 personne", "1 234 personnes": the count formatted, the noun agreed (plural from 2). */
export function countOf(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${Math.abs(count) >= 2 ? many : one}`;
}

/** A quotation between French guillemets: « texte ». */
export function quote(text: string): string {
  return `«${NNBSP}${text.trim()}${NNBSP}»`;
}

/**
 * Composed or received text made typographic: narrow no-break spaces before : ; ? ! and inside
 * « » (whatever space, or none, was there), straight apostrophes between letters made ’. URLs and
 * times ("https://", "?page=2", "09:30") are left alone: a mark directly followed by a letter or
 * digit is not punctuation.
 */
export function frenchText(text: string): string {
  return text
    .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
    .replace(/(\S)[ \u00A0\u202F]*([;?!]+)(?=\s|$|[»)\]])/gu, `$1${NNBSP}$2`)
    .replace(/(\S)[ \u00A0\u202F]*:(?=\s|$)/gu, `$1${NNBSP}:`)
    .replace(/«[ \u00A0\u202F]*/gu, `«${NNBSP}`)
    .replace(/[ \u00A0\u202F]*»/gu, `${NNBSP}»`);
}

const VOWEL = /^[aeiouàâäéèêëîïôöùûüæœ]/iu;
/** Words whose h is aspirated: no elision ("de Haute-Garonne", "du handicap"). */
const ASPIRATED_H =
  /^h(aut|all|ameau|andi|angar|arki|asard|alte|avre|éros|ibou|ockey|onte|ors|ongr|uss)/iu;

/**
 * Whether "de", "le" or "la" elide before this word: a vowel, a mute h ("Hélène", "Hugo"), a y
 * before a consonant ("Yves", not "Yasmine"), never before an aspirated h ("Haute-Garonne").
 */
export function elides(word: string): boolean {
  const text = word.trim();
  if (VOWEL.test(text)) return true;
  if (/^y/iu.test(text)) return !/^y[aeiouàâäéèêëîïôöùûü]/iu.test(text);
  if (/^h/iu.test(text)) return !ASPIRATED_H.test(text);
  return false;
}

/** "de" before a person's or any bare name: "de Pierre", "d’Hélène", "d’Yves". */
export function ofName(name: string): string {
  return elides(name) ? `d’${name.trim()}` : `de ${name.trim()}`;
}

type Article = 'masculine' | 'feminine' | 'plural' | 'none';

/**
 * The article a structure's name takes, read from its first word: the names begin with what the
 * structure is ("Mission locale Nantes Métropole", "Conseil départemental de la Vendée", "CCAS de
 * Saint-Nazaire"). Proper names ("France Travail", "Cap emploi") take none, nor does any name
 * this list does not know: "de Relais 44" reads better than a guessed article.
 */
const STRUCTURE_ARTICLES: Readonly<Record<string, Article>> = {
  agence: 'feminine',
  antenne: 'feminine',
  association: 'feminine',
  atelier: 'masculine',
  bureau: 'masculine',
  caf: 'feminine',
  caisse: 'feminine',
  cap: 'none',
  ccas: 'masculine',
  centre: 'masculine',
  chantier: 'masculine',
  cias: 'masculine',
  cité: 'feminine',
  collectif: 'masculine',
  comité: 'masculine',
  commune: 'feminine',
  communauté: 'feminine',
  conseil: 'masculine',
  département: 'masculine',
  direction: 'feminine',
  entreprise: 'feminine',
  épicerie: 'feminine',
  espace: 'masculine',
  établissement: 'masculine',
  fédération: 'feminine',
  fondation: 'feminine',
  foyer: 'masculine',
  france: 'none',
  groupement: 'masculine',
  maison: 'feminine',
  mairie: 'feminine',
  métropole: 'feminine',
  mission: 'feminine',
  msa: 'feminine',
  mutualité: 'feminine',
  plateforme: 'feminine',
  plie: 'masculine',
  point: 'masculine',
  pôle: 'none',
  régie: 'feminine',
  réseau: 'masculine',
  restos: 'plural',
  secours: 'masculine',
  service: 'masculine',
  siae: 'feminine',
  structure: 'feminine',
  udaf: 'feminine',
  union: 'feminine',
  ville: 'feminine',
};

function articleOf(name: string): Article {
  const first =
    name
      .trim()
      .split(/[\s'’-]/u)[0]
      ?.toLocaleLowerCase('fr-FR') ?? '';
  return STRUCTURE_ARTICLES[first] ?? 'none';
}

/** "de" and the article before a structure: "du Conseil…", "de la Mission locale…", "de l’Association…", "de France Travail…". */
export function ofStructure(name: string): string {
  const text = name.trim();
  const article = articleOf(text);
  if (article === 'none') return ofName(text);
  if (elides(text)) return `de l’${text}`;
  if (article === 'plural') return `des ${text}`;
  return article === 'masculine' ? `du ${text}` : `de la ${text}`;
}

/** "à" and the article before a structure: "au CCAS…", "à la Mission locale…", "à l’Association…", "à France Travail…". */
export function toStructure(name: string): string {
  const text = name.trim();
  const article = articleOf(text);
  if (article === 'none') return `à ${text}`;
  if (elides(text)) return `à l’${text}`;
  if (article === 'plural') return `aux ${text}`;
  return article === 'masculine' ? `au ${text}` : `à la ${text}`;
}
