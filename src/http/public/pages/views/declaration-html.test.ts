import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOCALES, catalogFor } from '../../../../i18n/index.ts';
import type { PublishedDeclaration } from '../../../../services/declaration-service.ts';
import type { PermalinkProof } from '../../../../services/log/log-service.ts';
import { escapeToBuffer } from 'hono/utils/html';
import { escapeHtml } from '../html.ts';
import { declarationPageHtml } from './declaration-html.tsx';
import { DeclarationPage } from './declaration-page.tsx';

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

describe('the permalink page as template strings', () => {
  it('writes what the JSX page wrote, byte for byte, over hostile rows in every locale', () => {
    let pages = 0;
    let i = 0;
    for (const declaration of rows()) {
      i++;
      for (const locale of LOCALES) {
        const input = {
          locale,
          declaration,
          timeZone: i % 2 ? 'Asia/Shanghai' : 'America/New_York',
          publicUrl: i % 4 ? 'https://tuidang.example//' : 'https://x.example/a"b<c>&d\'',
          proof: proofOf(i),
        };
        const jsx = `<!doctype html>${DeclarationPage({ ...input, t: catalogFor(locale) })}`;
        assert.equal(declarationPageHtml(input), jsx, `row ${i} in ${locale}`);
        pages++;
      }
    }
    assert.ok(pages >= 90, `${pages} pages compared`);
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
