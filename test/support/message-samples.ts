// One valid request for every message in the protocol map: the type makes a new message need one
// here, so the tests that walk the map cover it.
import type { MessageName, RequestOf } from '../../lib/messaging/protocol';

export const SAMPLE_REQUESTS: { [N in MessageName]: RequestOf<N> } = {
  searchEntries: { query: '长文本', limit: 5 },
  getEntry: { id: 4 },
  setSaved: { entryId: 4, isSaved: true },
  setNote: { entryId: 4, text: 'planted by a page', baseNoteStamp: null },
  listAuthors: {},
  listOrphans: {},
  matchPage: { url: 'https://github.com/myshell-ai/AIlice' },
  openReader: { entryId: 4 },
  getAnnotationSettings: {},
  setAnnotationsEnabled: { isEnabled: false },
  setSiteMuted: { host: 'github.com', isMuted: true },
  getSyncOverview: {},
  connectWebDav: { folderUrl: 'https://evil.example/', username: 'u', password: 'p', passphrase: '' },
  disconnectWebDav: {},
  setBrowserSyncEnabled: { isEnabled: false },
  syncNow: { confirmLosses: true },
  renameDevice: { name: 'Laptop' },
  exportUserData: { format: 'json' },
  importUserData: { text: '{}', passphrase: '', confirmLosses: true },
  toggleCard: {},
  pingCardScript: {},
  userDataChanged: { kind: 'entries', marks: [{ entryId: 4, isSaved: true, hasNote: false }] },
};
