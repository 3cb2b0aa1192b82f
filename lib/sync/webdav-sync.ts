// One sync round of this device against one WebDAV folder (issue #8): read every device file,
// merge, apply atomically to the local replica, write this device's own file. Pure apart from
// what it is given (client, replica, crypto, clock, sleep, lock); it keeps no state between rounds.

import { createClock, isTooFarAhead, receive, tick, type DeviceId, type HlcStamp } from './hlc';
import type { LocalReplica } from './local-replica';
import { diffStates, mergeStates, needsConfirmation, settleRefused, type RefusedChange, type StateDiff } from './merge';
import { withRetry, type RetryNotice, type RetryPolicy } from './retry';
import {
  decodeSyncFile,
  encodeSyncFile,
  PassphraseRequiredError,
  SyncFileChecksumError,
  SyncFileError,
  SyncFileFormatError,
  SyncFileVersionError,
  WrongPassphraseError,
  type SyncCrypto,
  type SyncDevice,
  type SyncFile,
  type SyncFileFormatReason,
} from './sync-file';
import { deviceIdOfSyncFileName, SYNC_FILE_PREFIX, syncFileName } from './sync-file-name';
import { emptySyncState, latestStamp, type SyncState } from './sync-state';
import type { WebDavClient } from './webdav-client';
import { WebDavError } from './webdav-error';

/**
 * Runs `fn` while holding the lock called `name`, so that one round runs at a time. The extension
 * passes `(name, fn) => navigator.locks.request(name, fn)`: the Web Locks API holds the lock across
 * the background, the options page and the reader (one origin), queues a second round behind the
 * first instead of interleaving them, and releases the lock when its holder dies — a service worker
 * stopped mid-round does not leave the folder locked. Tests pass an in-process mutex.
 */
export type SyncLock = (name: string, fn: () => Promise<void>) => Promise<unknown>;

export const WEBDAV_SYNC_LOCK_NAME = 'sidenote-webdav-sync';

export type WebDavSyncOptions = {
  client: WebDavClient;
  device: SyncDevice;
  /** Set: this device writes encrypted and reads only encrypted files. Empty or absent: plain files with a checksum. */
  passphrase?: string;
  crypto: SyncCrypto;
  /** This device's wall time in ms (its clock may be wrong; the merge copes). */
  now: () => number;
  replica: LocalReplica;
  /** For every request: backoff with jitter, Retry-After honoured (lib/sync/retry.ts). */
  retryPolicy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  /** Hears each wait before it starts ("retrying in 4 s"). */
  onRetry?: (notice: RetryNotice) => void;
  lock: SyncLock;
  /**
   * The diff of an earlier round that paused, which the user has since confirmed. The round goes
   * ahead only if every unsave and cleared note it would now make is in it; any further loss
   * (the folder changed meanwhile) pauses again with the new diff.
   */
  confirmedDiff?: StateDiff;
  /** Checked before each request and each local step: an aborted round rejects with the signal's reason. */
  signal?: AbortSignal;
};

/** Why a device file was skipped: a SyncFileFormatReason, or one of the other refusals of sync-file.ts. */
export type SkippedFileReason =
  | SyncFileFormatReason
  /** Cut short or damaged: checksum or authentication tag. */
  | 'damaged'
  /** Written by a newer Sidenote. */
  | 'newer-version'
  /** Encrypted with another passphrase. */
  | 'wrong-passphrase'
  /** Encrypted, and this device has no passphrase. */
  | 'passphrase-required'
  /** A valid file under another device's name (copied or renamed by hand). */
  | 'misnamed';

/** A device file that was read and skipped whole: nothing of it was applied. Plain data, for messages and the UI. */
export type SkippedFileWarning = {
  deviceId: DeviceId;
  fileName: string;
  isThisDevice: boolean;
  reason: SkippedFileReason;
  /** For logs; the UI words `reason` itself. */
  message: string;
};

/** A device whose file this round read (or, for this device, wrote): the name it gave itself and when it last wrote. */
export type SyncedDevice = { id: DeviceId; name: string; writtenAt: HlcStamp; isThisDevice: boolean };

type RoundReport = {
  devices: SyncedDevice[];
  warnings: SkippedFileWarning[];
  refused: RefusedChange[];
  /** Registers and anchors written to the replica (only by one whole, successful merge). */
  applied: number;
  uploaded: boolean;
  /** What the merge changed on this device (or, paused, would change); null if the round ended before merging. */
  diff: StateDiff | null;
};

