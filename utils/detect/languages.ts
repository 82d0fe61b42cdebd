/**
 * What a page's language does to names: endings it may attach, and titles that stand before a
 * person's name. Titles are not part of a mention but count as evidence that a person is meant.
 */
import type { Lang } from '../knowledge/types';

export interface LanguageRules {
  /** Endings written straight onto a name without an apostrophe (German genitive "Nvidias"). */
  suffixes: string[];
  /** Titles and honorifics, lower case, as they stand before a name. */
  titles: string[];
}

const RULES: Record<Lang, LanguageRules> = {
  de: {
    suffixes: ['s'],
    titles: [
      'herr',
      'herrn',
      'frau',
      'dr.',
      'prof.',
      'präsident',
      'präsidenten',
      'präsidentin',
      'us-präsident',
      'us-präsidenten',
      'vizepräsident',
      'vizepräsidenten',
      'vizepräsidentin',
      'kanzler',
      'kanzlerin',
      'bundeskanzler',
      'bundeskanzlerin',
      'minister',
      'ministerin',
      'handelsminister',
      'handelsministerin',
      'us-handelsministerin',
      'us-handelsminister',
      'außenminister',
      'außenministerin',
      'finanzminister',
      'finanzministerin',
      'verteidigungsminister',
      'verteidigungsministerin',
      'wirtschaftsminister',
      'wirtschaftsministerin',
      'premierminister',
      'premierministerin',
      'regierungschef',
      'regierungschefin',
      'staatschef',
      'staatschefin',
      'ministerpräsident',
      'ministerpräsidentin',
      'chef',
      'chefin',
      'konzernchef',
      'konzernchefin',
      'ceo',
      'gründer',
      'gründerin',
      'senator',
      'senatorin',
      'gouverneur',
      'gouverneurin',
      'papst',
      'könig',
      'königin',
      'expertin',
      'experte',
    ],
  },
  en: {
    suffixes: [],
    titles: [
      'mr',
      'mr.',
      'mrs',
      'mrs.',
      'ms',
      'ms.',
      'dr',
      'dr.',
      'prof.',
      'sir',
      'dame',
      'president',
      'vice-president',
      'vice president',
      'chancellor',
      'secretary',
      'minister',
      'prime minister',
      'premier',
      'senator',
      'governor',
      'representative',
      'rep.',
      'sen.',
      'gov.',
      'ceo',
      'chief',
      'chairman',
      'chairwoman',
      'chair',
      'founder',
      'king',
      'queen',
      'pope',
      'general',
      'gen.',
    ],
  },
  fr: {
    suffixes: [],
    titles: [
      'm.',
      'mme',
      'mlle',
      'monsieur',
      'madame',
      'président',
      'présidente',
      'ministre',
      'chancelier',
      'chancelière',
      'premier ministre',
      'pdg',
      'patron',
      'patronne',
      'dr',
      'sénateur',
      'sénatrice',
      'roi',
      'reine',
      'pape',
    ],
  },
  es: {
    suffixes: [],
    titles: [
      'sr.',
      'sra.',
      'señor',
      'señora',
      'don',
      'doña',
      'presidente',
      'presidenta',
      'ministro',
      'ministra',
      'canciller',
      'primer ministro',
      'consejero delegado',
      'rey',
      'reina',
      'papa',
    ],
  },
  it: {
    suffixes: [],
    titles: [
      'sig.',
      'sig.ra',
      'signor',
      'signora',
      'presidente',
      'premier',
      'ministro',
      'ministra',
      'cancelliere',
      'amministratore delegato',
      're',
      'regina',
      'papa',
    ],
  },
  nl: {
    suffixes: ['s'],
    titles: [
      'de heer',
      'mevrouw',
      'dhr.',
      'mevr.',
      'president',
      'premier',
      'minister',
      'kanselier',
      'topman',
      'topvrouw',
      'koning',
      'koningin',
      'paus',
    ],
  },
};

const NONE: LanguageRules = { suffixes: [], titles: [] };

export function rulesFor(lang: Lang): LanguageRules {
  return RULES[lang] ?? NONE;
}

/** The primary subtag of a BCP-47 tag ("de-CH" → "de"), or 'und'. */
export function primaryLanguage(tag: string | null | undefined): Lang {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'und';
}

const titleCache = new Map<Lang, Set<string>>();

/** All titles of the page's language, plus English ones, which news in every language borrows. */
export function titlesFor(lang: Lang): Set<string> {
  let set = titleCache.get(lang);
  if (!set) {
    set = new Set([...rulesFor(lang).titles, ...rulesFor('en').titles]);
    titleCache.set(lang, set);
  }
  return set;
}

/**
 * Common words of each language that are also short forms of names ("Su", "Lee", "Man"): at the
 * start of a sentence, where everything is capitalised, they are read as words, not as names.
 */
const STOPWORDS: Record<Lang, string> = {
  de: 'der die das den dem des ein eine einen einem einer und oder aber man mit von zu im in am an auf für bei nach aus wie was wer wo so da nun auch noch nur schon sehr mehr',
  en: 'the a an and or but so as at by for from in into of on to with he she it we they you i his her its our their my your this that these those who what when where why how all any some no not lee may will can',
  fr: 'le la les un une des du de et ou mais si en au aux dans par pour sur avec sans son sa ses leur leurs ce cette ces qui que quand où comme plus',
  es: 'el la los las un una unos unas y o pero si en al del de por para con sin su sus lo le les que quien cuando donde como más mas muy ya',
  it: 'il lo la i gli le un una uno e o ma se in a da di del della al alla per con su suo sua suoi sue che chi quando dove come più già',
  nl: 'de het een en of maar als in op aan van voor met bij uit naar om te tot door over zijn haar hun ons wie wat waar hoe ook nog wel niet man',
};
const stopwordSets = new Map<Lang, Set<string>>();

export function isStopword(word: string, lang: Lang): boolean {
  let set = stopwordSets.get(lang);
  if (!set) {
    set = new Set((STOPWORDS[lang] ?? '').split(' ').filter(Boolean));
    stopwordSets.set(lang, set);
  }
  return set.has(word.toLowerCase());
}
