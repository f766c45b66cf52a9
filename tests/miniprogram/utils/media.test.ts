import { mediaUrl } from '../../../miniprogram/utils/media';

describe('room photo addresses', () => {
  it('prefixes the CMS address to an uploaded image path', () => {
    expect(mediaUrl('/uploads/quiet_hall_a_1.jpg', 'https://api.example.cn/')).toBe('https://api.example.cn/uploads/quiet_hall_a_1.jpg');
  });
  it('leaves absolute addresses alone', () => {
    expect(mediaUrl('https://cdn.example.cn/a.jpg', 'https://api.example.cn')).toBe('https://cdn.example.cn/a.jpg');
  });
});
