// Reads CHANGELOG.md (Keep a Changelog: `## [1.2.3] - YYYY-MM-DD` per release, newest first, an
// optional `## [Unreleased]` above them), so a test can hold it to package.json's version.

export class ChangelogFormatError extends Error {
  override name = 'ChangelogFormatError';
}

export type ChangelogRelease = { version: string; date: string };

const RELEASE_HEADING = /^## \[([^\]]+)\](.*)$/gm;
const VERSION = /^\d+\.\d+\.\d+$/;
const DATED = /^ - (\d{4}-\d{2}-\d{2})$/;

/** Every release heading, in the file's order (newest first); `Unreleased` is not a release. */
export function changelogReleases(markdown: string): ChangelogRelease[] {
  const releases: ChangelogRelease[] = [];
  for (const [heading, version = '', rest = ''] of markdown.matchAll(RELEASE_HEADING)) {
    if (version === 'Unreleased') continue;
    const date = DATED.exec(rest)?.[1];
    if (!VERSION.test(version) || date === undefined) {
      throw new ChangelogFormatError(`"${heading}" is not "## [x.y.z] - YYYY-MM-DD"`);
    }
    releases.push({ version, date });
  }
  return releases;
}

/** The release at the top of the changelog; throws if it lists none. */
export function newestRelease(markdown: string): ChangelogRelease {
  const [newest] = changelogReleases(markdown);
  if (newest === undefined) throw new ChangelogFormatError('the changelog lists no release');
  return newest;
}
