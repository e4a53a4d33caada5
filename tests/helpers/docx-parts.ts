/** Reading a generated .docx back, independently of the docx library: its parts, paragraphs and styles. */
import yauzl from 'yauzl';

/** The XML parts by name; other parts (images) with empty text. */
export async function docxParts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  const parts = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (!/\.(xml|rels)$/.test(entry.fileName)) {
        parts.set(entry.fileName, '');
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return parts;
}

/** The body's paragraphs as "style | text", in order. */
export function paragraphOutline(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((match) => {
    const body = match[1]!;
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? '';
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    return `${style} | ${text}`;
  });
}

/** The <w:style> element with this style id in a styles part, or null. */
export function styleElement(stylesXml: string, styleId: string): string | null {
  return [...stylesXml.matchAll(/<w:style\b[^>]*>[\s\S]*?<\/w:style>/g)].map((match) => match[0]).find((block) => block.includes(`w:styleId="${styleId}"`)) ?? null;
}
