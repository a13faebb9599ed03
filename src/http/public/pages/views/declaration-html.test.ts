import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { raw } from 'hono/html';
import { readerTitle } from '../../../../i18n/declaration-title.ts';
import { LOCALES, catalogFor } from '../../../../i18n/index.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import type { PublishedDeclaration } from '../../../../services/declaration-service.ts';
import type { PermalinkProof } from '../../../../services/log/log-service.ts';
import { escapeToBuffer } from 'hono/utils/html';
import { Layout } from '../../../views/layout.tsx';
import { escapeHtml } from '../../../views/escape-html.ts';
import { declarationPageHtml } from './declaration-html.tsx';

const HOSTILE = [
  '<script>alert("x")</script>',
  `'"&amp;&lt;<>`,
  '\uE000title\uE000 \uE000main\uE000 $& $1 $$',
  '</title></main><!-- ',
  '后台 發表 头发 頭髮 干部 幹部',
  '',
  ' \n\t ',
  '😀 \u202e RTL \u0000',
];

function* rows(): Generator<PublishedDeclaration> {
  let n = 0;
  for (const text of HOSTILE) {
    for (const other of [null, '', '区域 <b>&</b>', text]) {
      n++;
      yield {
        registrationNumber: String(1_000_000_000_000_000 + n * 7_919).slice(0, 16),
        names: n % 3 === 0 ? [text] : [text, `张${text}`, '李四'],
        headcount: n % 3 === 0 ? 1 : 3 + (n % 4),
        orgs: (['party', 'league', 'pioneers'] as const).slice(0, 1 + (n % 3)),
        title: n % 2 ? null : text,
        region: other,
        statement: n % 4 === 0 ? null : (other ?? text),
        behalf: (['self', 'family', 'deceased'] as const)[n % 3]!,
        publishedAt: new Date(Date.UTC(2020, n % 12, 1 + (n % 28), n % 24, 59, 30, n)),
      };
    }
  }
}

const proofOf = (i: number): PermalinkProof | undefined =>
  i % 3 === 0
    ? undefined
    : {
        leafIndex: i * 12_345,
        salt: i % 5 ? 'ab'.repeat(32) : '<salt>&"\'',
        record: `number=${i}\nheadcount=<3>\norganisations="1"\n`,
        checkpoint: { size: i * 99_999, root: "r+/=<'&'>" },
        proof: i % 2 ? [] : ['a+/=', '<b>', "c'd"],
      };

/**
 * The JSX page this replaced wrote the same bytes over these rows in every locale (the comparison ran in
 * commit 20348ae, before the JSX page was deleted). What stays checked: the page around the content is
 * the public Layout's, whatever the title; every value from a row is written escaped, where it belongs.
 */
describe('the permalink page as template strings', () => {
  it('sits in the public Layout and writes every value of hostile rows escaped, in every locale', () => {
    let pages = 0;
    let i = 0;
    for (const declaration of rows()) {
      i++;
      for (const locale of LOCALES) {
        const proof = proofOf(i);
        const publicUrl = i % 4 ? 'https://tuidang.example//' : 'https://x.example/a"b<c>&d\'';
        const html = declarationPageHtml({ locale, declaration, timeZone: 'Asia/Shanghai', publicUrl, proof });
        const main = html.slice(html.indexOf('<main>') + 6, html.lastIndexOf('</main>'));
        const title = readerTitle(declaration, locale);
        const path = `/declarations/${declaration.registrationNumber}`;
        const layout = Layout({ locale, t: catalogFor(locale), title, path, children: raw(main) });
        assert.equal(html, `<!doctype html>${layout}`, `row ${i} in ${locale}: the Layout around it`);

        for (const text of [...HOSTILE.filter((h) => /[<>&"']/.test(h)), '<b>&</b>', '<salt>', '<3>'])
          assert.ok(!main.includes(text), `row ${i} in ${locale}: ${JSON.stringify(text)} written unescaped`);
        const script = (text: string) => escapeHtml(inReaderScript(text, locale));
        assert.ok(main.startsWith(`<article><h1>${escapeHtml(title)}</h1>`));
        assert.equal(main.includes(`<div class="statement">`), Boolean(declaration.statement));
        if (declaration.statement) assert.ok(main.includes(`<div class="statement">${script(declaration.statement)}</div>`));
        if (declaration.region) assert.ok(main.includes(`<dd>${script(declaration.region)}</dd>`));
        assert.ok(main.includes(`<dd id="names">${escapeHtml(inReaderScript(declaration.names[0]!, locale))}`));
        assert.ok(main.includes(`value="${escapeHtml(`${publicUrl.replace(/\/+$/, '')}/${locale}${path}`)}"/>`));
        if (proof) {
          assert.ok(main.includes(`<dd><code>${escapeHtml(proof.salt)}</code></dd>`));
          assert.ok(main.includes(`<pre>${escapeHtml(proof.record)}</pre>`));
          assert.ok(main.includes(`<pre>${escapeHtml(proof.proof.join('\n'))}</pre>`));
        } else assert.ok(!main.includes('<pre>'));
        pages++;
      }
    }
    assert.ok(pages >= 90, `${pages} pages checked`);
  });
});

describe('escapeHtml', () => {
  it('escapes as hono escapes text and attribute values', () => {
    const alphabet = ['&', '<', '>', '"', "'", 'a', '中', ' ', '\n', '😀', '$', '&amp;'];
    for (let i = 0; i < 2_000; i++) {
      let text = '';
      for (let n = i % 13; n > 0; n--) text += alphabet[(i * 7 + n * 13) % alphabet.length];
      const buffer: [string] = [''];
      escapeToBuffer(text, buffer);
      assert.equal(escapeHtml(text), buffer[0], JSON.stringify(text));
    }
  });
});
