import { describe, expect, it } from 'vitest';
import { decodeSegment, hrefName, hrefPath, MultistatusFormatError, parseMultistatus } from '../../lib/sync/webdav-multistatus';

// Captured from Debian's Apache 2.4.71 (mod_dav_fs) in test/support/apache-webdav.ts: lowercase
// escapes, `lp1:` and `g0:` prefixes declared per response, a 404 propstat for the folder's length.
const APACHE_RESPONSE = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/" xmlns:g0="DAV:">
<D:href>/dav/sn/</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getlastmodified>Mon, 30 Nov 2026 04:17:21 GMT</lp1:getlastmodified>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
<D:propstat>
<D:prop>
<g0:getcontentlength/>
</D:prop>
<D:status>HTTP/1.1 404 Not Found</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/sn/%e8%ae%be%e5%a4%87%20%e4%b8%80.json</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:getcontentlength>15</lp1:getcontentlength>
<lp1:getlastmodified>Mon, 30 Nov 2026 04:17:21 GMT</lp1:getlastmodified>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/sn/100%25%20ok&amp;.json</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:getcontentlength>2</lp1:getcontentlength>
<lp1:getlastmodified>Mon, 30 Nov 2026 04:17:21 GMT</lp1:getlastmodified>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>
`;

// Nextcloud (SabreDAV), as in nextcloud/server#5947: `d:` prefix, uppercase escapes, extra namespaces.
const NEXTCLOUD_RESPONSE = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
  <d:response>
    <d:href>/remote.php/dav/files/alice/Sidenote/</d:href>
    <d:propstat>
      <d:prop>
        <d:getlastmodified>Wed, 09 Aug 2017 20:21:24 GMT</d:getlastmodified>
        <d:resourcetype><d:collection/></d:resourcetype>
        <oc:size>42</oc:size>
      </d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
    <d:propstat>
      <d:prop><d:getcontentlength/></d:prop>
      <d:status>HTTP/1.1 404 Not Found</d:status>
    </d:propstat>
  </d:response>
  <d:response>
    <d:href>/remote.php/dav/files/alice/Sidenote/Firefox%20%E7%AC%94%E8%AE%B0%E6%9C%AC.json</d:href>
    <d:propstat>
      <d:prop>
        <d:getlastmodified>Wed, 09 Aug 2017 20:21:25 GMT</d:getlastmodified>
        <d:getcontentlength>42</d:getcontentlength>
        <d:resourcetype/>
        <d:getetag>&quot;598b6ec42d49c&quot;</d:getetag>
      </d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
  </d:response>
</d:multistatus>`;

// 坚果云, as in thegrizzlylabs/sardine-android#12: one line, the folder without its slash, a folder length of 0.
const JIANGUOYUN_RESPONSE =
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?><d:multistatus xmlns:d="DAV:" xmlns:s="http://ns.jianguoyun.com">' +
  '<d:response><d:href>/dav/我的坚果云/Sidenote</d:href><d:propstat><d:prop><d:getlastmodified>Wed, 18 Apr 2018 08:09:40 GMT</d:getlastmodified>' +
  '<d:getcontentlength>0</d:getcontentlength><d:getcontenttype>httpd/unix-directory</d:getcontenttype><d:resourcetype><d:collection/></d:resourcetype>' +
  '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>' +
  '<d:response><d:href>/dav/我的坚果云/Sidenote/设备-甲.json</d:href><d:propstat><d:prop><d:getlastmodified>Thu, 06 Sep 2018 23:52:14 GMT</d:getlastmodified>' +
  '<d:getcontentlength>401408</d:getcontentlength><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>';

// Absolute URLs (the npm webdav-server), the DAV namespace as the default, a CDATA href, a comment.
const ABSOLUTE_RESPONSE = `<?xml version="1.0" encoding="utf-8"?>
<!-- generated -->
<multistatus xmlns="DAV:">
  <response><href>http://localhost:4392/dav/a%20b.json</href><propstat><prop><resourcetype></resourcetype><getcontentlength>7</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response>
  <response><href><![CDATA[https://example.org:8443/dav/c&d.json]]></href><propstat><prop><getcontentlength> 9 </getcontentlength></prop></propstat></response>
  <response><href>https://example.org/dav/sub/</href><propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>
  <response><href>/dav/gone.json</href><status>HTTP/1.1 404 Not Found</status></response>
</multistatus>`;

