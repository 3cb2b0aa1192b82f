// Keeps HTML parsing out of the shipped code: Preact's one `innerHTML` write (its
// dangerouslySetInnerHTML branch, which AMO's linter flags and Sidenote never uses) becomes a
// throw, and a build whose output still writes HTML anywhere fails. Build time only.
import type { Plugin } from 'vite';

export class HtmlSinkError extends Error {
  override name = 'HtmlSinkError';
}

export const DANGEROUS_HTML_MESSAGE = 'dangerouslySetInnerHTML is not supported: Sidenote renders untrusted text as text';

/** Preact's ESM build, as Vite resolves `preact` (package.json exports → dist/preact.mjs). */
const PREACT_MODULE = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;

/** In preact 11.2's minified diff: `(dom.innerHTML = newHtml.__html)`, under whatever short names. */
const PREACT_HTML_WRITE = /\b[\w$]+\.innerHTML=[\w$]+\.__html\b/g;

/** What AMO's linter calls unsafe: HTML written from a value (not a comparison), or a document written. */
const HTML_SINKS = /\.(?:inner|outer)HTML\s*\+?=(?!=)|\.insertAdjacentHTML\s*\(|\bdocument\.write(?:ln)?\s*\(/g;

/**
 * Preact's code with the dangerouslySetInnerHTML write replaced by a throw. The branch is reached
 * only for a vnode that has the prop, so nothing else changes. Throws if the write is not there
 * exactly once: a Preact upgrade must be looked at, not skipped.
 */
export function withoutPreactHtmlWrite(code: string): string {
  const writes = code.match(PREACT_HTML_WRITE) ?? [];
  if (writes.length !== 1) {
    throw new HtmlSinkError(
      `expected Preact's one dangerouslySetInnerHTML write (x.innerHTML=y.__html), found ${writes.length}: update lib/release/html-sinks.ts`,
    );
  }
  return code.replace(PREACT_HTML_WRITE, `(()=>{throw new Error(${JSON.stringify(DANGEROUS_HTML_MESSAGE)})})()`);
}

/** Each place `code` writes HTML, with a little context. */
export function findHtmlSinks(code: string): string[] {
  return [...code.matchAll(HTML_SINKS)].map((match) => code.slice(Math.max(0, match.index - 40), match.index + match[0].length + 20));
}

/**
 * The Vite plugin: rewrites Preact's module, then refuses any emitted chunk that writes HTML (which
 * also catches a Preact that moved its code to a file this plugin does not know).
 */
export function htmlSinkGuard(): Plugin {
  return {
    name: 'sidenote:html-sink-guard',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_MODULE.test(id.replace(/\?.*$/, ''))) return null;
      return { code: withoutPreactHtmlWrite(code), map: null };
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const sinks = findHtmlSinks(output.code);
        if (sinks.length > 0) this.error(new HtmlSinkError(`${output.fileName} writes HTML: ${sinks.join(' | ')}`));
      }
    },
  };
}
