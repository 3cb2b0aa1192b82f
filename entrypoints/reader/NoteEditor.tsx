// Edits an entry's note. It saves itself as you type and says so; text that has not reached the
// database is kept in this browser (see use-note-draft.ts). A note changed elsewhere meanwhile is
// never overwritten: both texts are shown and the user chooses.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/messages';
import { describeError } from '../../lib/ui/describe-error';
import { MAX_NOTE_LENGTH } from '../../lib/user-data/types';
import type { NoteDraftBinding } from './use-note-draft';

export type NoteEditorProps = {
  t: Translate;
  draft: NoteDraftBinding;
  isRestored: boolean;
  onDone: () => void;
};

function StatusLine({ t, draft }: { t: Translate; draft: NoteDraftBinding }) {
  const { status } = draft;
  switch (status.kind) {
    case 'saved':
      return <span class="note-status">{t('noteStatusSaved')}</span>;
    case 'pending':
    case 'saving':
      return <span class="note-status">{t('noteStatusSaving')}</span>;
    case 'failed':
      return (
        <span class="note-status error" role="alert">
          {t('noteStatusFailed', describeError(t, status.error))}{' '}
          <button type="button" class="link-button" onClick={() => void draft.flush()}>
            {t('noteSaveNow')}
          </button>
        </span>
      );
    case 'conflict':
      return null;
  }
}

export function NoteEditor({ t, draft, isRestored, onDone }: NoteEditorProps) {
  const field = useRef<HTMLTextAreaElement>(null);
  // Before the next key event: keys typed right after `n` belong in the note.
  useLayoutEffect(() => field.current?.focus(), []);
  const conflict = draft.status.kind === 'conflict' ? draft.status : undefined;

  return (
    <form
      class="note-editor"
      onSubmit={(event) => {
        event.preventDefault();
        // Done saves first; a failure keeps the editor (and the text) open.
        void draft.flush().then((isSaved) => isSaved && onDone());
      }}
    >
      <label for="note-text" class="note-label">
        {t('note')}
      </label>
      <span id="note-hint" class="hint">
        {t('noteAutosaveHint')}
      </span>
      {isRestored && (
        <p class="note-restored" role="status">
          {t('noteRestored')}
        </p>
      )}
      <textarea
        id="note-text"
        ref={field}
        rows={5}
        maxLength={MAX_NOTE_LENGTH}
        aria-describedby="note-hint"
        value={draft.text}
        onInput={(event) => draft.edit(event.currentTarget.value)}
        onBlur={() => void draft.flush()}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter is Done; plain Enter is a new line.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
      {conflict && (
        <section class="note-conflict" role="alert" aria-labelledby="note-conflict-title">
          <p id="note-conflict-title">{t('noteConflict')}</p>
          <h3>{t('noteConflictTheirs')}</h3>
          <p class="note-conflict-theirs">{conflict.theirs}</p>
          <div class="note-actions">
            <button type="button" onClick={() => void draft.resolve('mine')}>
              {t('noteKeepMine')}
            </button>
            <button type="button" class="secondary" onClick={() => void draft.resolve('theirs')}>
              {t('noteKeepTheirs')}
            </button>
            <button type="button" class="secondary" onClick={() => void draft.resolve('both')}>
              {t('noteKeepBoth')}
            </button>
          </div>
        </section>
      )}
      <div class="note-actions">
        <button type="submit" disabled={conflict !== undefined}>
          {t('noteDone')}
        </button>
        <p class="note-status-line" aria-live="polite">
          <StatusLine t={t} draft={draft} />
        </p>
      </div>
    </form>
  );
}
