// The one naming rule for device files in a sync folder: `sidenote-<deviceId>.json`, and the
// reading of a listed name back to its device. Names only; what a file holds is sync-file.ts.

import { DEVICE_ID_LENGTH, isDeviceId, type DeviceId } from './hlc';

/** What every device file's name starts with; also the prefix a folder listing is narrowed by. */
export const SYNC_FILE_PREFIX = 'sidenote-';
const SYNC_FILE_SUFFIX = '.json';

/**
 * The file a device writes. The id, not the user's name for the device: it is fixed and plain
 * ASCII (a name can change, repeat across devices, or hold characters some servers mangle).
 */
export function syncFileName(deviceId: DeviceId): string {
  if (!isDeviceId(deviceId)) throw new RangeError(`not a device id: ${JSON.stringify(String(deviceId).slice(0, 40))}`);
  return `${SYNC_FILE_PREFIX}${deviceId}${SYNC_FILE_SUFFIX}`;
}

/**
 * The device whose file this name is, or null for any other name: an export
 * (`sidenote-2024-03-10.json`), a user's own file, a different case, another program's file.
 * Temporary upload names never reach here (the client's listFiles leaves them out).
 */
export function deviceIdOfSyncFileName(name: string): DeviceId | null {
  if (name.length !== SYNC_FILE_PREFIX.length + DEVICE_ID_LENGTH + SYNC_FILE_SUFFIX.length) return null;
  if (!name.startsWith(SYNC_FILE_PREFIX) || !name.endsWith(SYNC_FILE_SUFFIX)) return null;
  const id = name.slice(SYNC_FILE_PREFIX.length, -SYNC_FILE_SUFFIX.length);
  return isDeviceId(id) ? id : null;
}
