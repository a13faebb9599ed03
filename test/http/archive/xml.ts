import assert from 'node:assert/strict';

// A tiny XML reader: enough to prove a feed is well-formed and to read its elements back.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function decodeEntities(text: string): string {
  assert.doesNotMatch(text.replace(ENTITY, ''), /[&<]/, `stray & or < in ${JSON.stringify(text)}`);
  return text.replace(ENTITY, (_, name: string) =>
    name === 'amp'
      ? '&'
      : name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'quot'
            ? '"'
            : name === 'apos'
              ? "'"
              : String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1))),
  );
}

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/, '');
  assert.notEqual(body, xml, 'an XML declaration');
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack = [root];
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    const top = stack.at(-1)!;
    if (!token.startsWith('<')) {
      top.children.push(decodeEntities(token));
      continue;
    }
    const close = /^<\/([A-Za-z][\w:.-]*)>$/.exec(token);
    if (close) {
      assert.equal(close[1], top.name, `</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z][\w:.-]*="[^"]*")*)\s*(\/?)>$/.exec(token);
    assert.ok(open, `a well-formed tag: ${token}`);
    const attributes: Record<string, string> = {};
    for (const [, name, value] of open[2]!.matchAll(/([A-Za-z][\w:.-]*)="([^"]*)"/g)) {
      assert.ok(!(name! in attributes), `attribute ${name} once`);
      attributes[name!] = decodeEntities(value!);
    }
    const element: XmlElement = { name: open[1]!, attributes, children: [] };
    top.children.push(element);
    if (open[3] !== '/') stack.push(element);
  }
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)!.name}>`);
  const elements = root.children.filter((child): child is XmlElement => typeof child !== 'string');
  assert.equal(elements.length, 1, 'one root element');
  assert.ok(
    root.children.every((child) => typeof child !== 'string' || child.trim() === ''),
    'nothing but space outside the root',
  );
  return elements[0]!;
}

export const childElements = (element: XmlElement, name: string) =>
  element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
export const textOf = (element: XmlElement | undefined): string =>
  (element?.children ?? []).map((child): string => (typeof child === 'string' ? child : textOf(child))).join('');
