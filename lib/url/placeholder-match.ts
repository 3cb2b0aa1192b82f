// What the annotate content script declares as its `matches`; the build replaces it with the hosts
// the corpus cites (match-patterns.ts). Its own module: the content script imports it, and must not
// pull in the host table with it.
export const ANNOTATE_PLACEHOLDER_MATCH = '*://sidenote-corpus-hosts.invalid/*';
