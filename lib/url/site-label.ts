// Names the site a link points to ("GitHub", "arXiv", …) for link lists. Pure.

const KNOWN_SITES: [RegExp, string][] = [
  [/(^|\.)github\.com$/, 'GitHub'],
  [/(^|\.)github\.io$/, 'GitHub Pages'],
  [/(^|\.)arxiv\.org$/, 'arXiv'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'YouTube'],
  [/(^|\.)(x\.com|twitter\.com)$/, 'X'],
  [/^mp\.weixin\.qq\.com$/, 'WeChat'],
  [/(^|\.)huggingface\.co$/, 'Hugging Face'],
  [/(^|\.)bilibili\.com$/, 'Bilibili'],
  [/(^|\.)kaggle\.com$/, 'Kaggle'],
  [/(^|\.)ted\.com$/, 'TED'],
  [/^chat\.openai\.com$/, 'ChatGPT'],
];

/** A short label for the link's site; unknown sites get their host without `www.`. */
export function siteLabel(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  } catch {
    // Not a URL: label it as it is rather than fail the whole link list.
    return url;
  }
  return KNOWN_SITES.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}
