// Prints what sync costs at the real digest's size: one device's file (119 saved entries with
// notes and anchors, plain and encrypted) and a sync round trip of the background's sync service
// against a real Apache WebDAV folder on this machine. Run: tsx test/bench/sync-round-bench.ts
import 'fake-indexeddb/auto';
import { createSyncService } from '../../lib/background/sync-service';
import { swapCorpus } from '../../lib/db/corpus-store';
import { SidenoteDatabase } from '../../lib/db/database';
import { writeNote, writeSaved } from '../../lib/db/user-data-store';
import { createTranslator, EN } from '../../lib/i18n/messages';
import { startApacheWebDav } from '../support/apache-webdav';
import { createTestLock } from '../support/memory-replica';
import { realCorpus } from '../support/seed';

const apache = await startApacheWebDav({ username: 'bench', password: 'bench' });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function deviceWithEverythingSaved(name: string) {
  const db = new SidenoteDatabase(`bench-${name}`);
  await swapCorpus(db, realCorpus);
  for (const entry of realCorpus.entries) {
    await writeSaved(db, entry.id, true);
    await writeNote(db, entry.id, `值得再读。${(entry.posts[0]?.text ?? '').replace(/\s+/g, ' ').slice(0, 80)}`, null);
  }
  const sync = createSyncService({
    db,
    fetch: (input, init) => fetch(input, init),
    crypto,
    lock: createTestLock(),
    hasFolderPermission: async () => true,
    notify: () => undefined,
    translate: createTranslator(EN),
    defaultDeviceName: name,
  });
  await sync.setBrowserSyncEnabled(false);
  return sync;
}

try {
  for (const passphrase of ['', 'a passphrase']) {
    const folderUrl = `${apache.davUrl}${passphrase === '' ? 'plain' : 'encrypted'}/`;
    const laptop = await deviceWithEverythingSaved(`laptop-${passphrase.length}`);
    const desktop = await deviceWithEverythingSaved(`desktop-${passphrase.length}`);
    await laptop.connectWebDav({ folderUrl, username: 'bench', password: 'bench', passphrase });
    await desktop.connectWebDav({ folderUrl, username: 'bench', password: 'bench', passphrase });
    const rounds: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const overview = await laptop.syncNow();
      rounds.push(performance.now() - start);
      if (overview.status.phase !== 'ok') throw new Error(`round ended ${overview.status.phase}`);
    }
    const sizes = await Promise.all(
      ['laptop', 'desktop'].map(async () =>
        (await fetch(folderUrl, { method: 'PROPFIND', headers: { Depth: '1', Authorization: `Basic ${btoa('bench:bench')}` } })).text(),
      ),
    );
    const lengths = [...(sizes[0] ?? '').matchAll(/getcontentlength>(\d+)</g)].map((m) => Number(m[1])).filter((n) => n > 0);
    console.log(
      `${passphrase === '' ? 'plain    ' : 'encrypted'}: device file ${(Math.max(...lengths) / 1024).toFixed(0)} KiB; ` +
        `round trip (2 devices, 119 saved with notes) median ${median(rounds).toFixed(0)} ms, min ${Math.min(...rounds).toFixed(0)} ms`,
    );
  }
} finally {
  await apache.stop();
}
