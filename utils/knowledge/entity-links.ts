/**
 * What a card's actions hand on: the entity as plain text for the clipboard, and the address of
 * its Wikipedia article. Both are built from the pack's data alone; nothing is fetched.
 */
import { pickLang, type Entity, type Lang } from './types';

/**
 * The entity's Wikipedia article in the page's language when the pack names one, else in English,
 * else in whichever language it has; null without any title.
 */
export function wikipediaUrl(entity: Entity, lang: Lang): string | null {
  const titles = entity.wikipedia ?? {};
  const wiki = titles[lang] !== undefined ? lang : titles.en !== undefined ? 'en' : Object.keys(titles)[0];
  const title = wiki === undefined ? undefined : titles[wiki]?.trim();
  // A pack is reviewed text, but a language code becomes part of a host name: only plain codes.
  if (!wiki || !title || !/^[a-z]{2,3}(-[a-z]+)?$/.test(wiki)) return null;
  // Wikipedia writes spaces in titles as underscores; slashes and colons belong to titles.
  const path = encodeURIComponent(title.replace(/ /g, '_')).replace(/%2F/g, '/').replace(/%3A/g, ':');
  return `https://${wiki}.wikipedia.org/wiki/${path}`;
}

/** Name, description and source, one to a line, as "Copy" puts them on the clipboard. */
export function entityAsText(entity: Entity, lang: Lang, source: string): string {
  const name = pickLang(entity.labels, lang) ?? entity.id;
  const description = pickLang(entity.description, lang);
  return [name, description, source].filter((line): line is string => Boolean(line?.trim())).join('\n');
}
