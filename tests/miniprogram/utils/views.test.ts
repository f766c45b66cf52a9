import { paragraphs } from '../../../miniprogram/utils/rich-text';
import { faq, phoneIn } from '../../../miniprogram/utils/faq';
import { bookingRow, historyLines } from '../../../miniprogram/utils/booking-view';
import { ledgerLine } from '../../../miniprogram/utils/ledger-view';
import { seatCodeFrom } from '../../../miniprogram/utils/seat-code';
import { mediaUrl } from '../../../miniprogram/utils/media';
import { configure } from '../../../miniprogram/config';
import * as demo from '../support/demo-data';

describe('what pages show', () => {
  it('announcement bodies (Strapi blocks) become paragraphs, headings and list items', () => {
    expect(paragraphs(demo.announcements[0].body).map((p) => p.kind)).toEqual(['paragraph', 'heading', 'item', 'item']);
    expect(paragraphs('第一段\n\n第二段').map((p) => p.text)).toEqual(['第一段', '第二段']);
    expect(paragraphs(null)).toEqual([]);
  });

  it('the store contact text gives the phone number to call, and the FAQ quotes the store rules', () => {
    expect(phoneIn(demo.settings.customerServiceContact)).toBe('400-000-0000');
    expect(phoneIn('微信 studyroom')).toBe('');
    const answers = faq(demo.settings).map((f) => f.a).join('');
    expect(answers).toContain('保留 15 分钟');
    expect(answers).toContain('20% 的手续费');
  });

  it('a booking row says its status in Chinese and whether it can still be cancelled', () => {
    const row = bookingRow(demo.booking({ status: 'no_show', start: '2026-11-28T09:00:00+08:00' }));
    expect(row).toMatchObject({ statusName: '未到店', statusColor: 'red', cancellable: false, total: '¥9.40' });
    expect(historyLines(demo.booking())[0]).toMatchObject({ text: '我：待签到', reason: '钱包支付' });
  });

  it('ledger lines sign the amount and show the balance after', () => {
    expect(ledgerLine(demo.ledger[0])).toMatchObject({ name: '预约消费', amount: '-¥9.40', incoming: false, after: '余额 ¥100.60' });
    expect(ledgerLine(demo.ledger[3])).toMatchObject({ name: '充值', amount: '+¥100.00', incoming: true });
  });

  it('a scanned seat code is read with or without the studyroom:// prefix', () => {
    expect(seatCodeFrom('studyroom://seat/B-A1')).toBe('B-A1');
    expect(seatCodeFrom(' B-A1 ')).toBe('B-A1');
  });

  it('room photos stored on the CMS are fetched from the configured API host', () => {
    configure({ apiBaseUrl: 'https://cms.example.test/' });
    expect(mediaUrl({ url: '/uploads/hall_b.jpg' })).toBe('https://cms.example.test/uploads/hall_b.jpg');
    expect(mediaUrl('https://cdn.example.test/a.jpg')).toBe('https://cdn.example.test/a.jpg');
    expect(mediaUrl(null)).toBe('');
  });
});
