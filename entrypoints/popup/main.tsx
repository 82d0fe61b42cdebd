import { render } from 'preact';
import '@/components/card.css';
import '@/components/pages.css';
import './popup.css';
import { Popup } from './Popup';
import { uiLanguage } from '@/utils/i18n';

document.documentElement.lang = uiLanguage();
render(<Popup />, document.getElementById('app')!);