describe('parseMultistatus', () => {
  it('reads a real Apache mod_dav response', () => {
    expect(parseMultistatus(APACHE_RESPONSE)).toEqual([
      { href: '/dav/sn/', path: '/dav/sn/', name: 'sn', isCollection: true, size: null, lastModified: Date.UTC(2026, 10, 30, 4, 17, 21) },
      {
        href: '/dav/sn/%e8%ae%be%e5%a4%87%20%e4%b8%80.json',
        path: '/dav/sn/设备 一.json',
        name: '设备 一.json',
        isCollection: false,
        size: 15,
        lastModified: Date.UTC(2026, 10, 30, 4, 17, 21),
      },
      {
        href: '/dav/sn/100%25%20ok&.json',
        path: '/dav/sn/100% ok&.json',
        name: '100% ok&.json',
        isCollection: false,
        size: 2,
        lastModified: Date.UTC(2026, 10, 30, 4, 17, 21),
      },
    ]);
  });

  it('reads a Nextcloud response: only the 200 propstat counts, other namespaces are ignored', () => {
    const [folder, file] = parseMultistatus(NEXTCLOUD_RESPONSE);
    expect(folder).toMatchObject({ path: '/remote.php/dav/files/alice/Sidenote/', isCollection: true, size: null });
    expect(file).toMatchObject({ path: '/remote.php/dav/files/alice/Sidenote/Firefox 笔记本.json', isCollection: false, size: 42 });
  });

  it('reads a 坚果云 response with raw UTF-8 hrefs', () => {
    expect(parseMultistatus(JIANGUOYUN_RESPONSE).map(({ path, isCollection, size }) => ({ path, isCollection, size }))).toEqual([
      { path: '/dav/我的坚果云/Sidenote', isCollection: true, size: 0 },
      { path: '/dav/我的坚果云/Sidenote/设备-甲.json', isCollection: false, size: 401408 },
    ]);
  });

  it('reads absolute hrefs, a default namespace, CDATA and comments; skips a response with an error status', () => {
    expect(parseMultistatus(ABSOLUTE_RESPONSE).map(({ path, isCollection, size }) => ({ path, isCollection, size }))).toEqual([
      { path: '/dav/a b.json', isCollection: false, size: 7 },
      { path: '/dav/c&d.json', isCollection: false, size: 9 },
      { path: '/dav/sub/', isCollection: true, size: null },
    ]);
  });

  it('keeps attribute values with ">" and "/" out of the structure', () => {
    const xml = `<D:multistatus xmlns:D="DAV:" x='a>b/c'><D:response note="1 > 0"><D:href>/f.json</D:href></D:response></D:multistatus>`;
    expect(parseMultistatus(xml).map((resource) => resource.path)).toEqual(['/f.json']);
  });

  it.each([
    ['an empty body', ''],
    ['plain text', 'OK'],
    ['another root', '<?xml version="1.0"?><error xmlns="DAV:"/>'],
    ['a truncated body', '<d:multistatus xmlns:d="DAV:"><d:response><d:href>/a'],
    ['an unterminated tag', '<d:multistatus xmlns:d="DAV:"><d:response'],
    ['a stray end tag', '<d:multistatus xmlns:d="DAV:"></d:response></d:multistatus>'],
    ['an entity-defining DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><d:multistatus xmlns:d="DAV:"/>'],
    ['an unterminated comment', '<!-- <d:multistatus/>'],
  ])('refuses %s', (_label, xml) => {
    expect(() => parseMultistatus(xml)).toThrow(MultistatusFormatError);
  });

  it('is linear on a large listing', () => {
    const response =
      '<d:response><d:href>/dav/f-%E4%B8%AD.json</d:href><d:propstat><d:prop><d:getcontentlength>1</d:getcontentlength></d:prop></d:propstat></d:response>';
    const xml = `<d:multistatus xmlns:d="DAV:">${response.repeat(5_000)}</d:multistatus>`;
    const started = performance.now();
    expect(parseMultistatus(xml)).toHaveLength(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('hrefPath and decodeSegment', () => {
  it.each([
    ['/dav/a%20b.json', '/dav/a b.json'],
    ['/dav/%E4%B8%AD.json', '/dav/中.json'],
    ['/dav/%e4%b8%ad.json', '/dav/中.json'],
    ['/dav/中.json', '/dav/中.json'],
    ['https://dav.jianguoyun.com/dav/Sidenote/', '/dav/Sidenote/'],
    ['http://127.0.0.1:8080', '/'],
    ['relative.json', '/relative.json'],
    ['/dav/100%.json', '/dav/100%.json'],
    ['/dav/%e9t%e9.json', '/dav/%e9t%e9.json'],
    ['/dav/a+b.json', '/dav/a+b.json'],
  ])('%s → %s', (href, path) => {
    expect(hrefPath(href)).toBe(path);
  });

  it.each([
    ['/dav/sn/', 'sn'],
    ['/dav/我的坚果云/Sidenote', 'Sidenote'],
    ['https://h/dav/a%20b.json', 'a b.json'],
    ['/dav/a%2Fb.json', 'a/b.json'],
  ])('hrefName(%s) = %s', (href, name) => {
    expect(hrefName(href)).toBe(name);
  });

  it('decodes runs of escapes independently', () => {
    expect(decodeSegment('%E4%B8%AD-%ZZ-%41')).toBe('中-%ZZ-A');
  });
});
