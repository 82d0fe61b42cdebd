import { render } from 'preact';
import '@/components/card.css';
import '@/components/pages.css';
import './popup.css';
import { Popup, preloadPage } from './Popup';
import { uiLanguage } from '@/utils/i18n';

// A User Timing mark once the popup's modules have run: the benchmark measures the popup's own
// time from here (npm run bench).
performance.mark('dossier:popup-start');
preloadPage();
document.documentElement.lang = uiLanguage();
render(<Popup />, document.getElementById('app')!);
