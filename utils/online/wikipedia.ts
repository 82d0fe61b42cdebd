/**
 * Wikipedia, when the reader turned online lookups on: the summary of an entity's article in the
 * page's language, with its thumbnail. Requests identify Dossier (Wikimedia asks for an
 * `Api-User-Agent`) and are spaced out to a few per second. Responses are validated before use,
 * and only their plain-text fields are kept: nothing from them is ever rendered as HTML.
 */
import { z } from 'zod';

export const USER_AGENT = 'Dossier/0.1 (browser extension for news readers; dossier@dossier.example)';
/** At most three requests a second, well under what Wikimedia asks of API clients. */
const MIN_INTERVAL_MS = 340;
/** A thumbnail is kept inline (as a data URL) only up to this size. */
const MAX_THUMBNAIL_BYTES = 200_000;

export interface OnlineSummary {
  lang: string;
  title: string;
  description?: string;
  extract: string;
  url: string;
  /** A data: URL, so the card needs no request of its own (and the page's rules do not apply). */
  thumbnail?: string;
}

const summarySchema = z.object({
  type: z.string(),
  title: z.string(),
  description: z.string().optional(),
  extract: z.string(),
  thumbnail: z.object({ source: z.string().url() }).optional(),
  content_urls: z.object({ desktop: z.object({ page: z.string().url() }) }),
});

const searchSchema = z.object({
  pages: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      description: z.string().nullish(),
    }),
  ),
});

/** One article a search found, for the reader to choose from. */
export interface OnlineMatch {
  lang: string;
  title: string;
  description?: string;
}

const LANG = /^[a-z]{2,3}(-[a-z]+)?$/;

export class WikipediaClient {
  private next = 0;

  constructor(
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
    private readonly minIntervalMs = MIN_INTERVAL_MS,
  ) {}

  /** Waits for this request's turn: requests start at least `minIntervalMs` apart. */
  private async turn(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.minIntervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  private async get(url: string): Promise<Response> {
    await this.turn();
    return this.fetcher(url, { headers: { 'Api-User-Agent': USER_AGENT }, credentials: 'omit' });
  }

  /** The article's summary, or null when there is no such article (or only a disambiguation page). */
  async summary(lang: string, title: string): Promise<OnlineSummary | null> {
    if (!LANG.test(lang)) throw new Error(`Not a Wikipedia language: ${lang}`);
    const url = `https://${lang}.wikipedia.org/api/rest_v1/page/summary/${encodeURIComponent(title.replace(/ /g, '_'))}`;
    const response = await this.get(url);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`Wikipedia answered ${response.status}`);
    const parsed = summarySchema.safeParse(await response.json());
    if (!parsed.success) throw new Error('Wikipedia sent a summary in an unexpected shape');
    const data = parsed.data;
    if (data.type === 'disambiguation') return null;
    const summary: OnlineSummary = {
      lang,
      title: data.title,
      extract: data.extract,
      url: data.content_urls.desktop.page,
      ...(data.description ? { description: data.description } : {}),
    };
    if (data.thumbnail) {
      const thumbnail = await this.thumbnail(data.thumbnail.source).catch(() => undefined);
      if (thumbnail) summary.thumbnail = thumbnail;
    }
    return summary;
  }

  /** Articles whose title matches `query`, best first (Wikipedia's title search). */
  async search(lang: string, query: string, limit = 5): Promise<OnlineMatch[]> {
    if (!LANG.test(lang)) throw new Error(`Not a Wikipedia language: ${lang}`);
    const url = `https://${lang}.wikipedia.org/w/rest.php/v1/search/title?q=${encodeURIComponent(query)}&limit=${limit}`;
    const response = await this.get(url);
    if (!response.ok) throw new Error(`Wikipedia answered ${response.status}`);
    const parsed = searchSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error('Wikipedia sent search results in an unexpected shape');
    return parsed.data.pages.map((p) => ({
      lang,
      title: p.title,
      ...(p.description ? { description: p.description } : {}),
    }));
  }

  private async thumbnail(source: string): Promise<string | undefined> {
    // Only Wikimedia's own image host: a summary cannot send Dossier anywhere else.
    if (new URL(source).hostname !== 'upload.wikimedia.org') return undefined;
    const response = await this.get(source);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !/^image\/(jpeg|png|gif|webp)$/.test(type)) return undefined;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_THUMBNAIL_BYTES) return undefined;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `data:${type};base64,${btoa(binary)}`;
  }
}
