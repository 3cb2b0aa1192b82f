import { describe, expect, it } from 'vitest';
import { ChangelogFormatError, changelogReleases, newestRelease } from '../../lib/release/changelog';
import { readRepoFile } from '../support/source-files';

describe('CHANGELOG.md', () => {
  it("names package.json's version as its newest release (the one place the version is stated)", () => {
    const { version } = JSON.parse(readRepoFile('package.json')) as { version: string };
    expect(newestRelease(readRepoFile('CHANGELOG.md')).version).toBe(version);
  });

  it('lists its releases newest first, each dated', () => {
    const releases = changelogReleases(readRepoFile('CHANGELOG.md'));
    const dates = releases.map((release) => release.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('reading a changelog', () => {
  it.each([
    ['one release', '# Changelog\n\n## [0.1.0] - 2026-11-30\n\n### Added\n', '0.1.0'],
    ['an Unreleased section above it', '## [Unreleased]\n\n### Fixed\n\n## [1.2.3] - 2027-01-02\n\n## [1.2.2] - 2026-12-01\n', '1.2.3'],
    ['a "## [x]" inside text is not at a line start', 'See ## [9.9.9] - 2030-01-01 below.\n## [0.2.0] - 2027-03-04\n', '0.2.0'],
  ])('%s', (_label, markdown, version) => {
    expect(newestRelease(markdown).version).toBe(version);
  });

  it.each([
    ['no release', '# Changelog\n\n## [Unreleased]\n'],
    ['an undated release', '## [0.1.0]\n'],
    ['a version that is not x.y.z', '## [v0.1] - 2026-11-30\n'],
    ['a date in another format', '## [0.1.0] - 30/11/2026\n'],
  ])('refuses %s', (_label, markdown) => {
    expect(() => newestRelease(markdown)).toThrow(ChangelogFormatError);
  });
});
