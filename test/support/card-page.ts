// A small page object for the page card, which lives in a closed shadow root: Playwright's locators
// stop at closed roots, the DevTools protocol does not. It finds the card's nodes through the DOM
// domain (`pierce: true`), names buttons as the accessibility tree does, clicks with real (trusted)
// mouse input at the node's position, and reads text through the node's JavaScript object.
import type { CDPSession, Page } from 'playwright-core';

export const CARD_HOST = 'sidenote-card';

/** The slice of CDP's DOM.Node this object walks. */
type TreeNode = { nodeId: number; localName: string; children?: TreeNode[]; shadowRoots?: TreeNode[]; contentDocument?: TreeNode };

/** The slice of CDP's Runtime.ExecutionContextDescription used here. */
type ExecutionContext = { id: number; origin: string; name: string; auxData?: { frameId?: string; isDefault?: boolean; type?: string } };

/** A button of the card by its accessible name (exact text, or a pattern). */
export type ButtonName = string | RegExp;

function findNode(node: TreeNode, isWanted: (node: TreeNode) => boolean): TreeNode | undefined {
  if (isWanted(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, isWanted);
    if (found) return found;
  }
  return undefined;
}

function isNamed(name: string, wanted: ButtonName): boolean {
  return typeof wanted === 'string' ? name === wanted : wanted.test(name);
}

export type CardSnapshot = { html: string; css: string; hostAttributes: [string, string][] };

