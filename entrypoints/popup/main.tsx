import { render } from 'preact';
import '@/components/card.css';
import '@/components/pages.css';
import './popup.css';
import { Popup, preloadPage } from './Popup';
import { uiLanguage } from '@/utils/i18n';

preloadPage();
document.documentElement.lang = uiLanguage();
render(<Popup />, document.getElementById('app')!);
