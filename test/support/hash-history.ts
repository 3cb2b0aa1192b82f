// A tab's location hash and session history for component tests under linkedom (which has
// neither): setting `location.hash` pushes an entry, `history.replaceState` replaces one, and
// `back`/`forward` move through them; hash changes fire `hashchange` on `window` a task later,
// as browsers do. Install after renderInDom has set `window`.
import { vi } from 'vitest';

export type HashHistory = {
  back: () => void;
  forward: () => void;
  /** The entries, oldest first, and which one is current. */
  entries: () => { hashes: string[]; index: number };
};

export function installHashHistory(initialHash: string): HashHistory {
  const hashes = [initialHash];
  let index = 0;
  const fireHashChange = () => setTimeout(() => window.dispatchEvent(new window.Event('hashchange')), 0);
  const location = {
    get hash() {
      return hashes[index] ?? '';
    },
    set hash(value: string) {
      const hash = value.startsWith('#') ? value : `#${value}`;
      if (hash === hashes[index]) return;
      hashes.splice(index + 1, hashes.length, hash);
      index = hashes.length - 1;
      fireHashChange();
    },
  };
  const go = (step: number) => {
    const next = index + step;
    if (next < 0 || next >= hashes.length) return;
    index = next;
    fireHashChange();
  };
  const history = {
    replaceState: (_state: unknown, _title: string, url: string) => {
      hashes[index] = url;
    },
    back: () => go(-1),
    forward: () => go(1),
  };
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  return { back: history.back, forward: history.forward, entries: () => ({ hashes: [...hashes], index }) };
}
