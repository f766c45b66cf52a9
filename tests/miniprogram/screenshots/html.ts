/**
 * Turns a simulated page (miniprogram-simulate's DOM plus the compiled WXSS) into a standalone HTML page
 * at phone width: rpx are halved (750rpx = 375px), WeChat's built-in tags get their default display,
 * and the three TDesign components (which the simulator cannot load) are drawn by small look-alikes –
 * the QR code is a real QR code of the token, made with TDesign's own encoder.
 */
import fs from 'fs';
import path from 'path';

let qrLib: any;
function qr(): any {
  if (!qrLib) {
    const file = path.join(path.dirname((require as unknown as NodeRequire).resolve('tdesign-miniprogram/package.json')), 'miniprogram_dist', 'common', 'shared', 'qrcode', 'qrcodegen.js');
    const source = fs.readFileSync(file, 'utf8').replace(/\bexport\s+(?=class|function|const|let|var)/g, '');
    // eslint-disable-next-line no-new-func
    qrLib = new Function(`${source}; return { QrCode, Ecc };`)();
  }
  return qrLib;
}

function qrSvg(text: string, sizePx: number): string {
  const { QrCode, Ecc } = qr();
  const code = QrCode.encodeText(text, Ecc.MEDIUM);
  const n = code.size;
  let rects = '';
  for (let y = 0; y < n; y += 1) for (let x = 0; x < n; x += 1) if (code.getModule(x, y)) rects += `<rect x="${x}" y="${y}" width="1" height="1"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 ${n + 4} ${n + 4}" width="${sizePx}" height="${sizePx}" shape-rendering="crispEdges"><rect x="-2" y="-2" width="${n + 4}" height="${n + 4}" fill="#fff"/><g fill="#000">${rects}</g></svg>`;
}

const halvePx = (css: string) => css.replace(/(-?\d*\.?\d+)px/g, (_m, n) => `${Number(n) / 2}px`);

const BASE = `
html, body { margin: 0; padding: 0; }
body { width: 375px; background: #f3f4f6; font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif; font-size: 14px; color: #1f1f1f; -webkit-font-smoothing: antialiased; }
wx-view, wx-scroll-view, wx-movable-area, wx-swiper, wx-swiper-item, wx-picker, wx-form, main, wx-button, wx-input, wx-textarea { display: block; }
wx-text { display: inline; }
wx-movable-area { position: relative; overflow: hidden; }
wx-movable-view { display: block; position: absolute; left: 0; top: 0; transform-origin: 0 0; }
wx-scroll-view { overflow: hidden; }
wx-button { border: none; font: inherit; text-align: center; }
wx-input { min-height: 1.4em; }
.placeholder-text { color: #b5b5b5; }
.nav { position: sticky; top: 0; z-index: 50; height: 44px; background: #fff; display: flex; align-items: center; justify-content: center; font-size: 17px; font-weight: 600; border-bottom: 0.5px solid #e7e7e7; }
.nav .back { position: absolute; left: 12px; font-size: 22px; font-weight: 400; color: #1f1f1f; }
.capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; border-radius: 16px; border: 0.5px solid #dcdcdc; box-sizing: border-box; display: flex; align-items: center; justify-content: space-around; font-size: 14px; color: #1f1f1f; }
.status { height: 20px; background: #fff; display: flex; justify-content: space-between; padding: 0 16px; font-size: 12px; font-weight: 600; align-items: center; }
t-notice-bar, t-count-down, t-qrcode { display: block; min-width: 0; }
t-count-down { display: inline-block; }
[class*="--t-notice"] { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; display: block; }
[class*="--t-countdown"] { display: inline-flex; gap: 2px; align-items: center; }
[class*="--t-digit"] { background: #fff1e9; color: #be5a00; border-radius: 3px; padding: 1px 4px; font-weight: 600; }
[class*="--page"] { min-height: 748px !important; }
`;

export function toHtml(o: { title: string; styles: string[]; body: string; tabBar: string; back?: boolean; images?: string[] }): string {
  const holder = document.createElement('div');
  holder.innerHTML = o.body + o.tabBar;
  holder.querySelectorAll('[style]').forEach((el) => el.setAttribute('style', halvePx(el.getAttribute('style') || '')));
  holder.querySelectorAll('[class*="--t-qr"][data-value]').forEach((el) => {
    if (/--t-qr\b/.test(el.getAttribute('class') || '')) el.innerHTML = qrSvg(el.getAttribute('data-value') || 'studyroom', 180);
  });
  // The simulator keeps no built-in attributes on <input>/<textarea>; the pages repeat them as data-*.
  holder.querySelectorAll('wx-input, wx-textarea').forEach((el) => {
    const value = el.getAttribute('data-value');
    el.innerHTML = value ? value : `<span class="placeholder-text">${el.getAttribute('data-placeholder') || ''}</span>`;
  });
  // Nor on <image>: the shot names the sources, in document order, from the page's data.
  holder.querySelectorAll('wx-image').forEach((el, i) => {
    el.outerHTML = `<img class="${el.getAttribute('class') || ''}" src="${el.getAttribute('src') || o.images?.[i] || ''}">`;
  });
  const css = halvePx(o.styles.join('\n')).replace(/(^|[}\s,])page\s*\{/g, '$1body {');
  const isTab = !!o.tabBar;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=375"><style>${BASE}</style><style>${css}</style></head>
<body><div class="status"><span>13:20</span><span>●●●● 100%</span></div><div class="nav">${isTab ? '' : '<span class="back">‹</span>'}<span>${o.title}</span><span class="capsule"><span>···</span><span>◎</span></span></div>
${holder.innerHTML}</body></html>`;
}