export type WebDavSyncResult =
  | (RoundReport & { status: 'ok'; diff: StateDiff })
  /** The failsafe: too many unsaves or cleared notes. Nothing applied, nothing uploaded; run again with `confirmedDiff`. */
  | (RoundReport & { status: 'paused'; diff: StateDiff })
  /** A request failed for good (after its retries). The replica holds at most one whole merge; nothing is lost. */
  | (RoundReport & { status: 'error'; error: WebDavError });

/** One round, under the lock. See runRound for the steps. */
export async function syncWithWebDav(options: WebDavSyncOptions): Promise<WebDavSyncResult> {
  // The result leaves through a variable, not the lock's return value: lib.dom types
  // navigator.locks.request's result as a promise of the callback's promise.
  let result: WebDavSyncResult | undefined;
  await options.lock(WEBDAV_SYNC_LOCK_NAME, async () => {
    result = await runRound(options);
  });
  if (result === undefined) throw new Error(`the lock "${WEBDAV_SYNC_LOCK_NAME}" returned without running the round`);
  return result;
}

function reasonOf(error: SyncFileError): SkippedFileReason {
  if (error instanceof SyncFileFormatError) return error.reason;
  if (error instanceof SyncFileChecksumError) return 'damaged';
  if (error instanceof SyncFileVersionError) return 'newer-version';
  if (error instanceof WrongPassphraseError) return 'wrong-passphrase';
  if (error instanceof PassphraseRequiredError) return 'passphrase-required';
  return 'invalid';
}

/** Whether the user's confirmation covers every loss in `diff`. */
function isConfirmed(diff: StateDiff, confirmed: StateDiff | undefined): boolean {
  if (confirmed === undefined) return false;
  const covers = (keys: string[], allowed: string[]) => {
    const set = new Set(allowed);
    return keys.every((key) => set.has(key));
  };
  return covers(diff.unsaved, confirmed.unsaved) && covers(diff.notesCleared, confirmed.notesCleared);
}

/**
 * The file's `writtenAt`: a stamp of this device after everything the file holds, as the clock
 * would issue it. A state stamped over a day ahead (this device's clock stepped back) gets `now`.
 */
function writtenAtOf(state: SyncState, deviceId: DeviceId, now: number): HlcStamp {
  const clock = createClock(deviceId, now);
  const latest = latestStamp(state);
  return latest !== undefined && !isTooFarAhead(latest, now) ? receive(clock, latest, now).stamp : tick(clock, now).stamp;
}

const byDevice = (a: SyncedDevice, b: SyncedDevice) => Number(b.isThisDevice) - Number(a.isThisDevice) || (a.id < b.id ? -1 : 1);

/**
 * The round's steps, each request through `withRetry`:
 * 1. ensure the folder (MKCOL when missing);
 * 2. list it and keep the names `sidenote-<deviceId>.json`;
 * 3. read and decode each such file, this device's own included (below); a file that does not
 *    decode is skipped whole with a warning, and a file gone since the listing is skipped quietly;
 * 4. merge them (remote) and, for the failsafe, with the local state: too many losses, not
 *    confirmed → `paused`, nothing applied or uploaded;
 * 5. apply `remote` to the replica in one atomic step (it merges against its current state);
 * 6. read the replica back and write this device's file (temporary name, then MOVE).
 *
 * Why it is safe to stop anywhere: before step 5 nothing local has changed; step 5 is atomic and
 * idempotent; step 6 replaces one file whole (the client never leaves a half-written one), with
 * everything this device holds. So a round that fails, is aborted or dies is completed by simply
 * running another. A final request failure returns `error`; an abort, a failing replica or a
 * state that cannot be encoded rejects, having sent nothing more.
 *
 * Why this device reads its own file too (one GET more): the upload overwrites it, so whatever it
 * holds must already be local. It always is, unless this profile's storage was wiped or restored
 * from a backup while its device id survived; merging the file first means even then the upload
 * loses nothing (as long as the file is readable: see below).
 *
 * Why an unreadable file does not stop the upload: files are per device, so skipping one changes
 * nothing in it (its device still holds that data and keeps writing it), and this device's upload
 * replaces only its own file, with everything it had plus everything it could read. Once the
 * cause is fixed (the same passphrase, an update, the device writing again) the next round merges
 * it. A wrong passphrase typed here does write this device's file under that passphrase: other
 * devices then warn about this device until it is corrected; nothing is lost, as above. The one
 * loss left: this device's own file unreadable (damaged, or another passphrase) in a round that
 * also follows a wipe of its storage under the same id — then what only that file held is gone.
 */
