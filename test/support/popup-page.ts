// A small page object for the popup that works with both playwright-core and puppeteer-core pages.

/** The slice of the Playwright/Puppeteer page API the popup tests use. */
export type DrivablePage = {
  goto(url: string): Promise<unknown>;
  /** `state: 'attached'` for Playwright (which waits for visibility by default); Puppeteer ignores it. */
  waitForSelector(selector: string, options?: { timeout?: number; state?: 'attached' }): Promise<unknown>;
  $$eval<R>(selector: string, fn: (elements: Element[]) => R): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  keyboard: { press(key: string): Promise<void> };
  screenshot(options: { path: string }): Promise<unknown>;
};

/** CSS attribute selectors need quotes and backslashes escaped. */
function attributeValue(value: string): string {
  return JSON.stringify(value);
}

export class PopupPage {
  constructor(readonly page: DrivablePage) {}

  static readonly READY_SELECTOR = 'input[type="search"]';

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector(PopupPage.READY_SELECTOR);
    await this.waitForResultsOf('');
  }

  /** Types a query the way an <input> sees it (value set, then an input event). */
  async search(query: string): Promise<number[]> {
    await this.setInputValue(query);
    await this.waitForResultsOf(query);
    return this.resultIds();
  }

  async setInputValue(value: string): Promise<void> {
    await this.page.evaluate((text) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]');
      if (!input) throw new Error('no search input');
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, value);
  }

  /** An IME session: composition events around draft input, as Chinese input methods produce. */
  async dispatchComposition(type: 'compositionstart' | 'compositionend', data: string): Promise<void> {
    await this.page.evaluate(
      ([eventType, eventData]) => {
        document.querySelector('input[type="search"]')?.dispatchEvent(new CompositionEvent(eventType, { bubbles: true, data: eventData }));
      },
      [type, data] as const,
    );
  }

  async waitForResultsOf(query: string): Promise<void> {
    await this.page.waitForSelector(`#results[data-query=${attributeValue(query)}][aria-busy="false"]`, {
      timeout: 15_000,
      state: 'attached',
    });
  }

  resultIds(): Promise<number[]> {
    return this.page.$$eval('#results [data-entry-id]', (items) => items.map((item) => Number(item.getAttribute('data-entry-id'))));
  }

  shownQuery(): Promise<string | null> {
    return this.page.$$eval('#results', (lists) => lists[0]?.getAttribute('data-query') ?? null);
  }

  activeResultId(): Promise<number> {
    return this.page.$$eval('#results [aria-selected="true"]', (items) => Number(items[0]?.getAttribute('data-entry-id')));
  }
}
