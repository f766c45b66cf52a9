import { blocksToText, previewParagraphs, textToBlocks } from '../../../cms/src/plugins/booking/admin/src/utils/blocks';

describe('the announcement editor\'s text ⇄ Strapi blocks', () => {
  const text = '# 活动时间\n本周六 **8:00–24:00** 开放\n- 开放区 A\n- 包间 *22:00* 关闭\n> 名额有限';
  it('turns headings, lists, quotes, bold and italic into blocks', () => {
    const blocks = textToBlocks(text);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'quote']);
    expect(blocks[1]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '本周六 ' }, { type: 'text', text: '8:00–24:00', bold: true }, { type: 'text', text: ' 开放' }] });
    expect((blocks[2] as any).children).toHaveLength(2);
    expect((blocks[2] as any).children[1].children[1]).toEqual({ type: 'text', text: '22:00', italic: true });
  });
  it('reads back to the same text', () => expect(blocksToText(textToBlocks(text))).toBe(text));
  it('previews as the mini program draws it: one line per list item, empty lines dropped', () => {
    const p = previewParagraphs(textToBlocks(`${text}\n\n`));
    expect(p.map((x) => x.kind)).toEqual(['heading', 'paragraph', 'item', 'item', 'quote']);
  });
});
