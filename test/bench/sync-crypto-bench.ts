// Prints what a sync file costs in Node: PBKDF2-SHA-256 at 600,000 iterations (the key for an
// encrypted file), and the size of one device's file at the real digest's 119 entries, all saved,
// each with a ~300-character note and its anchor, plain and encrypted. `tsx test/bench/sync-crypto-bench.ts`.
// Browsers differ (issue #8 measured ~80–100 ms for the key in each browser's background).
import { gzipSync } from 'node:zlib';
import { formatStamp } from '../../lib/sync/hlc';
import { decodeSyncFile, encodeSyncFile, PBKDF2_ITERATIONS } from '../../lib/sync/sync-file';
import { REAL_DEVICE, realSyncState } from '../support/real-sync-state';

const RUNS = 5;

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms (${times.length} runs)`;
}

async function deriveOnce(): Promise<void> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode('correct horse battery staple'), 'PBKDF2', false, [
    'deriveBits',
  ]);
  await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: PBKDF2_ITERATIONS },
    material,
    256,
  );
}

const kib = (text: string) => {
  const bytes = Buffer.byteLength(text, 'utf8');
  return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes; gzip ${(gzipSync(text).length / 1024).toFixed(1)} KiB)`;
};

const pbkdf2: number[] = [];
for (let i = 0; i < RUNS; i++) pbkdf2.push(await timeMs(deriveOnce));
console.log(`Node ${process.version}, PBKDF2-SHA-256 × ${PBKDF2_ITERATIONS.toLocaleString('en')}: ${summary(pbkdf2)}`);

const state = realSyncState();
const contents = { device: REAL_DEVICE, writtenAt: formatStamp(Date.UTC(2024, 3, 2), 0, REAL_DEVICE.id), state };
const passphrase = 'correct horse battery staple';
const plain = await encodeSyncFile(contents);
const sealed = await encodeSyncFile(contents, { passphrase });
const counts = `${Object.keys(state.saved).length} saved, ${Object.keys(state.notes).length} notes, ${Object.keys(state.anchors).length} anchors`;
console.log(`Sync file, ${counts}:`);
console.log(`  plain (SHA-256 checksum): ${kib(plain)}`);
console.log(`  encrypted (AES-GCM-256):  ${kib(sealed)}`);

const plainRead: number[] = [];
const sealedRead: number[] = [];
for (let i = 0; i < RUNS; i++) {
  plainRead.push(await timeMs(() => decodeSyncFile(plain)));
  sealedRead.push(await timeMs(() => decodeSyncFile(sealed, { passphrase })));
}
console.log(`  decode plain: ${summary(plainRead)}`);
console.log(`  decode encrypted (key derivation included): ${summary(sealedRead)}`);
