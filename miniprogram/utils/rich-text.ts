/**
 * Strapi "blocks" rich text (announcement bodies) as paragraphs the page can draw with <text>: headings,
 * paragraphs, list items and quotes keep their kind; inline formatting is flattened.
 */
export interface Paragraph {
  key: string;
  kind: 'heading' | 'paragraph' | 'item' | 'quote';
  text: string;
}

const textOf = (node: any): string => {
  if (!node) return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.children) ? node.children.map(textOf).join('') : '';
};

export function paragraphs(body: unknown): Paragraph[] {
  if (typeof body === 'string') return body.split(/\n{2,}/).map((text, i) => ({ key: `${i}`, kind: 'paragraph', text }));
  if (!Array.isArray(body)) return [];
  const out: Paragraph[] = [];
  body.forEach((block: any, i: number) => {
    if (block.type === 'list') {
      (block.children || []).forEach((item: any, j: number) => out.push({ key: `${i}.${j}`, kind: 'item', text: textOf(item) }));
      return;
    }
    const kind = block.type === 'heading' ? 'heading' : block.type === 'quote' ? 'quote' : 'paragraph';
    out.push({ key: `${i}`, kind, text: textOf(block) });
  });
  return out.filter((p) => p.text.trim());
}
