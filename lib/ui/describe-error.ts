// The one way a failure is put into words for the user: known failures by name, in the UI's
// language; anything else by its own message. Shared by popup, reader, options and the card.

import type { Translate } from '../i18n/messages';
import { errorMessage } from './error-message';

export function describeError(t: Translate, error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = errorMessage(error);
  switch (name) {
    case 'MessageValidationError':
      return t('errorRejected', message);
    case 'BackgroundUnavailableError':
      return t('errorNoBackground');
    case 'CorpusAssetError':
      return t('errorDamagedInstall', message);
    case 'UnknownEntryError':
      return t('errorUnknownEntry');
    case 'ContentScriptDeniedError':
      return t('errorNotAllowedHere');
    case 'QuotaExceededError':
    case 'DatabaseClosedError':
    case 'OpenFailedError':
    case 'AbortError':
    case 'InvalidStateError':
      return t('errorStorage', message);
    default:
      // The browser's own "could not connect" when the background is gone.
      return /Receiving end does not exist|Could not establish connection/i.test(message) ? t('errorNoBackground') : message;
  }
}
