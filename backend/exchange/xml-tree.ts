/**
 * Reading an XML document from outside into a small element tree with saxes,
 * a strict XML parser that has no DTD processing at all: it never expands a
 * declared entity, never fetches an external one, and reports an undeclared
 * reference as an error. A document type declaration is refused outright, so
 * "billion laughs" and external-entity tricks end before they start.
 */
import { SaxesParser } from 'saxes';
import { UserError } from '../errors';

export interface XmlElement {
  /** Local name (namespace prefix stripped). */
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export interface XmlLimits {
  maxElements: number;
  maxDepth: number;
}

export const XML_LIMITS: XmlLimits = Object.freeze({ maxElements: 5_000_000, maxDepth: 200 });

export function parseXml(xml: string, what: string, limits: XmlLimits = XML_LIMITS): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  const refuse = (reason: string): never => {
    throw new UserError(`${what} is geweigerd: ${reason}`, 'rejected');
  };
  parser.on('doctype', () => refuse('het bevat een DOCTYPE-declaratie (met mogelijk entiteiten); dat staat de standaard niet toe.'));
  parser.on('error', (error) => refuse(`het is geen geldige XML (${error.message.split('\n')[0]?.slice(0, 160)}).`));
  parser.on('opentag', (tag) => {
    if (++elements > limits.maxElements) refuse(`het bevat meer dan ${limits.maxElements.toLocaleString('nl-NL')} elementen.`);
    if (stack.length >= limits.maxDepth) refuse(`het is dieper genest dan ${limits.maxDepth} niveaus.`);
    const attrs: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (typeof attribute === 'object' && attribute.prefix !== 'xmlns' && attribute.local !== 'xmlns' && attribute.name !== 'xmlns') {
        attrs[attribute.local] = attribute.value;
      }
    }
    const element: XmlElement = { name: tag.local, uri: tag.uri, attrs, children: [], text: '' };
    stack[stack.length - 1]?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) return refuse('het is leeg.');
  return root;
}

export const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
