import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n/browser-translate';
import { onBackgroundEvent, sendMessage } from '../../lib/messaging/messenger';
import { folderPermissionPattern } from '../../lib/sync/webdav-client';
import { Options } from './Options';

/** Saves an exported file through the browser's download (no `downloads` permission needed). */
function downloadFile(file: { fileName: string; mimeType: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }));
  const link = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
  link.click();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

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
      syncApi={{
        overview: () => sendMessage('getSyncOverview', {}),
        requestOrigin: (folderUrl) => browser.permissions.request({ origins: [folderPermissionPattern(folderUrl)] }),
        connectWebDav: (settings) => sendMessage('connectWebDav', settings),
        disconnectWebDav: () => sendMessage('disconnectWebDav', {}),
        setBrowserSyncEnabled: (isEnabled) => sendMessage('setBrowserSyncEnabled', { isEnabled }),
        syncNow: (confirmLosses) => sendMessage('syncNow', { confirmLosses }),
        renameDevice: (name) => sendMessage('renameDevice', { name }),
        exportData: (format) => sendMessage('exportUserData', { format }),
        importData: (text, passphrase, confirmLosses) => sendMessage('importUserData', { text, passphrase, confirmLosses }),
        download: downloadFile,
        onUserDataChanged: (listener) => onBackgroundEvent((_name, change) => listener(change)),
      }}
    />,
    root,
  );
}
