/**
 * What the content script needs to know about the reader's own knowledge, kept apart from
 * `user.ts` so the content script does not carry its validator (zod).
 */

/** The pack id of the reader's own entities. */
export const USER_PACK = 'user';

/** The site a correction applies to: the page's host name. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
