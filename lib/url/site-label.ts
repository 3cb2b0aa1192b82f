// Names the site a link points to ("GitHub", "arXiv", …) for link lists. Pure; the names live in
// hosts.ts with the hosts they name.

import { siteLabelOfHost } from './hosts';

/** A short label for the link's site; unknown sites get their host without `www.`, `m.` or `mobile.`. */
export function siteLabel(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  } catch {
    // Not a URL: label it as it is rather than fail the whole link list.
    return url;
  }
  return siteLabelOfHost(host) ?? host;
}
