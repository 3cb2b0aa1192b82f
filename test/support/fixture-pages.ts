// Serves fixture pages for the real hosts (github.com, x.com, …) by request interception, so the
// card tests need no network. A page can carry response headers (a strict CSP) and hostile CSS.
import type { BrowserContext, Route } from 'playwright-core';

export type FixtureOptions = { headers?: Record<string, string>; css?: string; body?: string };

export function fixtureHtml(url: string, options: FixtureOptions = {}): string {
  const css = options.css === undefined ? '' : `<style>${options.css}</style>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Fixture ${url}</title>${css}</head>
<body><header id="site-header">Fixture site</header><main id="content"><h1>Fixture page</h1><p>${url}</p>
${options.body ?? ''}</main></body></html>`;
}

/** Fulfils every http(s) request in the context with a fixture page; returns an undo function. */
export async function serveFixtures(
  context: BrowserContext,
  optionsFor: (url: string) => FixtureOptions = () => ({}),
): Promise<() => Promise<void>> {
  const handler = (route: Route) => {
    const url = route.request().url();
    const options = optionsFor(url);
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: options.headers ?? {},
      body: fixtureHtml(url, options),
    });
  };
  await context.route(/^https?:\/\//, handler);
  return () => context.unroute(/^https?:\/\//, handler);
}
