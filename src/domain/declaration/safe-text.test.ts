import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterCount, cleanText, findTextProblem } from './safe-text.ts';

const LINE = { maxLength: 5000, multiline: false };
const MULTI = { maxLength: 5000, multiline: true };

describe('findTextProblem', () => {
  it('accepts ordinary text in Chinese, English and with emoji', () => {
    assert.equal(findTextProblem('我声明退出中国共产党。', LINE), null);
    assert.equal(findTextProblem('I quit the CCP — for good.', LINE), null);
    assert.equal(findTextProblem('自由 🕊️', LINE), null);
    assert.equal(findTextProblem('', LINE), null);
  });

  it('reports lone surrogates and U+FFFD as malformed', () => {
    assert.equal(findTextProblem('\uD800', LINE), 'malformed');
    assert.equal(findTextProblem('abc\uDC00def', MULTI), 'malformed');
    assert.equal(findTextProblem('a\uD83D', LINE), 'malformed', 'a high surrogate at the end');
    assert.equal(findTextProblem('caf\uFFFD', LINE), 'malformed');
    assert.equal(findTextProblem('\uFFFD', MULTI), 'malformed');
  });

  it('reports C0 and C1 controls and DEL', () => {
    for (const control of ['\u0000', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009B']) {
      const label = `U+${control.codePointAt(0)!.toString(16).padStart(4, '0')}`;
      assert.equal(findTextProblem(`a${control}b`, LINE), 'control', label);
      assert.equal(findTextProblem(`a${control}b`, MULTI), 'control', `${label} (multiline)`);
    }
  });

  it('rejects line breaks and tabs in single-line text', () => {
    for (const brk of ['\n', '\r', '\r\n', '\t', '\u2028', '\u2029']) {
      assert.equal(findTextProblem(`a${brk}b`, LINE), 'control', JSON.stringify(brk));
    }
  });

  it('allows line breaks and tabs in multiline text', () => {
    for (const brk of ['\n', '\r', '\r\n', '\t', '\n\n\n']) {
      assert.equal(findTextProblem(`a${brk}b`, MULTI), null, JSON.stringify(brk));
    }
  });

  it('reports bidi embeddings, overrides, isolates and marks', () => {
    for (const bidi of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]) {
      const label = `U+${bidi.codePointAt(0)!.toString(16).toUpperCase()}`;
      assert.equal(findTextProblem(`abc${bidi}def`, LINE), 'bidi', label);
      assert.equal(findTextProblem(`abc${bidi}def`, MULTI), 'bidi', `${label} (multiline)`);
    }
  });

  it('counts code points, not UTF-16 units, for the length limit', () => {
    assert.equal(findTextProblem('😀', { maxLength: 1, multiline: false }), null);
    assert.equal(findTextProblem('abcd😀', { maxLength: 5, multiline: false }), null);
    assert.equal(findTextProblem('abcd😀x', { maxLength: 5, multiline: false }), 'tooLong');
    assert.equal(findTextProblem('𠀀'.repeat(10), { maxLength: 10, multiline: false }), null, 'astral Han');
    assert.equal(findTextProblem('𠀀'.repeat(11), { maxLength: 10, multiline: false }), 'tooLong');
  });

  it('allows exactly the maximum and rejects one more', () => {
    assert.equal(findTextProblem('中'.repeat(5000), MULTI), null);
    assert.equal(findTextProblem('中'.repeat(5001), MULTI), 'tooLong');
    assert.equal(findTextProblem('a'.repeat(100), { maxLength: 100, multiline: false }), null);
    assert.equal(findTextProblem('a'.repeat(101), { maxLength: 100, multiline: false }), 'tooLong');
  });
});

describe('characterCount', () => {
  it('counts code points', () => {
    assert.equal(characterCount(''), 0);
    assert.equal(characterCount('abc'), 3);
    assert.equal(characterCount('中文'), 2);
    assert.equal(characterCount('😀'), 1);
    assert.equal(characterCount('a😀b'), 3);
  });
});

describe('cleanText', () => {
  it('normalizes to NFC', () => {
    const decomposed = 'Jose\u0301';
    assert.equal(cleanText(decomposed, false), 'Jos\u00E9');
    assert.equal(cleanText(decomposed, true), 'Jos\u00E9');
  });

  it('trims single-line text but keeps inner spaces', () => {
    assert.equal(cleanText('  hello  world \u3000', false), 'hello  world');
  });

  it('turns CRLF and lone CR into LF', () => {
    assert.equal(cleanText('a\r\nb\rc\nd', true), 'a\nb\nc\nd');
  });

  it('trims the whole text and the end of each line, keeping indentation', () => {
    assert.equal(cleanText('\n\n  first   \n    indented\t\nlast  \n\n', true), 'first\n    indented\nlast');
  });

  it('collapses runs of blank lines to a single blank line', () => {
    assert.equal(cleanText('a\n\n\n\n\nb', true), 'a\n\nb');
    assert.equal(cleanText('a\r\n\r\n\r\n\r\nb', true), 'a\n\nb');
    assert.equal(cleanText('a\n  \n\t\n \nb', true), 'a\n\nb', 'whitespace-only lines count as blank');
  });

  it('keeps a single blank line and single line breaks', () => {
    assert.equal(cleanText('a\n\nb\nc', true), 'a\n\nb\nc');
  });

  it('returns an empty string for whitespace only', () => {
    assert.equal(cleanText(' \n\r\n\t ', true), '');
    assert.equal(cleanText('   ', false), '');
  });

  it('keeps markup verbatim', () => {
    assert.equal(cleanText('<script>alert(1)</script>', true), '<script>alert(1)</script>');
  });

  it('reports characters that show nothing, and lets a joiner between two pictographs be', () => {
    for (const hidden of [
      '\u200B',
      '\u200C',
      '\u2060',
      '\u2063',
      '\uFEFF',
      '\u00AD',
      '\u034F',
      '\u180E',
      '\u3164',
      '\u2800',
      '\u{E0041}',
      '\u{E007F}',
    ]) {
      const label = `U+${hidden.codePointAt(0)!.toString(16).toUpperCase()}`;
      assert.equal(findTextProblem(`明${hidden}德`, LINE), 'hidden', label);
      assert.equal(findTextProblem(`明${hidden}德`, MULTI), 'hidden', `${label} (multiline)`);
    }
    assert.equal(findTextProblem('明\u200D德', LINE), 'hidden', 'a joiner between letters');
    assert.equal(findTextProblem('\u200D明德', LINE), 'hidden', 'a joiner at the start');
    assert.equal(findTextProblem('一家 👨\u200D👩\u200D👧', LINE), null, 'a family emoji');
    assert.equal(findTextProblem('❤\uFE0F\u200D🔥', LINE), null, 'a pictograph with its presentation selector');
  });

  it('refuses five marks or more on one letter, and takes the accents real languages stack', () => {
    assert.equal(findTextProblem('Tiếng Việt, ภาษาไทย, café, Ångström', LINE), null);
    assert.equal(findTextProblem('e\u0301\u0302\u0303\u0304', LINE), null, 'four');
    assert.equal(findTextProblem('e\u0301\u0302\u0303\u0304\u0305', LINE), 'marks', 'five');
    assert.equal(findTextProblem(`明${'\u0336'.repeat(200)}`, MULTI), 'marks', 'a flood');
    assert.equal(findTextProblem(`😀${'\u{E0100}'.repeat(16)}`, LINE), 'marks', 'bytes smuggled in variation selectors');
  });
});
