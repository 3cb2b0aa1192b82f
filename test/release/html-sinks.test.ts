// The build writes no HTML: Preact's dangerouslySetInnerHTML write becomes a clear error (checked on
// the installed Preact, run for real), the bundle guard names what it finds, and the lint rule
// catches each spelling in our own code.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { parseHTML } from 'linkedom';
import type { ComponentChild } from 'preact';
import type { Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { DANGEROUS_HTML_MESSAGE, findHtmlSinks, htmlSinkGuard, HtmlSinkError, withoutPreactHtmlWrite } from '../../lib/release/html-sinks';
import { REPO_ROOT } from '../support/source-files';

const PREACT_PATH = createRequire(join(REPO_ROOT, 'package.json')).resolve('preact');
const preactCode = readFileSync(PREACT_PATH, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'sidenote-preact-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Preact = typeof import('preact');

/** The installed Preact with the rewrite applied, loaded as a module of its own. */
async function patchedPreact(): Promise<Preact> {
  const path = join(scratch, 'preact.mjs');
  // Without its source map comment: the map sits beside the original only.
  writeFileSync(path, withoutPreactHtmlWrite(preactCode).replace(/\/\/# sourceMappingURL=.*$/m, ''));
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as Preact;
}

/** Renders with a linkedom document standing in for the browser's. */
function renderWith(preact: Preact, tree: ComponentChild): HTMLElement {
  const { document } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
  const container = document.getElementById('app') as unknown as HTMLElement;
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'document');
  Object.defineProperty(globalThis, 'document', { value: document, configurable: true, writable: true });
  try {
    preact.render(tree, container);
  } finally {
    if (saved) Object.defineProperty(globalThis, 'document', saved);
    else delete (globalThis as Record<string, unknown>).document;
  }
  return container;
}

describe("Preact's dangerouslySetInnerHTML write", () => {
  it('is the installed Preact the build resolves, and has the one write the rewrite expects', () => {
    expect(PREACT_PATH).toMatch(/node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/);
    expect(findHtmlSinks(preactCode)).toHaveLength(1);
  });

  it('is gone after the rewrite, and nothing else in Preact changed', () => {
    const patched = withoutPreactHtmlWrite(preactCode);
    expect(findHtmlSinks(patched)).toEqual([]);
    const [before, after] = [preactCode, patched].map((code) =>
      code.split(/\(\(\)=>\{throw new Error\([^)]*\)\}\)\(\)|\b[\w$]+\.innerHTML=[\w$]+\.__html\b/),
    );
    expect(after).toEqual(before);
    expect(after).toHaveLength(2);
  });

  it('throws a clear error when a vnode asks for it, and text still renders as text', async () => {
    const preact = await patchedPreact();
    expect(() => renderWith(preact, preact.h('div', { dangerouslySetInnerHTML: { __html: '<img src=x onerror=alert(1)>' } }))).toThrow(
      DANGEROUS_HTML_MESSAGE,
    );
    const container = renderWith(preact, preact.h('p', null, '<b>bold</b> 長文本'));
    expect(container.textContent).toBe('<b>bold</b> 長文本');
    expect(container.querySelector('b')).toBeNull();
  });

  it.each([
    ['no write at all (a Preact that moved or renamed it)', 'e.textContent=t.__html'],
    ['two writes', 'a.innerHTML=b.__html;c.innerHTML=d.__html'],
  ])('refuses code with %s instead of passing it through', (_label, code) => {
    expect(() => withoutPreactHtmlWrite(code)).toThrow(HtmlSinkError);
  });
});

describe('the bundle guard', () => {
  it.each([
    ['an innerHTML write', 'a.innerHTML=b', true],
    ['an innerHTML write with spaces', 'el.innerHTML = html', true],
    ['an appending innerHTML write', 'el.innerHTML+=more', true],
    ['an outerHTML write', 'x.outerHTML=y', true],
    ['insertAdjacentHTML', 'el.insertAdjacentHTML("beforeend",s)', true],
    ['document.write', 'document.write(s)', true],
    ['document.writeln', 'document.writeln(s)', true],
    ['an innerHTML comparison (Preact reads it)', 'f.__html==e.innerHTML||x', false],
    ['an innerHTML strict comparison', 'e.innerHTML===f', false],
    ['a textContent write', 'e.textContent=t', false],
    ['an innerHTML read', 'return e.innerHTML', false],
  ])('%s: found = %s', (_label, code, isSink) => {
    expect(findHtmlSinks(code).length > 0).toBe(isSink);
  });

  it("rewrites Preact's module only, and fails a bundle whose chunk writes HTML", () => {
    const plugin = htmlSinkGuard();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    expect(transform(preactCode, PREACT_PATH)?.code).not.toContain('.innerHTML=');
    expect(transform('a.innerHTML=b.__html', join(REPO_ROOT, 'lib/ui/other.ts'))).toBeNull();

    const generateBundle = plugin.generateBundle as (
      this: { error: (error: Error) => never },
      options: unknown,
      bundle: Rolldown.OutputBundle,
    ) => void;
    const context = {
      error: (error: Error): never => {
        throw error;
      },
    };
    const chunk = (fileName: string, code: string) =>
      ({ [fileName]: { type: 'chunk', fileName, code } }) as unknown as Rolldown.OutputBundle;
    expect(() => generateBundle.call(context, {}, chunk('chunks/popup.js', 'e.textContent=t'))).not.toThrow();
    expect(() => generateBundle.call(context, {}, chunk('chunks/popup.js', 'el.innerHTML=t'))).toThrow(/chunks\/popup\.js writes HTML/);
  });
});

describe('the lint rule for our own code', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const restricted = async (code: string, filePath = 'lib/ui/example.tsx') =>
    (await eslint.lintText(code, { filePath: join(REPO_ROOT, filePath) }))[0]?.messages.filter((m) => m.ruleId === 'no-restricted-syntax')
      .length;

  it.each([
    ['the JSX prop', 'export const A = () => <div dangerouslySetInnerHTML={{ __html: "x" }} />;'],
    ['the prop in h()', 'import { h } from "preact"; export const a = h("div", { dangerouslySetInnerHTML: { __html: "x" } });'],
    ['an innerHTML write', 'export function f(el: Element, s: string) { el.innerHTML = s; }'],
    ['a computed innerHTML write', 'export function f(el: Element, s: string) { el["innerHTML"] = s; }'],
    ['an outerHTML write', 'export function f(el: Element, s: string) { el.outerHTML = s; }'],
    ['innerHTML through Object.assign', 'export function f(el: Element, s: string) { Object.assign(el, { innerHTML: s }); }'],
    ['insertAdjacentHTML', 'export function f(el: Element, s: string) { el.insertAdjacentHTML("beforeend", s); }'],
    ['a contextual fragment', 'export function f(r: Range, s: string) { return r.createContextualFragment(s); }'],
    ['document.write', 'export function f(s: string) { document.write(s); }'],
    ['DOMParser', 'export function f(s: string) { return new DOMParser().parseFromString(s, "text/html"); }'],
  ])('refuses %s', async (_label, code) => {
    expect(await restricted(code)).toBe(1);
  });

  it('lets text through, and applies to entrypoints/ too', async () => {
    expect(await restricted('export function f(el: Element, s: string) { el.textContent = s; return el.innerHTML; }')).toBe(0);
    expect(await restricted('export function f(el: Element, s: string) { el.innerHTML = s; }', 'entrypoints/popup/example.ts')).toBe(1);
  });
});
