// The search box of popup and reader. It shows the query in force (`value`) and reports what is
// typed, but never an input method's unfinished draft: no search per pinyin letter while Chinese
// is being composed, and no key acts on a candidate the IME is still choosing.
import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';

export type SearchInputProps = {
  /** The query in force (the popup's, the route's in the reader): shown unless a composition is under way. */
  value: string;
  /** What was typed, once it is text: on each input outside a composition, and when one ends. */
  onQuery: (text: string) => void;
  label: string;
  placeholder: string;
  inputRef?: Ref<HTMLInputElement>;
  class?: string;
  autoFocus?: boolean;
  /** Keys outside a composition (Enter or ↓ inside one belong to the IME). */
  onKeyDown?: (event: KeyboardEvent) => void;
  /** The list the box drives, and its active row (the popup's listbox). */
  controls?: string;
  activeDescendant?: string;
};

export function SearchInput({
  value,
  onQuery,
  label,
  placeholder,
  inputRef,
  onKeyDown,
  controls,
  activeDescendant,
  ...rest
}: SearchInputProps) {
  // The IME's draft while composing. Kept in state so that a render during the composition
  // (results arriving, a live update) writes the draft back instead of `value`, which would end it.
  const [draft, setDraft] = useState<string | undefined>();
  const isComposing = useRef(false);
  return (
    <input
      ref={inputRef}
      type="search"
      class={rest.class}
      autoFocus={rest.autoFocus}
      aria-label={label}
      placeholder={placeholder}
      value={draft ?? value}
      aria-controls={controls}
      aria-activedescendant={activeDescendant}
      onCompositionStart={(event) => {
        isComposing.current = true;
        setDraft(event.currentTarget.value);
      }}
      onCompositionEnd={(event) => {
        isComposing.current = false;
        setDraft(undefined);
        onQuery(event.currentTarget.value);
      }}
      onInput={(event) => {
        const text = event.currentTarget.value;
        // Chrome marks the drafts (isComposing); the ref covers engines that do not.
        if (isComposing.current || (event as InputEvent).isComposing) setDraft(text);
        else onQuery(text);
      }}
      onKeyDown={(event) => {
        if (event.isComposing || isComposing.current) return;
        onKeyDown?.(event);
      }}
    />
  );
}
