/**
 * Strapi "blocks" rich text from a light plain-text form and back: lines starting "# " are headings,
 * "- " list items (consecutive ones make one list), "> " quotes, other lines paragraphs; **bold** and
 * *italic* inside a line. Enough for announcements, and what the mini program can draw.
 */
export type InlineNode = { type: 'text'; text: string; bold?: boolean; italic?: boolean };
export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: number; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'list'; format: 'unordered' | 'ordered'; children: { type: 'list-item'; children: InlineNode[] }[] };

export function parseInline(line: string): InlineNode[] {
  const out: InlineNode[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    if (m.index > last) out.push({ type: 'text', text: line.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: 'text', text: m[1], bold: true });
    else out.push({ type: 'text', text: m[2], italic: true });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push({ type: 'text', text: line.slice(last) });
  return out.length ? out : [{ type: 'text', text: '' }];
}

export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    if (/^#{1,3}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length + 1;
      blocks.push({ type: 'heading', level, children: parseInline(line.replace(/^#+\s+/, '')) });
    } else if (/^[-•]\s/.test(line)) {
      const item = { type: 'list-item' as const, children: parseInline(line.replace(/^[-•]\s+/, '')) };
      const prev = blocks[blocks.length - 1];
      if (prev && prev.type === 'list') prev.children.push(item);
      else blocks.push({ type: 'list', format: 'unordered', children: [item] });
    } else if (/^>\s?/.test(line)) {
      blocks.push({ type: 'quote', children: parseInline(line.replace(/^>\s?/, '')) });
    } else {
      blocks.push({ type: 'paragraph', children: parseInline(line.trim()) });
    }
  }
  return blocks;
}

const inlineText = (nodes: any[] | undefined): string =>
  (nodes ?? [])
    .map((n) => {
      if (typeof n?.text === 'string') return n.bold ? `**${n.text}**` : n.italic ? `*${n.text}*` : n.text;
      return inlineText(n?.children);
    })
    .join('');

export function blocksToText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const lines: string[] = [];
  for (const b of blocks as any[]) {
    if (b.type === 'heading') lines.push(`${'#'.repeat(Math.max(1, Math.min(3, (b.level ?? 2) - 1)))} ${inlineText(b.children)}`);
    else if (b.type === 'list') for (const item of b.children ?? []) lines.push(`- ${inlineText(item.children)}`);
    else if (b.type === 'quote') lines.push(`> ${inlineText(b.children)}`);
    else lines.push(inlineText(b.children));
  }
  return lines.join('\n');
}

/** The body as the mini program's announcement page draws it (utils/rich-text.ts there): kinds kept, inline styles shown. */
export interface PreviewParagraph {
  key: string;
  kind: 'heading' | 'paragraph' | 'item' | 'quote';
  nodes: InlineNode[];
}

export function previewParagraphs(blocks: unknown): PreviewParagraph[] {
  if (!Array.isArray(blocks)) return [];
  const out: PreviewParagraph[] = [];
  const flat = (nodes: any[] | undefined): InlineNode[] =>
    (nodes ?? []).flatMap((n) => (typeof n?.text === 'string' ? [n as InlineNode] : flat(n?.children)));
  (blocks as any[]).forEach((b, i) => {
    if (b.type === 'list') (b.children ?? []).forEach((item: any, j: number) => out.push({ key: `${i}.${j}`, kind: 'item', nodes: flat(item.children) }));
    else out.push({ key: `${i}`, kind: b.type === 'heading' ? 'heading' : b.type === 'quote' ? 'quote' : 'paragraph', nodes: flat(b.children) });
  });
  return out.filter((p) => p.nodes.some((n) => n.text.trim()));
}
