// Sync failures in the user's words: a WebDAV error kind, a browser-sync limit, a skipped device
// file. One table per vocabulary; unknown kinds fall back to the raw message.

import type { MessageKey, Translate } from '../i18n/messages';
import type { SyncFailure } from '../sync/sync-status';

const FAILURE_WORDS: Readonly<Record<string, MessageKey>> = {
  invalidUrl: 'syncFailureInvalidUrl',
  unreachable: 'syncFailureUnreachable',
  timeout: 'syncFailureTimeout',
  unauthorized: 'syncFailureUnauthorized',
  forbidden: 'syncFailureForbidden',
  notFound: 'syncFailureNotFound',
  methodNotAllowed: 'syncFailureMethodNotAllowed',
  conflict: 'syncFailureConflict',
  locked: 'syncFailureLocked',
  rateLimited: 'syncFailureRateLimited',
  insufficientStorage: 'syncFailureInsufficientStorage',
  serverError: 'syncFailureServerError',
  rejected: 'syncFailureRejected',
  truncated: 'syncFailureTruncated',
  htmlInsteadOfData: 'syncFailureHtml',
  badResponse: 'syncFailureBadResponse',
  permissionMissing: 'syncFailurePermission',
  quota: 'syncFailureQuota',
  rate: 'syncFailureRate',
  file: 'syncFailureFile',
};

const SKIPPED_WORDS: Readonly<Record<string, MessageKey>> = {
  damaged: 'syncSkippedDamaged',
  'newer-version': 'syncSkippedNewer',
  'wrong-passphrase': 'syncSkippedWrongPassphrase',
  'passphrase-required': 'syncSkippedPassphraseRequired',
};

export function describeSyncFailure(t: Translate, failure: Pick<SyncFailure, 'kind' | 'message'>): string {
  const key = Object.hasOwn(FAILURE_WORDS, failure.kind) ? FAILURE_WORDS[failure.kind] : undefined;
  return key === undefined ? t('syncFailureOther', failure.message) : t(key);
}

/** Why a device file was skipped (SkippedFileReason in lib/sync/webdav-sync.ts). */
export function describeSkippedReason(t: Translate, reason: string): string {
  const key = Object.hasOwn(SKIPPED_WORDS, reason) ? SKIPPED_WORDS[reason] : undefined;
  return t(key ?? 'syncSkippedForeign');
}