async function runRound(options: WebDavSyncOptions): Promise<WebDavSyncResult> {
  const { client, device, passphrase, crypto, replica, signal } = options;
  const report: RoundReport = { devices: [], warnings: [], refused: [], applied: 0, uploaded: false, diff: null };

  const checkAbort = () => signal?.throwIfAborted();
  // The abort is checked per attempt, so a round aborted during a backoff wait sends nothing more.
  const request = <T>(operation: () => Promise<T>): Promise<T> =>
    withRetry(
      () => {
        checkAbort();
        return operation();
      },
      options.retryPolicy,
      options.sleep,
      options.onRetry,
    );

  const ensureFolder = async () => {
    try {
      await request(() => client.ensureFolder());
    } catch (error) {
      if (!(error instanceof WebDavError && error.status === 409)) throw error;
      // MKCOL's 409 (RFC 4918 §9.3.1): a folder above ours is missing, and WebDAV never creates parents.
      throw new WebDavError('conflict', 'a folder above the sync folder does not exist on the server: create it, or correct the URL', {
        status: 409,
        request: 'ensure folder',
        cause: error,
      });
    }
  };

  try {
    await ensureFolder();
    const listed = await request(() => client.listFiles(SYNC_FILE_PREFIX));

    const decoded: SyncFile[] = [];
    for (const { name } of listed) {
      const deviceId = deviceIdOfSyncFileName(name);
      if (deviceId === null) continue;
      const isThisDevice = deviceId === device.id;
      let text: string;
      try {
        text = await request(() => client.readFile(name));
      } catch (error) {
        if (!(error instanceof WebDavError)) throw error;
        // Deleted since the listing (a device removed by hand, the folder being cleaned): nothing to merge.
        if (error.kind === 'notFound') continue;
        // An HTML file. A login page or portal would have answered the listing too (and will answer
        // the upload), so this is the file itself: skipped like any unreadable file, or it would
        // stop every round for good.
        if (error.kind === 'htmlInsteadOfData') {
          report.warnings.push({ deviceId, fileName: name, isThisDevice, reason: 'html', message: error.message });
          continue;
        }
        throw error;
      }
      checkAbort();
      try {
        const { file } = await decodeSyncFile(text, { passphrase, crypto });
        if (file.device.id !== deviceId) {
          const message = `the file of device ${deviceId} was written by device ${file.device.id}`;
          report.warnings.push({ deviceId, fileName: name, isThisDevice, reason: 'misnamed', message });
          continue;
        }
        decoded.push(file);
      } catch (error) {
        if (!(error instanceof SyncFileError)) throw error;
        report.warnings.push({ deviceId, fileName: name, isThisDevice, reason: reasonOf(error), message: error.message });
      }
    }
    report.devices = decoded.map((file) => ({ ...file.device, writtenAt: file.writtenAt, isThisDevice: file.device.id === device.id }));

    checkAbort();
    const now = options.now();
    let remote = emptySyncState();
    const refused: RefusedChange[] = [];
    for (const file of decoded) {
      const merged = mergeStates(remote, file.state, now);
      remote = merged.state;
      refused.push(...merged.refused);
    }

    const local = await replica.readState();
    const preview = mergeStates(local, remote, now);
    report.diff = diffStates(local, preview.state);
    report.refused = settleRefused([...refused, ...preview.refused]);
    if (needsConfirmation(local, preview.state) && !isConfirmed(report.diff, options.confirmedDiff)) {
      return { ...report, status: 'paused', diff: report.diff };
    }

    checkAbort();
    const applied = await replica.applyRemote(remote, now);
    report.applied = applied.applied;
    report.refused = settleRefused([...refused, ...applied.refused]);

    checkAbort();
    const state = await replica.readState();
    const uploadedAt = options.now();
    const writtenAt = writtenAtOf(state, device.id, uploadedAt);
    const text = await encodeSyncFile({ device, writtenAt, state }, { passphrase, crypto });
    const fileName = syncFileName(device.id);
    try {
      await request(() => client.writeFile(fileName, text));
    } catch (error) {
      if (!(error instanceof WebDavError && (error.kind === 'notFound' || error.kind === 'conflict'))) throw error;
      // The folder went away during the round (deleted on the server, or by another device's
      // user): make it again and write once more, rather than fail until the next round.
      await ensureFolder();
      await request(() => client.writeFile(fileName, text));
    }
    report.uploaded = true;
    report.devices = [
      ...report.devices.filter((seen) => !seen.isThisDevice),
      { id: device.id, name: device.name, writtenAt, isThisDevice: true },
    ];
    report.devices.sort(byDevice);
    return { ...report, status: 'ok', diff: report.diff };
  } catch (error) {
    if (!(error instanceof WebDavError)) throw error;
    report.devices.sort(byDevice);
    return { ...report, status: 'error', error };
  }
}
