// Entry point: styles, language, and the app shell. Everything else is loaded from the components.
import './styles/global.css';
import { initLanguage } from './i18n/i18n';
import './app/plenum-app';
import { installDebugHook } from './debug/e2e-hook';

initLanguage();
installDebugHook();
