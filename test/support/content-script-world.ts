// Runs code in the content script's isolated world through the DevTools protocol: what a page
// whose renderer was compromised could make the content script send. Chromium only.
import type { Page } from 'playwright-core';

type ExecutionContext = { id: number; name: string; auxData?: { type?: string } };

/** Chromium names an extension's isolated world after the extension. */
export const EXTENSION_WORLD = 'Sidenote';

type CdpSession = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** The isolated worlds (extensions' content scripts) in the session's page now. */
async function isolatedWorlds(cdp: CdpSession): Promise<ExecutionContext[]> {
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: ExecutionContext }) => contexts.push(event.context));
  // Enabling reports every existing context before it returns.
  await cdp.send('Runtime.enable');
  return contexts.filter((context) => context.auxData?.type === 'isolated');
}

/** The names of the isolated worlds in `page`'s top document now. */
export async function isolatedWorldNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await isolatedWorlds(cdp)).map((context) => context.name);
  } finally {
    await cdp.detach();
  }
}

/** Evaluates `expression` (awaited, returned by value) in the isolated world named `worldName`. */
export async function evaluateInContentScript(page: Page, expression: string, worldName = EXTENSION_WORLD): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const world = (await isolatedWorlds(cdp)).find((context) => context.name === worldName);
    if (world === undefined) throw new Error(`no isolated world "${worldName}" in ${page.url()}`);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`content-script evaluation failed: ${exceptionDetails.text}`);
    return result.value;
  } finally {
    await cdp.detach();
  }
}
