// A small page object for the reader (Playwright).
import type { Page } from 'playwright-core';

export class ReaderPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(hash = '#/'): Promise<void> {
    await this.page.goto(`${this.baseUrl}${hash}`);
  }

  async openEntry(id: number): Promise<void> {
    await this.open(`#/entry/${id}`);
    await this.waitForEntry(id);
  }

  async waitForEntry(id: number): Promise<void> {
    await this.page.waitForSelector(`.entry[data-entry-id="${id}"]`);
  }

  /** Waits until the list shows the answer for the view at `hash` ('#/' is the timeline). */
  async waitForList(hash = '#/'): Promise<void> {
    await this.page.waitForSelector(`section.list[data-route=${JSON.stringify(hash)}][aria-busy="false"]`, { state: 'attached' });
  }

  listIds(): Promise<number[]> {
    return this.page.$$eval('section.list .result', (rows) => rows.map((row) => Number(row.getAttribute('data-entry-id'))));
  }

  hash(): Promise<string> {
    return this.page.evaluate(() => location.hash);
  }
}
