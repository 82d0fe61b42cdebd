/**
 * What Wikipedia says, on a card, when the reader turned online lookups on: the article's
 * summary as plain text, its picture, and where it came from and how old it is.
 */
import type { OnlineAnswer } from '@/utils/background/service';
import { t, uiLanguage } from '@/utils/i18n';

const DAY = 24 * 60 * 60 * 1000;

/** "today", "yesterday", "3 days ago", in the interface language. */
export function fetchedAgo(fetchedAt: number, now = Date.now()): string {
  const days = Math.floor((now - fetchedAt) / DAY);
  return new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }).format(-days, 'day');
}

export function OnlineSummary({ answer }: { answer: OnlineAnswer }) {
  const { summary, fetchedAt, stale } = answer;
  return (
    <section class="card-online" aria-label={t('onlineHeading')}>
      {summary.thumbnail && <img class="card-thumb" src={summary.thumbnail} alt="" width={64} />}
      <p class="card-extract">{summary.extract}</p>
      <p class="card-source">
        {t('onlineSource', fetchedAgo(fetchedAt))}
        {stale && ` · ${t('onlineStale')}`}
        {' · '}
        <a href={summary.url} target="_blank" rel="noreferrer noopener">
          {t('onlineOpen')}
        </a>
      </p>
    </section>
  );
}
