/** The hosts online lookups need, asked for only when the reader turns lookups on. */
export const ONLINE_ORIGINS = [
  'https://*.wikipedia.org/*',
  'https://www.wikidata.org/*',
  'https://upload.wikimedia.org/*',
];
