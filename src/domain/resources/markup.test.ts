import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOwnPath, normalizeUrl, parseResourceLink } from './links.ts';
import { checkResourceText, parseMarkup, resolveHref } from './markup.ts';

test('the markup: headings, paragraphs with their line breaks, both kinds of list, links; the rest is text', () => {
  assert.deepEqual(parseMarkup('# Title\n## Sub\nline one\nline [two](/en/x)\n\n- a\n* b\n1. c\n2) d\nafter\n#no heading'), [
    { kind: 'heading', level: 2, content: [{ text: 'Title' }] },
    { kind: 'heading', level: 3, content: [{ text: 'Sub' }] },
    { kind: 'paragraph', lines: [[{ text: 'line one' }], [{ text: 'line ' }, { text: 'two', target: '/en/x' }]] },
    { kind: 'list', ordered: false, items: [[{ text: 'a' }], [{ text: 'b' }]] },
    { kind: 'list', ordered: true, items: [[{ text: 'c' }], [{ text: 'd' }]] },
    { kind: 'paragraph', lines: [[{ text: 'after' }], [{ text: '#no heading' }]] },
  ]);
  assert.deepEqual(parseMarkup('<b>[x]</b> [a](b c)'), [{ kind: 'paragraph', lines: [[{ text: '<b>[x]</b> [a](b c)' }]] }]);
});

test('a link leads to a path of the site or to a listed address, in its listed spelling', () => {
  const allowed = new Set(['https://mirror.example.org/']);
  assert.equal(resolveHref('/zh-hans/centers#hotlines', allowed), '/zh-hans/centers#hotlines');
  assert.equal(resolveHref('https://MIRROR.example.org', allowed), 'https://mirror.example.org/');
  for (const target of [
    '//mirror.example.org/',
    '/\\evil.example',
    'https://other.example/',
    'javascript:alert(1)',
    'data:text/html,x',
    'mirror.example.org',
  ]) {
    assert.equal(resolveHref(target, allowed), null, target);
  }
  assert.ok(isOwnPath('/'));
  assert.ok(!isOwnPath('/a b'));
});

test('addresses the operator lists: http(s) with a host and no credentials; onions only as onions', () => {
  assert.equal(normalizeUrl(' https://Example.org '), 'https://example.org/');
  for (const bad of ['ftp://example.org/', 'https://user:pw@example.org/', 'example.org', 'https://', 'https://a b.org/'])
    assert.equal(normalizeUrl(bad), null, bad);
  assert.deepEqual(parseResourceLink({ url: 'http://abc.onion', kind: 'onion', label: ' Tor ' }), {
    ok: true,
    url: 'http://abc.onion/',
    kind: 'onion',
    label: 'Tor',
  });
  assert.deepEqual(parseResourceLink({ url: 'http://abc.onion', kind: 'mirror', label: '' }), {
    ok: false,
    error: 'resources.onionInvalid',
  });
  assert.deepEqual(parseResourceLink({ url: 'https://x.org', kind: 'other', label: '' }), { ok: false, error: 'resources.urlInvalid' });
  assert.deepEqual(parseResourceLink({ url: 'https://x.org', kind: 'download', label: 'a\nb' }), {
    ok: false,
    error: 'resources.labelInvalid',
  });
});

test('a text is refused for an unlisted link, naming it, and for what no free text may hold', () => {
  assert.equal(checkResourceText('[ok](/en/about) fine', new Set()), null);
  assert.deepEqual(checkResourceText('# [x](https://elsewhere.example/)', new Set()), {
    code: 'resources.linkNotAllowed',
    params: { name: 'https://elsewhere.example/' },
  });
  assert.deepEqual(checkResourceText(' \n\n ', new Set()), { code: 'text.required' });
  assert.deepEqual(checkResourceText('\u0007', new Set()), { code: 'text.control' });
  assert.deepEqual(checkResourceText('字'.repeat(6001), new Set()), { code: 'text.tooLong', params: { max: 6000 } });
});
