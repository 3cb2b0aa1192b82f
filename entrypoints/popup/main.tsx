import { render } from 'preact';
import { t } from '../../lib/i18n/browser-translate';
import { onBackgroundEvent, sendMessage } from '../../lib/messaging/messenger';
import { openReader } from './open-reader';
import { openSettings } from './open-settings';
import { Popup } from './Popup';

const root = document.getElementById('app');
document.documentElement.lang = t('htmlLang');
if (root)
  render(
    <Popup
      t={t}
      search={(request) => sendMessage('searchEntries', request)}
      openReader={openReader}
      openSettings={openSettings}
      storage={window.localStorage}
      onUserDataChanged={(listener) => onBackgroundEvent((_name, change) => listener(change))}
    />,
    root,
  );
