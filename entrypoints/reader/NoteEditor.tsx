// Edits an entry's note. A failed save says so and keeps the typed text; only Cancel discards.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { errorMessage } from '../../lib/ui/error-message';

export type NoteEditorProps = {
  t: Translate;
  initialText: string;
  onSave: (text: string) => Promise<unknown>;
  onDone: () => void;
};

export function NoteEditor({ t, initialText, onSave, onDone }: NoteEditorProps) {
  const [draft, setDraft] = useState(initialText);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const save = async () => {
    setStatus({ kind: 'saving' });
    try {
      await onSave(draft);
      onDone();
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(error) });
    }
  };

  return (
    <form
      class="note-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label for="note-text" class="note-label">
        {t('note')}
      </label>
      <textarea
        id="note-text"
        ref={field}
        rows={5}
        value={draft}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter saves; plain Enter is a new line.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          }
        }}
      />
      {status.kind === 'error' && (
        <p class="error" role="alert">
          {t('noteSaveFailed', status.message)}
        </p>
      )}
      <div class="note-actions">
        <button type="submit" disabled={status.kind === 'saving'}>
          {t('saveNote')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
