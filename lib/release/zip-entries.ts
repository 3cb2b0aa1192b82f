// Reads a zip's central directory (names, checksums, sizes, stamps, compressed bytes) and says how
// two archives differ, so a reproducibility check can name the entry that changed. Bytes in, data
// out: inflating is the caller's (node:zlib), and zip64 archives are refused, not misread.

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  size: number;
  /** MS-DOS date and time words as stored: a reproducible archive has the same ones every time. */
  dosDate: number;
  dosTime: number;
  externalAttributes: number;
  /** The entry's bytes as stored (still compressed when `method` is 8). */
  data: Uint8Array;
};

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_RECORD_SEARCH = 22 + 0xffff;

function endRecordOffset(view: DataView): number {
  const stop = Math.max(0, view.byteLength - END_RECORD_SEARCH);
  for (let offset = view.byteLength - 22; offset >= stop; offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ZipFormatError('no end of central directory record: not a zip archive');
}

/** Every entry in central-directory order (the order an archiver wrote them). */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endRecordOffset(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipFormatError('zip64 archives are not supported');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== CENTRAL_FILE_HEADER) {
      throw new ZipFormatError(`central directory entry ${index} is damaged`);
    }
    const nameLength = view.getUint16(offset + 28, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const compressedSize = view.getUint32(offset + 20, true);
    const local = view.getUint32(offset + 42, true);
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL_FILE_HEADER) {
      throw new ZipFormatError(`${name}: its local header is missing`);
    }
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + compressedSize > bytes.byteLength) throw new ZipFormatError(`${name}: its data runs past the end`);
    entries.push({
      name,
      method: view.getUint16(offset + 10, true),
      dosTime: view.getUint16(offset + 12, true),
      dosDate: view.getUint16(offset + 14, true),
      crc32: view.getUint32(offset + 16, true),
      size: view.getUint32(offset + 24, true),
      externalAttributes: view.getUint32(offset + 38, true),
      data: bytes.subarray(dataStart, dataStart + compressedSize),
    });
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

const COMPARED = ['crc32', 'size', 'method', 'dosDate', 'dosTime', 'externalAttributes'] as const;

function isSameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** What differs between two archives, entry by entry; empty when they hold the same entries alike. */
export function diffZipEntries(before: ZipEntry[], after: ZipEntry[]): string[] {
  const afterByName = new Map(after.map((entry) => [entry.name, entry]));
  const beforeNames = new Set(before.map((entry) => entry.name));
  const differences: string[] = [];
  for (const entry of before) {
    const other = afterByName.get(entry.name);
    if (other === undefined) {
      differences.push(`${entry.name}: only in the first`);
      continue;
    }
    const changed = COMPARED.filter((field) => entry[field] !== other[field]).map((field) => `${field} ${entry[field]} → ${other[field]}`);
    // Same contents stored differently: another deflate (a zlib upgrade) or level.
    if (changed.length === 0 && !isSameBytes(entry.data, other.data)) changed.push('same contents, compressed differently');
    if (changed.length > 0) differences.push(`${entry.name}: ${changed.join(', ')}`);
  }
  for (const entry of after) if (!beforeNames.has(entry.name)) differences.push(`${entry.name}: only in the second`);
  const sameSet = differences.length === 0;
  if (sameSet && before.some((entry, index) => entry.name !== after[index]?.name)) differences.push('the same entries in another order');
  return differences;
}
