// Typed arrays as base64 text, so binary tables travel inside the index's JSON export (a JSON
// asset shipped with the extension). Byte order is the platform's: little-endian on every engine
// Sidenote runs on. Pure. Budget: ~10 ms per 10 MB each way.

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(at, at + CHUNK)));
  }
  return btoa(parts.join(''));
}

export class Base64ArrayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base64ArrayError';
  }
}

export function base64ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new Base64ArrayError('expected base64 text');
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Base64ArrayError('not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type TypedArrayOf<T> = { BYTES_PER_ELEMENT: number; new (buffer: ArrayBuffer, offset: number, length: number): T };

export function arrayToBase64(array: Int32Array | Uint32Array | Uint8Array | Float32Array): string {
  return bytesToBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/** Decodes into a fresh buffer of the right alignment; throws when the length does not fit the type. */
export function base64ToArray<T>(text: string, type: TypedArrayOf<T>): T {
  const bytes = base64ToBytes(text);
  if (bytes.length % type.BYTES_PER_ELEMENT !== 0) throw new Base64ArrayError('length is not a whole number of elements');
  return new type(bytes.buffer as ArrayBuffer, 0, bytes.length / type.BYTES_PER_ELEMENT);
}
