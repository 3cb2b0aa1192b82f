// Turns a URL into the keys Sidenote matches pages on, the same way for corpus URLs (at build
// time) and for the visited page (in the content script). Pure; no URL ever leaves the device.
// Two tiers: `exact` (the same page) and `related` (the repo of a file, the model of a tree).
// Which hosts are one site is hosts.ts's; what their paths mean is here.

import { canonicalHost } from './hosts';

export type UrlKeys = {
  /** The page itself: `github.com/owner/repo`, `x.com/status/123`, `youtube.com/watch?v=ID`, … */
  exact: string;
  /**
   * Wider pages the page belongs to: the repo of a file, the model of a tree. Each is a page's
   * exact key, since only exact keys are indexed (a `site:` key once sent here never matched).
   */
  related: string[];
};

/** Query parameters that never identify content. */
const TRACKING_PARAMS =
  /^(utm_.*|gclid|fbclid|dclid|msclkid|mc_(cid|eid)|ref|ref_src|ref_url|si|feature|spm|share_.*|igshid|from|scene|srcid|chksm|sharer_.*|pp)$/i;

/** GitHub paths that are GitHub's own pages, not `owner/repo`. */
const GITHUB_RESERVED = new Set([
  'about',
  'apps',
  'collections',
  'contact',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'issues',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'search',
  'security',
  'settings',
  'signup',
  'site',
  'sponsors',
  'topics',
  'trending',
  'users',
]);

/** Hugging Face paths that are its own pages, not `owner/model`. */
const HUGGING_FACE_RESERVED = new Set([
  'docs',
  'blog',
  'models',
  'datasets',
  'spaces',
  'pricing',
  'login',
  'join',
  'settings',
  'papers',
  'learn',
  'tasks',
  'organizations',
]);

/** Path without trailing slashes or a trailing index.html; '' for the home page. */
function cleanPath(pathname: string): string {
  let path = pathname.replace(/\/index\.html?$/i, '/').replace(/\/+$/, '');
  try {
    // Compare decoded paths: `%E4%B8%AD` and `中` are the same page.
    path = decodeURI(path);
  } catch {
    // A malformed escape: keep the path as written, it still keys consistently.
  }
  return path;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/**
 * A post id since Twitter's switch to Snowflake (Nov 2010): a millisecond timestamp shifted left by
 * 22 bits, so 12 to 19 digits. Keyed by id alone, a shorter number would match every user's page
 * of that number: entry 103 cites `…/samwu/status/1/samwu/status/1772923580269171126`, and `\d+`
 * once put its card on any `x.com/<user>/status/1`. Older sequential ids key by their path.
 */
const STATUS_ID = /^[1-9]\d{11,18}$/;

function xKeys(path: string): UrlKeys {
  const parts = segments(path);
  // /<user>/status/<id>[/photo/1|/video/1|…] and /i/web/status/<id>, /i/status/<id>
  const statusAt = parts.findIndex((part, i) => (part === 'status' || part === 'statuses') && STATUS_ID.test(parts[i + 1] ?? ''));
  if (statusAt !== -1 && statusAt <= 2) return { exact: `x.com/status/${parts[statusAt + 1]}`, related: [] };
  return { exact: `x.com${path.toLowerCase()}`, related: [] };
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{6,20}$/;

function youtubeKeys(host: string, path: string, params: URLSearchParams): UrlKeys | undefined {
  const parts = segments(path);
  let id: string | undefined;
  if (host === 'youtu.be') id = parts[0];
  else if (parts[0] === 'watch') id = params.get('v') ?? undefined;
  else if (['shorts', 'embed', 'live', 'v', 'e'].includes(parts[0] ?? '')) id = parts[1];
  if (id !== undefined && YOUTUBE_ID.test(id)) return { exact: `youtube.com/watch?v=${id}`, related: [] };
  if (host === 'youtu.be') return undefined;
  return { exact: `youtube.com${path}`, related: [] };
}

function arxivKeys(path: string): UrlKeys {
  const match = /^\/(?:abs|pdf|html|format)\/(.+?)(?:v\d+)?(?:\.pdf)?$/.exec(path);
  if (match) return { exact: `arxiv.org/abs/${match[1]}`, related: [] };
  return { exact: `arxiv.org${path}`, related: [] };
}

function githubKeys(path: string): UrlKeys {
  const parts = segments(path);
  const [owner, rawRepo, section, branch, ...rest] = parts;
  if (owner === undefined || GITHUB_RESERVED.has(owner.toLowerCase())) return { exact: `github.com${path}`, related: [] };
  if (rawRepo === undefined) return { exact: `github.com/${owner.toLowerCase()}`, related: [] };
  const repo = `github.com/${owner.toLowerCase()}/${rawRepo.toLowerCase().replace(/\.git$/, '')}`;
  // The repo's front page, also as /tree/<branch> with nothing below it.
  if (section === undefined || (section === 'tree' && branch !== undefined && rest.length === 0)) return { exact: repo, related: [] };
  return { exact: `${repo}/${parts.slice(2).join('/')}`, related: [repo] };
}

function huggingFaceKeys(path: string): UrlKeys {
  const parts = segments(path);
  const isSpace = parts[0] === 'spaces' || parts[0] === 'datasets';
  const base = isSpace ? parts.slice(0, 3) : parts.slice(0, 2);
  const first = base[0];
  if (first === undefined || (!isSpace && HUGGING_FACE_RESERVED.has(first)) || base.length < (isSpace ? 3 : 2)) {
    return { exact: `huggingface.co${path}`, related: [] };
  }
  const model = `huggingface.co/${base.join('/').toLowerCase()}`;
  const rest = parts.slice(base.length);
  if (rest.length === 0 || (rest[0] === 'tree' && rest.length === 2)) return { exact: model, related: [] };
  return { exact: `${model}/${rest.join('/')}`, related: [model] };
}

function wechatKeys(path: string, params: URLSearchParams): UrlKeys {
  const short = /^\/s\/([A-Za-z0-9_-]+)$/.exec(path);
  if (short) return { exact: `mp.weixin.qq.com/s/${short[1]}`, related: [] };
  const [biz, mid, idx] = [params.get('__biz'), params.get('mid'), params.get('idx') ?? '1'];
  if ((path === '/s' || path === '/mp/appmsg/show') && biz && mid) {
    return { exact: `mp.weixin.qq.com/s?__biz=${biz}&mid=${mid}&idx=${idx}`, related: [] };
  }
  return { exact: `mp.weixin.qq.com${path}`, related: [] };
}

/** Keys of any http(s) URL; undefined for other schemes or unparsable text. */
export function urlKeys(url: string): UrlKeys | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: nothing to match.
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = canonicalHost(parsed.hostname);
  const path = cleanPath(parsed.pathname);
  const params = new URLSearchParams([...parsed.searchParams].filter(([name]) => !TRACKING_PARAMS.test(name)));
  switch (host) {
    case 'x.com':
      return xKeys(path);
    case 'youtube.com':
    case 'youtu.be':
      return youtubeKeys(host, path, params);
    case 'arxiv.org':
      return arxivKeys(path);
    case 'github.com':
      return githubKeys(path);
    case 'huggingface.co':
      return huggingFaceKeys(path);
    case 'mp.weixin.qq.com':
      return wechatKeys(path, params);
    default:
      // The path identifies the page on most sites: other query parameters do not stop a match.
      // A home page keys as `host/` and so matches only a home page.
      return { exact: `${host}${path === '' ? '/' : path}`, related: [] };
  }
}
