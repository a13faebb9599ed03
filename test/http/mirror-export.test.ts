import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { exportMirror } from '../../src/tools/mirror/export-mirror.ts';
import { exportKit, kitFiles, publishOne, SUBMISSION_ADDRESSES } from '../helpers/mirror-kit.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Every link of every page of a kit: [page, attribute, value]. */
function linksOf(dir: string): [string, string, string][] {
  const links: [string, string, string][] = [];
  for (const file of kitFiles(dir).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(join(dir, file), 'utf8');
    for (const match of html.matchAll(/\s(href|src|action)="([^"]*)"/g)) links.push([file, match[1]!, match[2]!.replace(/&amp;/g, '&')]);
  }
  return links;
}

for (const engine of testEngines()) {
  describe(`the static mirror kit (${engine})`, () => {
    let ctx: TestContext;
    let out: string;
    before(async () => {
      ctx = await createTestContext(engine, { TUIDANG_SUBMISSION_ADDRESSES: SUBMISSION_ADDRESSES });
      out = join(ctx.dir, 'kit');
      for (const name of ['明德', '李华', '张伟', '王芳']) await publishOne(ctx, [name]);
      await ctx.services.log.publish();
    });
    after(() => ctx.close());

    test('holds the public site in three languages, with every link resolving inside or going to a configured site', async () => {
      const report = await exportKit(ctx, out);
      const files = kitFiles(out);
      assert.equal(report.files, files.length);
      for (const locale of ['zh-hans', 'zh-hant', 'en']) {
        for (const page of ['index.html', 'statistics/index.html', 'statistics/method/index.html', 'centers/index.html']) {
          assert.ok(files.includes(`${locale}/${page}`), `${locale}/${page}`);
        }
        for (const page of ['resources/index.html', 'declarations/index.html', 'featured/index.html', 'feeds/latest.atom']) {
          assert.ok(files.includes(`${locale}/${page}`), `${locale}/${page}`);
        }
        const declare = readFileSync(join(out, locale, 'declare/index.html'), 'utf8');
        assert.match(declare, new RegExp(`href="https://mirror-one.example/${locale}/declare"`));
        assert.match(declare, /\.onion\/[a-z-]+\/declare"/);
        assert.doesNotMatch(declare, /<form/, 'without a submission origin, the kit takes no declarations');
      }
      for (const file of ['api/v1/counter.json', 'stat/statics.xml', 'favicon.svg', 'log/checkpoint'])
        assert.ok(files.includes(file), file);
      assert.ok(files.some((file) => file.startsWith('log/tile/')));

      const allowed = [ctx.config.publicUrl, ...SUBMISSION_ADDRESSES.split(' ')];
      for (const [page, attribute, value] of linksOf(out)) {
        if (/^(https?:)?\/\//.test(value)) {
          assert.ok(
            allowed.some((site) => value.startsWith(`${site}/`)),
            `${page}: ${attribute}="${value}" leaves for an unconfigured site`,
          );
          assert.notEqual(attribute, 'src', `${page} loads ${value} from elsewhere`);
          continue;
        }
        if (value.startsWith('data:') || value.startsWith('#')) continue;
        const target = posix.normalize(posix.join(dirname(page), value.split('#')[0]!));
        assert.ok(existsSync(join(out, target)), `${page}: ${attribute}="${value}" does not resolve`);
      }
    });

    test('a base path makes every link absolute under it', async () => {
      const based = join(ctx.dir, 'based');
      await exportKit(ctx, based, '/mirror/');
      for (const [page, , value] of linksOf(based)) {
        if (/^(https?:|data:|#)/.test(value)) continue;
        assert.ok(value.startsWith('/mirror/'), `${page}: ${value}`);
        assert.ok(existsSync(join(based, value.slice('/mirror/'.length).split('#')[0]!)), `${page}: ${value}`);
      }
    });

    test('with a submission origin, the declare page is the real form posting there, allowed by the page policy', async () => {
      const posting = join(ctx.dir, 'posting');
      await exportMirror((path) => ctx.app.request(path), ctx.services.log, {
        out: posting,
        basePath: null,
        archivePages: 1,
        publicUrl: ctx.config.publicUrl,
        submissionOrigin: 'https://submit.example',
      });
      const declare = readFileSync(join(posting, 'en/declare/index.html'), 'utf8');
      assert.match(declare, /<form[^>]*method="post"[^>]*action="https:\/\/submit\.example\/en\/declare"/);
      assert.doesNotMatch(declare, /name="submission"/, 'no one-use token frozen into a file');
      assert.match(declare, /formaction="https:\/\/submit\.example\/en\/declare#suggestions"/, 'the alias helper posts there too');
      assert.doesNotMatch(declare, /(action|href|src)="\/(?!\/)/, 'nothing points at the root of the mirror host');
      assert.match(declare, /<meta http-equiv="Content-Security-Policy" content="[^"]*form-action https:\/\/submit\.example[;"]/);
      assert.doesNotMatch(declare, /frame-ancestors/);
      assert.doesNotMatch(declare, /<script|name="altcha"/, "no proof of work: its challenge would expire, its script is the live site's");
      assert.match(declare, /script-src 'none'/);
      const receipt = readFileSync(join(posting, 'zh-hans/receipt/index.html'), 'utf8');
      assert.match(receipt, /action="https:\/\/submit\.example\/zh-hans\/receipt"/);
    });

    test('a second export writes nothing; after one publication, only the pages that show it', async () => {
      await exportKit(ctx, out);
      assert.deepEqual((await exportKit(ctx, out)).written, []);
      const number = await publishOne(ctx, ['赵敏']);
      // The counter and the home page's lists are cached for a moment: the next export is later than that.
      ctx.clock.advance(60_000);
      const report = await exportKit(ctx, out);
      for (const locale of ['zh-hans', 'zh-hant', 'en']) {
        assert.ok(report.written.includes(`${locale}/declarations/${number}/index.html`), 'the new statement');
        assert.ok(report.written.includes(`${locale}/index.html`), 'the home page and its counter');
      }
      assert.ok(report.written.includes('api/v1/counter.json'));
      assert.ok(report.written.includes('stat/statics.xml'));
      const expected =
        /^(api\/v1\/counter\.json|stat\/statics\.xml|[a-z-]+\/(index\.html|declarations\/(\d+\/)?index[^/]*\.html|days\/[^/]+\/index[^/]*\.html|statistics\/(method\/)?index\.html|transparency\/index\.html|feeds\/latest\.atom))$/;
      const unexpected = report.written.filter((file) => !expected.test(file));
      assert.deepEqual(unexpected, [], 'nothing else changes: centers, resources, the help pages, the log, the forms');
      assert.ok(!report.written.some((file) => file.startsWith('log/')), 'the log changes only when it is published');
    });
  });
}
