// Why a sync file was refused, one named class per cause, so a transport can skip the file with a
// visible warning in the user's words and apply nothing of it (issue #8). Messages are for logs;
// the UI words each class (and `reason`) itself.

/** Every refusal of a file: catch this to skip the file and warn, whatever the cause. */
export abstract class SyncFileError extends Error {}

export type SyncFileFormatReason =
  /** Longer than any file Sidenote writes. */
  | 'too-large'
  /** An HTML page (a login or error page a server returned instead of the file). */
  | 'html'
  /** Not JSON at all. */
  | 'not-json'
  /** JSON, but not a Sidenote sync file (another program's file, a wrong folder). */
  | 'foreign'
  /** A Sidenote sync file with a missing, extra or out-of-bounds field. */
  | 'invalid'
  /** A file without encryption where this device expects it (a passphrase is set). */
  | 'unencrypted';

export class SyncFileFormatError extends SyncFileError {
  constructor(
    readonly reason: SyncFileFormatReason,
    detail: string,
  ) {
    super(`not a valid Sidenote sync file (${reason}): ${detail}`);
    this.name = 'SyncFileFormatError';
  }
}

/** Written by a newer Sidenote: skipped whole, never partly applied, until this one is updated. */
export class SyncFileVersionError extends SyncFileError {
  constructor(readonly version: number) {
    super(`sync file format version ${version} is newer than this Sidenote reads (1)`);
    this.name = 'SyncFileVersionError';
  }
}

/** The file's content does not match its checksum or authentication tag: cut short or damaged. */
export class SyncFileChecksumError extends SyncFileError {
  constructor(detail: string) {
    super(`sync file is damaged: ${detail}`);
    this.name = 'SyncFileChecksumError';
  }
}

export class WrongPassphraseError extends SyncFileError {
  constructor() {
    super('the passphrase does not open this sync file');
    this.name = 'WrongPassphraseError';
  }
}

export class PassphraseRequiredError extends SyncFileError {
  constructor() {
    super('this sync file is encrypted: a passphrase is needed');
    this.name = 'PassphraseRequiredError';
  }
}
