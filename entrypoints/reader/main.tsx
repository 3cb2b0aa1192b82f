import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n/browser-translate';
import { onBackgroundEvent, sendMessage } from '../../lib/messaging/messenger';
import type { ReaderApi } from './reader-api';
import { Reader } from './Reader';

const api: ReaderApi = {
  search: (request) => sendMessage('searchEntries', request),
  getEntry: (id) => sendMessage('getEntry', { id }),
  setSaved: (entryId, isSaved) => sendMessage('setSaved', { entryId, isSaved }),
  setNote: (entryId, text, baseNoteStamp) => sendMessage('setNote', { entryId, text, baseNoteStamp }),
  listAuthors: () => sendMessage('listAuthors', {}),
  listOrphans: () => sendMessage('listOrphans', {}),
  syncOverview: () => sendMessage('getSyncOverview', {}),
  optionsUrl: browser.runtime.getURL('/options.html'),
  openSettings: () => browser.runtime.openOptionsPage(),
  onUserDataChanged: (listener) => onBackgroundEvent((_name, change) => listener(change)),
};

document.documentElement.lang = t('htmlLang');
const root = document.getElementById('app');
if (root) render(<Reader t={t} api={api} storage={window.localStorage} />, root);
