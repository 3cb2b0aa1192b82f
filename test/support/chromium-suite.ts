// One Chromium with the built extension per test file, a fresh tab per test, and a screenshot in
// test-results/ when a test fails.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium, screenshotPath, type ChromiumSession } from './browsers';

export type ChromiumSuite = { session: ChromiumSession; page: Page };

export function useChromiumSuite(name: string, afterLaunch?: (session: ChromiumSession) => Promise<unknown>): ChromiumSuite {
  const suite = {} as ChromiumSuite;
  beforeAll(async () => {
    suite.session = await launchChromium();
    await afterLaunch?.(suite.session);
  });
  afterAll(async () => {
    await suite.session?.close();
  });
  beforeEach(async () => {
    suite.page = await suite.session.context.newPage();
  });
  afterEach(async (context) => {
    // A test may close its tab itself (the popup closes after opening the reader).
    if (suite.page.isClosed()) return;
    if (context.task.result?.state === 'fail') {
      await suite.page.screenshot({ path: screenshotPath(`chromium-${name}-${context.task.name}`), fullPage: true });
    }
    await suite.page.close();
  });
  return suite;
}
