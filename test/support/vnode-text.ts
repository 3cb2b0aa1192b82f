// The text a tree of hook-free Preact components renders, read in Node without a DOM: enough to
// check what a line says (and what assistive tech is told) without a browser.
import type { ComponentChildren, VNode } from 'preact';

type Options = { isForAssistiveTech?: boolean };

export function textOf(node: ComponentChildren, options: Options = {}): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (Array.isArray(node)) return node.map((child) => textOf(child, options)).join('');
  const vnode = node as VNode<Record<string, unknown>>;
  if (typeof vnode.type === 'function') return textOf((vnode.type as (props: unknown) => ComponentChildren)(vnode.props), options);
  if (options.isForAssistiveTech && vnode.props['aria-hidden'] === 'true') return '';
  return textOf(vnode.props.children as ComponentChildren, options);
}
