/** The Reading section: how names are marked on pages, which are, and how soon their card opens. */
import { t } from '@/utils/i18n';
import { saveSettings } from '@/utils/settings';
import { useSettings } from '@/utils/use-settings';
import { ReadingSettingsForm } from './ReadingSettingsForm';

export function ReadingPanel() {
  const settings = useSettings();
  return (
    <section class="notes-page" aria-labelledby="reading-heading">
      <header>
        <h1 id="reading-heading">{t('readingHeading')}</h1>
      </header>
      <p class="muted">{t('readingIntro')}</p>
      {settings && <ReadingSettingsForm settings={settings} onChange={(change) => void saveSettings(change)} />}
    </section>
  );
}
