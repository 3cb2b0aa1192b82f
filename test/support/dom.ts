// A DOM for component tests: Preact renders into linkedom under Node (no browser, no jsdom).
// Globals are set only while a test renders, for effects that reach `document` or `window`.
import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export type Rendered = { container: HTMLElement; unmount: () => void };

const GLOBALS = ['window', 'document', 'HTMLElement', 'Node'] as const;

export function renderInDom(tree: ComponentChild): Rendered {
  const window = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
  const saved = GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of GLOBALS) Object.defineProperty(globalThis, name, { value: window[name], configurable: true, writable: true });
  const container = window.document.getElementById('app') as unknown as HTMLElement;
  act(() => render(tree, container));
  return {
    container,
    unmount: () => {
      act(() => render(null, container));
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
    },
  };
}

/** An element's accessible name, simplified: its aria-label, else its text without aria-hidden parts. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label.trim().replace(/\s+/g, ' ');
  return textOf(element, () => true);
}

/** The text a sighted user sees: without the parts hidden from sight (`.visually-hidden`) or from everyone. */
export function visibleText(element: Element): string {
  return textOf(element, (node) => !node.classList.contains('visually-hidden'));
}

function textOf(element: Element, isIncluded: (element: Element) => boolean): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (child !== element && (child.getAttribute('aria-hidden') === 'true' || !isIncluded(child))) return;
      child.childNodes.forEach(walk);
    }
  };
  walk(element);
  return parts.join('').trim().replace(/\s+/g, ' ');
}
