import { render } from 'preact';
import '@/components/card.css';
import '@/components/pages.css';
import './notes.css';
// The Reading section previews the marks with the very stylesheet the pages get.
import '@/entrypoints/content/highlights.css';
import { OptionsApp } from './OptionsApp';
import { t, uiLanguage } from '@/utils/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('notesTitle');
render(<OptionsApp />, document.getElementById('app')!);
