// Owns which hosts are one site: the one table that URL keys (canonicalHost), the content script's
// match patterns (hostsForSite) and link labels (siteLabelOfHost) derive from. Pure data and
// lookups; what a site's paths mean stays with url-keys.ts.

export type KnownSite = {
  /** The host keys use: lowercase, without `www.`. */
  host: string;
  /** Other hosts of the same site (without `www.`): the content script runs on all of them. */
  aliases?: readonly string[];
  /**
   * Aliases whose paths mean something else, so URL keys read them by their own rule rather than
   * as `host` (`youtu.be/<id>` is a video, not a path of youtube.com). Not folded by canonicalHost.
   */
  keyedApart?: readonly string[];
  /** Its name in link lists; a site without one is labelled by its host. */
  label?: string;
};

export const KNOWN_SITES: readonly KnownSite[] = [
  { host: 'x.com', aliases: ['mobile.x.com', 'twitter.com', 'mobile.twitter.com'], label: 'X' },
  {
    host: 'youtube.com',
    aliases: ['m.youtube.com', 'music.youtube.com', 'youtu.be', 'youtube-nocookie.com'],
    keyedApart: ['youtu.be'],
    label: 'YouTube',
  },
  { host: 'arxiv.org', aliases: ['export.arxiv.org'], label: 'arXiv' },
  { host: 'huggingface.co', aliases: ['m.huggingface.co'], label: 'Hugging Face' },
  { host: 'bilibili.com', aliases: ['m.bilibili.com'], label: 'Bilibili' },
  { host: 'github.com', label: 'GitHub' },
  { host: 'github.io', label: 'GitHub Pages' },
  { host: 'mp.weixin.qq.com', label: 'WeChat' },
  { host: 'kaggle.com', label: 'Kaggle' },
  { host: 'ted.com', label: 'TED' },
  // OpenAI moved ChatGPT to chatgpt.com (chat.openai.com redirects there): a cited link opens there.
  { host: 'chat.openai.com', aliases: ['chatgpt.com'], label: 'ChatGPT' },
];

/** Every host of the site, its own first. */
const hostsOf = (site: KnownSite): string[] => [site.host, ...(site.aliases ?? [])];

/** A registrable name (`x.com`, `github.io`) rather than one host under one (`mp.weixin.qq.com`). */
const isWholeDomain = (host: string): boolean => host.split('.').length <= 2;

export type HostTable = {
  /** The host URL keys use: lowercase, no trailing dot, no `www.`, an alias folded into its site. */
  canonicalHost: (hostname: string) => string;
  /** Every host a page of `host`'s site may be on, with the `www.` form of whole domains. */
  hostsForSite: (host: string) => string[];
  /**
   * The label of the site `host` belongs to. A whole domain's label also names its subdomains
   * (gist.github.com is GitHub, space.bilibili.com Bilibili); a single host (mp.weixin.qq.com)
   * names only itself. Undefined for sites without a label.
   */
  siteLabelOfHost: (host: string) => string | undefined;
};

/** The lookups of a table of sites (a test may pass another table; the extension uses KNOWN_SITES). */
export function createHostTable(sites: readonly KnownSite[]): HostTable {
  const canonicalOf = new Map<string, string>(
    sites.flatMap((site) => (site.aliases ?? []).filter((h) => !site.keyedApart?.includes(h)).map((h) => [h, site.host] as const)),
  );
  const siteOf = new Map<string, KnownSite>(sites.flatMap((site) => hostsOf(site).map((h) => [h, site] as const)));
  const canonicalHost = (hostname: string): string => {
    const host = hostname
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^www\./, '');
    return canonicalOf.get(host) ?? host;
  };
  return {
    canonicalHost,
    hostsForSite(host) {
      const canonical = canonicalHost(host);
      const site = siteOf.get(canonical);
      return (site === undefined ? [canonical] : hostsOf(site)).flatMap((h) => (isWholeDomain(h) ? [h, `www.${h}`] : [h]));
    },
    siteLabelOfHost(host) {
      const site = sites.find(
        (candidate) =>
          candidate.label !== undefined && hostsOf(candidate).some((h) => host === h || (isWholeDomain(h) && host.endsWith(`.${h}`))),
      );
      return site?.label;
    },
  };
}

export const { canonicalHost, hostsForSite, siteLabelOfHost } = createHostTable(KNOWN_SITES);
