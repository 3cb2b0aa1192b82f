// Prints what browser sync costs in storage.sync for the real digest: its 119 entries all saved,
// each with a note of 40–200 CJK characters (drawn, seeded, from the entry's own Chinese), the card
// switch and a muted site. Bytes as Chrome counts them, checked by writing into the fake storage.sync.
// `tsx test/bench/browser-sync-bench.ts`.
import { isDeepStrictEqual } from 'node:util';
import { layoutBrowserSync, readBrowserSync, syncItemBytes } from '../../lib/sync/browser-sync-layout';
import { formatStamp } from '../../lib/sync/hlc';
import { emptySyncState } from '../../lib/sync/sync-state';
import { FakeSyncServer } from '../support/fake-chrome-sync-storage';
import { createSeededRandom } from '../support/seeded-random';
import { REAL_DEVICE } from '../support/real-sync-state';
import { realCorpus } from '../support/seed';

const CJK = /[\u3400-\u9fff]/u;
const random = createSeededRandom(119);
const savedAt = Date.UTC(2024, 3, 1);
const state = emptySyncState();
realCorpus.entries.forEach((entry, i) => {
  const own = [...entry.posts.map((post) => post.text).join('')].filter((char) => CJK.test(char));
  const pool = own.length > 0 ? own : [...'值得再读这条消息'];
  const length = 40 + Math.floor(random() * 161);
  const text = Array.from({ length }, (_, at) => (at % 17 === 16 ? '，' : pool[Math.floor(random() * pool.length)])).join('');
  const stamp = formatStamp(savedAt + i * 3_600_000 + Math.floor(random() * 600_000), 0, REAL_DEVICE.id);
  state.saved[entry.uid] = { isSaved: true, stamp };
  state.notes[entry.uid] = { text, stamp };
  state.anchors[entry.uid] = { entry, anchoredAt: stamp };
});
state.mutedSites['example.com'] = { isMuted: true, stamp: formatStamp(savedAt, 1, REAL_DEVICE.id) };
state.switches.cardsEnabled = { isOn: true, stamp: formatStamp(savedAt, 2, REAL_DEVICE.id) };

const started = performance.now();
const layout = layoutBrowserSync(state);
const layoutMs = performance.now() - started;
const readStarted = performance.now();
const read = readBrowserSync(layout.items);
const readMs = performance.now() - readStarted;

const server = new FakeSyncServer({ now: () => savedAt });
const area = server.connect('chromium');
await area.set(layout.items);
const inUse = await area.getBytesInUse(null);

const entries = Object.entries(layout.items);
const bytesWhere = (test: (key: string) => boolean) =>
  entries.filter(([key]) => test(key)).reduce((sum, [key, value]) => sum + syncItemBytes(key, value), 0);
const noteChars = Object.values(state.notes).reduce((sum, note) => sum + note.text.length, 0);
const anchorBytes = Object.entries(state.anchors).reduce((sum, [uid, anchor]) => sum + syncItemBytes(uid, anchor), 0);
const registers = bytesWhere((key) => /^[shw]\d+$/.test(key));
const index = bytesWhere((key) => /^i\d+$/.test(key));
const notes = bytesWhere((key) => key.startsWith('n:'));
const noteItems = entries.filter(([key]) => key.startsWith('n:')).length;

console.log(
  `storage.sync, the real digest: 119 saved entries, 119 notes (${noteChars.toLocaleString('en')} CJK characters), 1 muted site, the card switch`,
);
console.log(
  `  bytes in use: ${inUse.toLocaleString('en')} of 102,400 (${((inUse / 102_400) * 100).toFixed(1)} %), ${entries.length} of 512 items`,
);
console.log(`    saved + muted + switch chunks: ${registers.toLocaleString('en')} bytes (${(registers / 121).toFixed(1)} per register)`);
console.log(`    note index: ${index.toLocaleString('en')} bytes; note texts: ${notes.toLocaleString('en')} bytes in ${noteItems} items`);
console.log(`    left out: ${layout.leftOut.length} notes, ${layout.leftOutRegisters.length} registers`);
console.log(`  anchors, not carried: ${anchorBytes.toLocaleString('en')} bytes (the WebDAV folder and files carry them)`);
console.log(
  `  read back equal: ${isDeepStrictEqual(read.state, { ...state, anchors: {} })}; layout ${layoutMs.toFixed(1)} ms, read ${readMs.toFixed(1)} ms (Node ${process.version})`,
);
if (inUse !== layout.bytes.used) throw new Error(`the fake counts ${inUse} bytes, the layout ${layout.bytes.used}`);
