// One serialization per value: JSON with object keys sorted and no whitespace. Checksums, the
// encryption's authenticated header and the merge's tie-breaks depend on it being the same on every
// device. Pure; only for JSON data (plain objects, arrays, strings, finite numbers, booleans, null).

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no place for NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // `undefined` members are left out, as JSON.stringify does, so an optional field that is
    // absent and one that is undefined serialize alike.
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no place for a ${typeof value}`);
}
