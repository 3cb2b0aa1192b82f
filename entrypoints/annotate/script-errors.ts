// The failures a content script expects in normal life, told apart from real ones.
import { errorMessage } from '../../lib/ui/error-message';

/** The extension was reloaded, updated or removed under this script: a normal shutdown. */
export function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /context invalidated/i.test(error.message);
}

/** Page matching fails quietly: also when no background answers yet, as while the extension restarts. */
export function warn(error: unknown): void {
  if (!isContextInvalidated(error) && !/Receiving end does not exist/i.test(errorMessage(error))) console.warn('Sidenote:', error);
}
