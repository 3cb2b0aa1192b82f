import { render } from 'preact';
import { t } from '../../lib/i18n/browser-translate';
import { onBackgroundEvent, sendMessage } from '../../lib/messaging/messenger';
import { Options } from './Options';

document.documentElement.lang = t('htmlLang');
document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) {
  render(
    <Options
      t={t}
      api={{
        load: () => sendMessage('getAnnotationSettings', {}),
        setEnabled: (isEnabled) => sendMessage('setAnnotationsEnabled', { isEnabled }),
        unmute: (host) => sendMessage('setSiteMuted', { host, isMuted: false }),
        onUserDataChanged: (listener) => onBackgroundEvent((_name, change) => listener(change)),
      }}
    />,
    root,
  );
}
