// The background's watch over tabs: which updates it looks at, that only a matched page gets the
// card's script (once), and that bursts and failures cost nothing extra. The update sequences are
// the ones Chromium 156 and Firefox ESR 153 send (recorded with a logging background).
import { describe, expect, it } from 'vitest';
import { createTabWatch, isNavigation, type TabChange } from '../../lib/annotate/tab-watch';

const MATCHED = 'https://github.com/myshell-ai/AIlice';
const UNMATCHED = 'https://github.com/torvalds/linux';

type Deferred = { resolve: () => void; reject: (error: Error) => void };

function setUp({ cardScriptThere = false, holdCounts = false } = {}) {
  const calls: string[] = [];
  const held: Deferred[] = [];
  const watch = createTabWatch({
    countShown: async (url) => {
      calls.push(`count ${url}`);
      if (holdCounts) await new Promise<void>((resolve, reject) => held.push({ resolve, reject }));
      if (url.includes('broken')) throw new Error('the index is not there');
      return url.startsWith(MATCHED) ? 2 : 0;
    },
    hasCardScript: async (tabId) => {
      calls.push(`ping ${tabId}`);
      return cardScriptThere;
    },
    injectCardScript: async (tabId) => {
      calls.push(`inject ${tabId}`);
      if (tabId === 666) throw new Error('Frame with ID 0 was removed');
    },
    setBadge: (tabId, count) => void calls.push(`badge ${tabId} ${count}`),
    warn: (error) => void calls.push(`warn ${(error as Error).message}`),
  });
  const update = (tabId: number, change: TabChange, url: string | undefined) => watch.onTabUpdated(tabId, change, url);
  return { calls, held, update, watch };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('isNavigation', () => {
  it.each([
    [{ status: 'loading', url: MATCHED }, true], // Chrome and Firefox: a new document; Chrome: pushState too
    [{ status: 'loading' }, true], // Chrome: a reload
    [{ status: 'complete', url: `${MATCHED}#readme` }, true], // Firefox: pushState, a fragment
    [{ status: 'complete' }, false],
    [{ title: 'AIlice' } as TabChange, false],
    [{}, false], // Firefox's isArticle, favicons, sound
  ])('%j → %s', (change, expected) => {
    expect(isNavigation(change)).toBe(expected);
  });
});

describe('createTabWatch', () => {
  it("puts the card's script into a tab whose page matched, once for Chrome's loading–title–complete burst", async () => {
    const { calls, update } = setUp();
    update(7, { status: 'loading', url: MATCHED }, MATCHED);
    update(7, { title: 'AIlice' } as TabChange, MATCHED);
    update(7, { status: 'complete' }, MATCHED);
    await settle();
    expect(calls).toEqual([`count ${MATCHED}`, 'badge 7 2', 'ping 7', 'inject 7']);
  });

  it('sets the badge and stops there on a page nothing discusses', async () => {
    const { calls, update } = setUp();
    update(7, { status: 'loading', url: UNMATCHED }, UNMATCHED);
    await settle();
    expect(calls).toEqual([`count ${UNMATCHED}`, 'badge 7 0']);
  });

  it("injects nothing where the card's script answers already (it follows in-page navigation itself)", async () => {
    const { calls, update } = setUp({ cardScriptThere: true });
    update(7, { status: 'complete', url: `${MATCHED}/issues` }, `${MATCHED}/issues`);
    await settle();
    expect(calls).toEqual([`count ${MATCHED}/issues`, 'badge 7 2', 'ping 7']);
  });

  it('ignores tabs it may not read (no URL), updates that are no navigation, and URLs that are no web page', async () => {
    const { calls, update } = setUp();
    update(7, { status: 'loading', url: 'https://example.org/' }, undefined);
    update(7, { title: 'AIlice' } as TabChange, MATCHED);
    update(7, { status: 'complete' }, MATCHED);
    update(
      7,
      { status: 'loading', url: 'view-source:https://github.com/myshell-ai/AIlice' },
      'view-source:https://github.com/myshell-ai/AIlice',
    );
    await settle();
    expect(calls).toEqual([]);
  });

  it('looks at the newest URL once a look is over, skipping the ones in between; other tabs do not wait', async () => {
    const { calls, held, update } = setUp({ holdCounts: true });
    update(7, { status: 'loading', url: UNMATCHED }, UNMATCHED);
    update(7, { status: 'loading', url: `${UNMATCHED}/pulls` }, `${UNMATCHED}/pulls`);
    update(7, { status: 'loading', url: MATCHED }, MATCHED);
    update(8, { status: 'loading', url: MATCHED }, MATCHED);
    expect(calls).toEqual([`count ${UNMATCHED}`, `count ${MATCHED}`]);
    held.splice(0).forEach((look) => look.resolve());
    await settle();
    held.splice(0).forEach((look) => look.resolve());
    await settle();
    expect(calls).toEqual([
      `count ${UNMATCHED}`,
      `count ${MATCHED}`,
      'badge 7 0',
      'badge 8 2',
      'ping 8',
      'inject 8',
      `count ${MATCHED}`,
      'badge 7 2',
      'ping 7',
      'inject 7',
    ]);
  });

  it('reports a failed look or injection and keeps watching that tab', async () => {
    const { calls, update } = setUp();
    update(7, { status: 'loading', url: 'https://github.com/broken/repo' }, 'https://github.com/broken/repo');
    await settle();
    update(666, { status: 'loading', url: MATCHED }, MATCHED);
    await settle();
    update(7, { status: 'loading', url: MATCHED }, MATCHED);
    await settle();
    expect(calls).toEqual([
      'count https://github.com/broken/repo',
      'warn the index is not there',
      `count ${MATCHED}`,
      'badge 666 2',
      'ping 666',
      'inject 666',
      'warn Frame with ID 0 was removed',
      `count ${MATCHED}`,
      'badge 7 2',
      'ping 7',
      'inject 7',
    ]);
  });

  it('looks at the tabs already open when installed: those it may read, once each', async () => {
    const { calls, watch } = setUp();
    watch.lookAtOpenTabs([
      { id: 3, url: MATCHED },
      { id: 4 },
      { url: MATCHED },
      { id: 5, url: 'chrome://extensions/' },
      { id: 6, url: UNMATCHED },
    ]);
    await settle();
    // The two tabs' looks interleave; each tab's own calls keep their order.
    expect(calls.filter((call) => call.includes(' 3') || call.endsWith('AIlice'))).toEqual([
      `count ${MATCHED}`,
      'badge 3 2',
      'ping 3',
      'inject 3',
    ]);
    expect(calls.filter((call) => call.includes(' 6') || call.endsWith('linux'))).toEqual([`count ${UNMATCHED}`, 'badge 6 0']);
    expect(calls).toHaveLength(6);
  });
});
