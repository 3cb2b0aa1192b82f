import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchInput } from '../../lib/ui/SearchInput';
import { renderInDom, type Rendered } from '../support/dom';

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

/** What the box reported, and a way to set the query in force from outside (a route change). */
let queries: string[];
let keys: string[];
let setValue: (value: string) => void;

/** A parent like the popup: the reported text becomes the value; a key handler records keys. */
function Harness() {
  const [value, setState] = useState('');
  setValue = setState;
  return (
    <SearchInput
      label="Search"
      placeholder=""
      value={value}
      onQuery={(text) => {
        queries.push(text);
        setState(text);
      }}
      onKeyDown={(event) => keys.push(event.key)}
    />
  );
}

function box(): HTMLInputElement {
  const input = rendered?.container.querySelector('input');
  if (!input) throw new Error('no input');
  return input as HTMLInputElement;
}

/** Events as a browser sends them: the value changes first, then `input` fires. */
function type(text: string): void {
  act(() => {
    box().value = text;
    box().dispatchEvent(new window.Event('input', { bubbles: true }));
  });
}

function fire(type: string, init: Record<string, unknown> = {}): void {
  act(() => {
    box().dispatchEvent(Object.assign(new window.Event(type, { bubbles: true }), init));
  });
}

beforeEach(() => {
  queries = [];
  keys = [];
  rendered = renderInDom(<Harness />);
});

describe('SearchInput', () => {
  it('reports each input outside a composition', () => {
    type('c');
    type('co');
    expect(queries).toEqual(['c', 'co']);
    expect(box().getAttribute('aria-label')).toBe('Search');
  });

  it('does not search while an IME composes Chinese, and searches the text it commits', () => {
    fire('compositionstart');
    type('z');
    type('zhong');
    type('中文');
    expect(queries).toEqual([]);
    fire('compositionend');
    expect(queries).toEqual(['中文']);
  });

  it('keeps the draft in the box when something else renders during the composition', () => {
    act(() => setValue('old'));
    fire('compositionstart');
    type('oldzh');
    // Results arriving, a live update: the parent renders with the value it had.
    act(() => setValue('old'));
    expect(box().value).toBe('oldzh');
    fire('compositionend');
    expect(box().value).toBe('oldzh');
    expect(queries).toEqual(['oldzh']);
  });

  it('leaves keys to the IME while it composes (Enter picks a candidate, not a result)', () => {
    fire('compositionstart');
    fire('keydown', { key: 'Enter' });
    fire('keydown', { key: 'ArrowDown', isComposing: true });
    expect(keys).toEqual([]);
    fire('compositionend');
    fire('keydown', { key: 'Enter' });
    expect(keys).toEqual(['Enter']);
  });

  it('ignores drafts the browser marks as composing even without a compositionstart', () => {
    act(() => {
      box().value = 'ch';
      box().dispatchEvent(Object.assign(new window.Event('input', { bubbles: true }), { isComposing: true }));
    });
    expect(queries).toEqual([]);
  });

  it('shows the query in force whenever it changes, even while focused and after typing', () => {
    type('sora');
    box().focus();
    // Back, Forward, an entry page (no query there): the box follows.
    act(() => setValue('长文本'));
    expect(box().value).toBe('长文本');
    act(() => setValue(''));
    expect(box().value).toBe('');
    act(() => setValue('sora'));
    expect(box().value).toBe('sora');
  });
});
