// The note editor in Node (linkedom): typing, Ctrl/⌘+Enter and plain Enter, Done that waits for the
// save (and stays open when it fails), the failure's own "Save now", and a conflict shown as text
// with the three ways out, in every UI language.
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteEditor } from '../../entrypoints/reader/NoteEditor';
import type { NoteDraftBinding } from '../../entrypoints/reader/use-note-draft';
import { buildLocales } from '../../lib/i18n/build-locales';
import { createTranslator } from '../../lib/i18n/messages';
import { renderInDom, visibleText, type Rendered } from '../support/dom';

const locales = buildLocales();
let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

type Draft = NoteDraftBinding & { edit: ReturnType<typeof vi.fn>; flush: ReturnType<typeof vi.fn>; resolve: ReturnType<typeof vi.fn> };

function draftOf(status: NoteDraftBinding['status'], flushResult = true): Draft {
  return {
    text: 'first words',
    status,
    edit: vi.fn(),
    flush: vi.fn(async () => flushResult),
    resolve: vi.fn(async () => true),
  } as Draft;
}

function open(draft: Draft, locale: keyof typeof locales = 'en', onDone = vi.fn()) {
  rendered = renderInDom(<NoteEditor t={createTranslator(locales[locale])} draft={draft} isRestored={false} onDone={onDone} />);
  const container = rendered.container;
  const textarea = container.querySelector('textarea') as HTMLTextAreaElement;
  const view = container.ownerDocument.defaultView as unknown as typeof globalThis;
  const form = container.querySelector('form') as HTMLFormElement & { requestSubmit?: () => void };
  // linkedom has no requestSubmit: do what a browser does, fire a cancelable submit.
  form.requestSubmit ??= () => void form.dispatchEvent(new view.Event('submit', { bubbles: true, cancelable: true }));
  // Nor a field's `form` property.
  if (textarea.form === undefined) Object.defineProperty(textarea, 'form', { value: form });
  const key = (init: Record<string, unknown>) =>
    act(() => void textarea.dispatchEvent(Object.assign(new view.Event('keydown', { bubbles: true, cancelable: true }), init)));
  return { container, textarea, key, onDone };
}

/** Lets the editor's promise chains (flush → onDone) run. */
const settle = () => act(async () => await new Promise((done) => setTimeout(done, 0)));

describe('NoteEditor', () => {
  it('hands every edit to the draft and saves when the field loses focus', () => {
    const draft = draftOf({ kind: 'saved' });
    const { textarea } = open(draft);
    textarea.value = 'first words, more';
    act(
      () =>
        void textarea.dispatchEvent(
          new (textarea.ownerDocument.defaultView as unknown as typeof globalThis).Event('input', { bubbles: true }),
        ),
    );
    expect(draft.edit).toHaveBeenCalledWith('first words, more');
    act(() => void textarea.dispatchEvent(new (textarea.ownerDocument.defaultView as unknown as typeof globalThis).Event('blur')));
    expect(draft.flush).toHaveBeenCalled();
  });

  it('is done on Ctrl+Enter or ⌘+Enter once the save went through; a plain Enter is a new line', async () => {
    for (const modifier of [{ ctrlKey: true }, { metaKey: true }]) {
      const draft = draftOf({ kind: 'saved' });
      const { key, onDone } = open(draft);
      key({ key: 'Enter' });
      await settle();
      expect(draft.flush).not.toHaveBeenCalled();
      key({ key: 'Enter', ...modifier });
      await settle();
      expect(draft.flush).toHaveBeenCalledTimes(1);
      expect(onDone).toHaveBeenCalledTimes(1);
      rendered?.unmount();
      rendered = undefined;
    }
  });

  it('stays open, with the text, when the save fails, and says why with a way to try again', async () => {
    const draft = draftOf({ kind: 'failed', error: { name: 'StorageError', message: 'QuotaExceededError' } }, false);
    const { container, key, onDone } = open(draft);
    key({ key: 'Enter', ctrlKey: true });
    await settle();
    expect(onDone).not.toHaveBeenCalled();
    const alert = container.querySelector('[role="alert"]') as HTMLElement;
    expect(visibleText(alert)).toMatch(/Save now/);
    act(() => (alert.querySelector('button') as HTMLButtonElement).click());
    expect(draft.flush).toHaveBeenCalledTimes(2);
  });

  it.each(Object.keys(locales) as (keyof typeof locales)[])(
    'shows a conflict as text, with Done disabled and three ways out (%s)',
    (locale) => {
      const theirs = '<b>written elsewhere</b> <script>alert(1)</script>';
      const draft = draftOf({ kind: 'conflict', theirs, theirsStamp: null });
      const { container } = open(draft, locale);
      const conflict = container.querySelector('.note-conflict') as HTMLElement;
      expect(conflict.querySelector('b, script')).toBeNull();
      expect((conflict.querySelector('.note-conflict-theirs') as HTMLElement).textContent).toBe(theirs);
      expect((container.querySelector('button[type="submit"]') as HTMLButtonElement).disabled).toBe(true);
      const choices = [...conflict.querySelectorAll('button')];
      expect(choices).toHaveLength(3);
      for (const button of choices) act(() => button.click());
      expect(draft.resolve.mock.calls.map(([choice]) => choice)).toEqual(['mine', 'theirs', 'both']);
    },
  );
});
