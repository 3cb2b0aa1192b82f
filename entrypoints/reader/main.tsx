import { render } from 'preact';
import { t } from '../../lib/i18n/browser-translate';
import { sendMessage } from '../../lib/messaging/messenger';
import { Reader, type ReaderApi } from './Reader';

const api: ReaderApi = {
  search: (request) => sendMessage('searchEntries', request),
  getEntry: (id) => sendMessage('getEntry', { id }),
  setSaved: (entryId, isSaved) => sendMessage('setSaved', { entryId, isSaved }),
  setNote: (entryId, text) => sendMessage('setNote', { entryId, text }),
  listAuthors: () => sendMessage('listAuthors', {}),
};

document.documentElement.lang = t('htmlLang');
document.title = t('readerTitle');
const root = document.getElementById('app');
if (root) render(<Reader t={t} api={api} storage={window.localStorage} />, root);
