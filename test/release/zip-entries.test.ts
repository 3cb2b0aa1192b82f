import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { diffZipEntries, readZipEntries, ZipFormatError, type ZipEntry } from '../../lib/release/zip-entries';

type FileSpec = { name: string; contents: string; isDeflated?: boolean; dosTime?: number; dosDate?: number; level?: number };

/** A zip as the format says (local headers, data, central directory, end record), written here so the reader is checked against the spec, not against itself. */
function zipOf(files: FileSpec[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const raw = Buffer.from(file.contents);
    const data = file.isDeflated ? deflateRawSync(raw, { level: file.level ?? 9 }) : raw;
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(file.isDeflated ? 8 : 0, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(file.isDeflated ? 8 : 0, 10);
    central.writeUInt16LE(file.dosTime ?? 0, 12);
    central.writeUInt16LE(file.dosDate ?? 0, 14);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

const text = (entry: ZipEntry | undefined) =>
  entry === undefined ? undefined : (entry.method === 8 ? inflateRawSync(entry.data) : Buffer.from(entry.data)).toString();

const FILES: FileSpec[] = [
  { name: 'manifest.json', contents: '{"name":"Sidenote"}', isDeflated: true },
  { name: '_locales/zh_CN/messages.json', contents: '{"extensionName":{"message":"旁注"}}' },
  { name: 'seeds/长文本.txt', contents: '长文本 '.repeat(50), isDeflated: true, dosTime: 0x6000, dosDate: 0x5b7e },
];

describe('readZipEntries', () => {
  it('reads names (UTF-8 too), checksums, sizes, stamps and the stored bytes in directory order', () => {
    const entries = readZipEntries(zipOf(FILES, 'a trailing comment'));
    expect(entries.map((entry) => entry.name)).toEqual(FILES.map((file) => file.name));
    expect(entries.map(text)).toEqual(FILES.map((file) => file.contents));
    expect(entries.map((entry) => entry.method)).toEqual([8, 0, 8]);
    expect(entries[2]).toMatchObject({ size: Buffer.byteLength(FILES[2]?.contents ?? ''), dosTime: 0x6000, dosDate: 0x5b7e });
    expect(entries[0]?.crc32).toBe(crc32(FILES[0]?.contents ?? ''));
  });

  it('reads an empty archive as no entries', () => {
    expect(readZipEntries(zipOf([]))).toEqual([]);
  });

  it.each([
    ['text that is not a zip', Buffer.from('not a zip at all, just some text that is long enough')],
    ['an archive cut short', zipOf(FILES).subarray(0, 40)],
    [
      'an archive whose directory points at nothing',
      (() => {
        const bytes = zipOf(FILES);
        bytes.writeUInt32LE(0, bytes.length - 22 + 16);
        bytes.writeUInt32LE(0, 0);
        return bytes;
      })(),
    ],
    [
      'a zip64 archive',
      (() => {
        const bytes = zipOf(FILES);
        bytes.writeUInt32LE(0xffffffff, bytes.length - 22 + 16);
        return bytes;
      })(),
    ],
  ])('refuses %s', (_label, bytes) => {
    expect(() => readZipEntries(bytes)).toThrow(ZipFormatError);
  });
});

describe('diffZipEntries', () => {
  const base = readZipEntries(zipOf(FILES));
  const changed = (change: (files: FileSpec[]) => FileSpec[]) => readZipEntries(zipOf(change(FILES.map((file) => ({ ...file })))));

  it.each<[string, (files: FileSpec[]) => FileSpec[], RegExp[]]>([
    ['the same files', (files) => files, []],
    [
      'one file edited',
      (files) => files.map((f) => (f.name === 'manifest.json' ? { ...f, contents: '{"name":"Sidenote!"}' } : f)),
      [/^manifest\.json: crc32 \d+ → \d+, size 19 → 20$/],
    ],
    [
      'a time stamp',
      (files) => files.map((f) => ({ ...f, dosTime: 0x1234 })),
      [/manifest\.json: dosTime 0 → 4660/, /messages\.json: dosTime/, /长文本\.txt: dosTime 24576 → 4660/],
    ],
    ['a file added', (files) => [...files, { name: 'extra.js', contents: '' }], [/^extra\.js: only in the second$/]],
    ['a file left out', (files) => files.slice(1), [/^manifest\.json: only in the first$/]],
    ['another order', (files) => [...files].reverse(), [/^the same entries in another order$/]],
    [
      'another compression level',
      (files) => files.map((f) => ({ ...f, level: 1 })),
      [/长文本\.txt: same contents, compressed differently/],
    ],
  ])('%s', (_label, change, expected) => {
    const differences = diffZipEntries(base, changed(change));
    expect(differences).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(differences[index]).toMatch(pattern));
  });
});