export class CardPage {
  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page): Promise<CardPage> {
    return new CardPage(page, await page.context().newCDPSession(page));
  }

  /** Waits until the card's host is in the page and returns the entry ids it shows. */
  async entryIds(): Promise<string> {
    const host = this.page.locator(CARD_HOST);
    await host.waitFor({ state: 'attached' });
    return (await host.getAttribute('data-entry-ids')) ?? '';
  }

  async waitForHost(state: 'attached' | 'detached', entryIds?: string): Promise<void> {
    const selector = entryIds === undefined ? CARD_HOST : `${CARD_HOST}[data-entry-ids="${entryIds}"]`;
    await this.page.waitForSelector(selector, { state });
  }

  /** The card's host and its shadow root, closed or not (a fresh document walk: node ids do not go stale). */
  private async cardNodes(): Promise<{ host: number; shadowRoot: number }> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findNode(root, (node) => node.localName === CARD_HOST);
    const shadow = host?.shadowRoots?.[0];
    if (host === undefined || shadow === undefined) throw new Error(`no <${CARD_HOST}> with a shadow root in the page`);
    return { host: host.nodeId, shadowRoot: shadow.nodeId };
  }

  async shadowRootNodeId(): Promise<number> {
    return (await this.cardNodes()).shadowRoot;
  }

  /** The node matching `selector` inside the card, if any. */
  async query(selector: string): Promise<number | undefined> {
    const { nodeId } = await this.cdp.send('DOM.querySelector', { nodeId: await this.shadowRootNodeId(), selector });
    return nodeId === 0 ? undefined : nodeId;
  }

  private async node(selector: string): Promise<number> {
    const nodeId = await this.query(selector);
    if (nodeId === undefined) throw new Error(`no "${selector}" in the card`);
    return nodeId;
  }

  /** The card's buttons with their accessible names, as assistive technology gets them. */
  async buttons(): Promise<{ name: string; backendNodeId: number }[]> {
    const { nodes } = await this.cdp.send('Accessibility.queryAXTree', { nodeId: (await this.cardNodes()).host, role: 'button' });
    return nodes.flatMap((node) =>
      node.backendDOMNodeId === undefined || node.ignored
        ? []
        : [{ name: String(node.name?.value ?? ''), backendNodeId: node.backendDOMNodeId }],
    );
  }

  async hasButton(name: ButtonName): Promise<boolean> {
    return (await this.buttons()).some((button) => isNamed(button.name, name));
  }

  async button(name: ButtonName): Promise<number> {
    const buttons = await this.buttons();
    const found = buttons.find((button) => isNamed(button.name, name));
    if (!found) throw new Error(`no button ${String(name)} in the card (it has: ${buttons.map((b) => b.name).join(', ')})`);
    return found.backendNodeId;
  }

  /** A real mouse click (trusted input) at the middle of the button, as a user makes it. */
  async click(name: ButtonName): Promise<void> {
    const backendNodeId = await this.button(name);
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
    const { quads } = await this.cdp.send('DOM.getContentQuads', { backendNodeId });
    const [quad] = quads;
    if (quad === undefined) throw new Error(`button ${String(name)} is not rendered`);
    // A quad is four corners, x and y alternating.
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    await this.page.mouse.click(mean(quad.filter((_, i) => i % 2 === 0)), mean(quad.filter((_, i) => i % 2 === 1)));
  }

  async focus(name: ButtonName): Promise<void> {
    await this.cdp.send('DOM.focus', { backendNodeId: await this.button(name) });
  }

  /** A real click on the card's first element matching `selector` (names differ by UI language). */
  async clickSelector(selector: string): Promise<void> {
    const { node } = await this.cdp.send('DOM.describeNode', { nodeId: await this.node(selector) });
    const { quads } = await this.cdp.send('DOM.getContentQuads', { backendNodeId: node.backendNodeId });
    const [quad] = quads;
    if (quad === undefined) throw new Error(`"${selector}" is not rendered`);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    await this.page.mouse.click(mean(quad.filter((_, i) => i % 2 === 0)), mean(quad.filter((_, i) => i % 2 === 1)));
  }

  /**
   * The card as it renders now: its shadow root's markup, the style sheets it adopted and its host's
   * attributes, so a test can rebuild it in an open shadow root where axe can read it.
   */
  async snapshot(): Promise<CardSnapshot> {
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId: await this.shadowRootNodeId() });
    const { result, exceptionDetails } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const sheets = [...this.adoptedStyleSheets, ...[...this.querySelectorAll('style')].map((style) => style.sheet)];
        return {
          html: [...this.childNodes].filter((node) => node.nodeName !== 'STYLE').map((node) => node.outerHTML ?? node.textContent).join(''),
          css: sheets.flatMap((sheet) => (sheet ? [...sheet.cssRules].map((rule) => rule.cssText) : [])).join(' '),
          hostAttributes: [...this.host.attributes].map((attribute) => [attribute.name, attribute.value]),
        };
      }`,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`snapshot failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as CardSnapshot;
  }

  /** Calls `fn` on an element of the card in the page's main world and returns its result. */
  async evaluate<R>(selector: string, fn: string): Promise<R> {
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId: await this.node(selector) });
    const { result, exceptionDetails } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`${fn} failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as R;
  }

  text(selector = '.card'): Promise<string> {
    return this.evaluate(selector, 'function () { return this.innerText; }');
  }

  attribute(selector: string, name: string): Promise<string | null> {
    return this.evaluate(selector, `function () { return this.getAttribute(${JSON.stringify(name)}); }`);
  }

  computedStyle(selector: string, property: string): Promise<string> {
    return this.evaluate(selector, `function () { return getComputedStyle(this).getPropertyValue(${JSON.stringify(property)}); }`);
  }

  /** The node's border box in viewport coordinates. */
  async box(selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const { model } = await this.cdp.send('DOM.getBoxModel', { nodeId: await this.node(selector) });
    const [x0 = 0, y0 = 0, x1 = 0, , , y2 = 0] = model.border;
    return { x: x0, y: y0, width: x1 - x0, height: y2 - y0 };
  }

  /**
   * Waits until an element matching `selector` is in the card (or gone from it), watching the
   * shadow root with a MutationObserver, not by polling. Waiting for an element, it first waits for
   * the card's host; the card must stay mounted meanwhile.
   */
  async waitFor(selector: string, state: 'attached' | 'detached' = 'attached', timeout = 10_000): Promise<void> {
    // The host comes first (the card's code is injected after the page's match is answered).
    if (state === 'attached') await this.page.waitForSelector(CARD_HOST, { state: 'attached', timeout });
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId: await this.shadowRootNodeId() });
    const { exceptionDetails } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (selector, shouldExist, timeout) {
        return new Promise((resolve, reject) => {
          const isDone = () => (this.querySelector(selector) !== null) === shouldExist;
          if (isDone()) return resolve(true);
          const observer = new MutationObserver(() => {
            if (!isDone()) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(true);
          });
          observer.observe(this, { subtree: true, childList: true, attributes: true, characterData: true });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error('the card never ' + (shouldExist ? 'showed ' : 'dropped ') + selector));
          }, timeout);
        });
      }`,
      arguments: [{ value: selector }, { value: state === 'attached' }, { value: timeout }],
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  }

  /** The JavaScript worlds of the page's main frame: its own, and the content scripts' isolated ones. */
  private async frameContexts(): Promise<ExecutionContext[]> {
    const { frameTree } = await this.cdp.send('Page.getFrameTree');
    const contexts: ExecutionContext[] = [];
    const onContext = ({ context }: { context: ExecutionContext }) => contexts.push(context);
    this.cdp.on('Runtime.executionContextCreated', onContext);
    // Runtime.enable reports every existing context before it returns.
    await this.cdp.send('Runtime.enable');
    this.cdp.off('Runtime.executionContextCreated', onContext);
    await this.cdp.send('Runtime.disable');
    return contexts.filter((context) => context.auxData?.frameId === frameTree.frame.id);
  }

  /** The page's own world, where page scripts run. */
  async mainWorldContextId(): Promise<number> {
    const main = (await this.frameContexts()).find((context) => context.auxData?.isDefault === true);
    if (main === undefined) throw new Error('no main world');
    return main.id;
  }

  /** The isolated world the extension's content script runs in. */
  async isolatedWorldContextId(extensionId: string): Promise<number> {
    const isolated = (await this.frameContexts()).find((context) => context.origin.includes(extensionId));
    if (isolated === undefined) throw new Error(`no isolated world of ${extensionId}`);
    return isolated.id;
  }

  /**
   * Runs `fn` with the button as `this` in the page's own world: what a page script could do if it
   * ever got hold of the button (the closed root is meant to stop it getting there).
   */
  async callAsPage(name: ButtonName, fn: string): Promise<void> {
    const executionContextId = await this.mainWorldContextId();
    const { object } = await this.cdp.send('DOM.resolveNode', { backendNodeId: await this.button(name), executionContextId });
    const { exceptionDetails } = await this.cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}
