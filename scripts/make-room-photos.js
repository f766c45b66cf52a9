'use strict';
/**
 * Draws the demo room photos (seeds/room-photos/*.jpg) as SVG illustrations rendered by Chromium:
 * made for the project, so they ship with it without licence questions. Run once when changing them:
 *   node scripts/make-room-photos.js
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const OUT = path.join(__dirname, '..', 'seeds', 'room-photos');
const W = 1200;
const H = 800;

/** A seeded random, so the same photos come out every run. */
function rng(seed) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

function hall({ seed, wall, floor, light, desk, chair, rows, perRow, lamps, plants, windowsDay, sign }) {
  const r = rng(seed);
  const horizon = 330;
  const vx = W / 2;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`;
  s += `<defs><linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${wall[0]}"/><stop offset="1" stop-color="${wall[1]}"/></linearGradient>
  <linearGradient id="floor" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${floor[0]}"/><stop offset="1" stop-color="${floor[1]}"/></linearGradient>
  <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${windowsDay ? '#9fd3f7' : '#1d2b4f'}"/><stop offset="1" stop-color="${windowsDay ? '#e8f5ff' : '#42507a'}"/></linearGradient>
  <radialGradient id="glow" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="${light}" stop-opacity="0.55"/><stop offset="1" stop-color="${light}" stop-opacity="0"/></radialGradient></defs>`;
  s += `<rect width="${W}" height="${horizon}" fill="url(#wall)"/>`;
  s += `<rect y="${horizon}" width="${W}" height="${H - horizon}" fill="url(#floor)"/>`;
  // Floor boards converging on the vanishing point.
  for (let i = -12; i <= 12; i += 1) s += `<line x1="${vx + i * 18}" y1="${horizon}" x2="${vx + i * 130}" y2="${H}" stroke="#000" stroke-opacity="0.05" stroke-width="2"/>`;
  // Windows on the back wall.
  const nWin = 4;
  for (let i = 0; i < nWin; i += 1) {
    const x = 120 + i * 255;
    s += `<rect x="${x}" y="70" width="190" height="200" rx="4" fill="url(#sky)" stroke="#f4f1ea" stroke-width="10"/>`;
    s += `<line x1="${x + 95}" y1="70" x2="${x + 95}" y2="270" stroke="#f4f1ea" stroke-width="6"/><line x1="${x}" y1="170" x2="${x + 190}" y2="170" stroke="#f4f1ea" stroke-width="6"/>`;
    if (!windowsDay) for (let k = 0; k < 6; k += 1) s += `<rect x="${x + 10 + r() * 160}" y="${200 + r() * 55}" width="8" height="10" fill="#ffd27a" opacity="0.8"/>`;
    else s += `<ellipse cx="${x + 60 + r() * 60}" cy="${110 + r() * 30}" rx="40" ry="12" fill="#fff" opacity="0.8"/>`;
  }
  const signW = sign ? [...sign].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 26 : 14), 40) : 0;
  if (sign) s += `<rect x="${vx - signW / 2}" y="18" width="${signW}" height="40" rx="6" fill="#2f3b52"/><text x="${vx}" y="46" font-family="Noto Sans CJK SC, sans-serif" font-size="24" fill="#fff" text-anchor="middle">${sign}</text>`;
  // Ceiling lamps glow.
  for (let i = 0; i < lamps; i += 1) s += `<ellipse cx="${150 + (i * (W - 300)) / Math.max(1, lamps - 1)}" cy="20" rx="160" ry="90" fill="url(#glow)"/>`;
  // Desk rows, back to front, in perspective.
  for (let row = 0; row < rows; row += 1) {
    const t = (row + 1) / (rows + 0.6);
    const y = horizon + (H - horizon) * t * t * 0.95 + 20;
    const scale = 0.25 + t * 0.95;
    const deskW = 150 * scale;
    const deskH = 18 * scale;
    const total = perRow * deskW * 1.15;
    for (let i = 0; i < perRow; i += 1) {
      const x = vx - total / 2 + i * deskW * 1.15;
      // chair behind the desk
      s += `<rect x="${x + deskW * 0.3}" y="${y - 48 * scale}" width="${deskW * 0.4}" height="${40 * scale}" rx="${6 * scale}" fill="${chair}"/>`;
      // desk top and legs
      s += `<rect x="${x}" y="${y}" width="${deskW}" height="${deskH}" rx="${3 * scale}" fill="${desk}"/>`;
      s += `<rect x="${x + 6 * scale}" y="${y + deskH}" width="${6 * scale}" height="${60 * scale}" fill="#5b4a3a"/><rect x="${x + deskW - 12 * scale}" y="${y + deskH}" width="${6 * scale}" height="${60 * scale}" fill="#5b4a3a"/>`;
      // divider
      s += `<rect x="${x + deskW - 3 * scale}" y="${y - 40 * scale}" width="${4 * scale}" height="${40 * scale}" fill="#e9e4da" opacity="0.9"/>`;
      // a lamp, books or a laptop on some desks
      const what = r();
      if (what < 0.45) {
        s += `<rect x="${x + deskW * 0.7}" y="${y - 34 * scale}" width="${3 * scale}" height="${34 * scale}" fill="#444"/><path d="M${x + deskW * 0.62} ${y - 34 * scale} h${22 * scale} l${-6 * scale} ${-12 * scale} h${-10 * scale} z" fill="#2d6cdf"/>`;
        s += `<ellipse cx="${x + deskW * 0.7}" cy="${y}" rx="${40 * scale}" ry="${8 * scale}" fill="#fff6c9" opacity="0.6"/>`;
      } else if (what < 0.75) {
        for (let b = 0; b < 3; b += 1) s += `<rect x="${x + deskW * 0.15 + b * 9 * scale}" y="${y - (18 + b * 3) * scale}" width="${8 * scale}" height="${(18 + b * 3) * scale}" fill="${['#c0392b', '#2e86c1', '#27ae60'][b]}"/>`;
      } else {
        s += `<rect x="${x + deskW * 0.3}" y="${y - 20 * scale}" width="${deskW * 0.34}" height="${20 * scale}" rx="${2 * scale}" fill="#2b2f36"/><rect x="${x + deskW * 0.32}" y="${y - 18 * scale}" width="${deskW * 0.3}" height="${15 * scale}" fill="#7fb3ff" opacity="0.8"/>`;
      }
    }
  }
  for (let p = 0; p < plants; p += 1) {
    const x = p % 2 ? W - 90 : 90;
    const y = H - 40;
    s += `<rect x="${x - 30}" y="${y - 60}" width="60" height="60" rx="6" fill="#d7c4a5"/>`;
    for (let l = 0; l < 9; l += 1) s += `<ellipse cx="${x + (r() - 0.5) * 80}" cy="${y - 90 - r() * 90}" rx="18" ry="42" transform="rotate(${(r() - 0.5) * 70} ${x} ${y - 60})" fill="${['#2e7d32', '#43a047', '#388e3c'][l % 3]}"/>`;
  }
  return s + '</svg>';
}

function privateRoom({ seed, wall, floor, table, chairs, view }) {
  const r = rng(seed);
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`;
  s += `<defs><linearGradient id="f" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${floor[0]}"/><stop offset="1" stop-color="${floor[1]}"/></linearGradient></defs>`;
  s += `<rect width="${W}" height="${H}" fill="${wall}"/>`;
  s += `<polygon points="0,${H} 180,430 1020,430 ${W},${H}" fill="url(#f)"/>`;
  s += `<polygon points="0,0 180,90 180,430 0,${H}" fill="#000" opacity="0.06"/><polygon points="${W},0 1020,90 1020,430 ${W},${H}" fill="#000" opacity="0.04"/>`;
  // Whiteboard and window.
  s += `<rect x="240" y="130" width="330" height="190" rx="6" fill="#fbfbfb" stroke="#9aa0a6" stroke-width="6"/>`;
  s += `<path d="M270 200 q40 -40 80 0 t80 0" stroke="#2d6cdf" stroke-width="5" fill="none"/><text x="270" y="280" font-family="Noto Sans CJK SC, sans-serif" font-size="30" fill="#c0392b">小组讨论 · Group study</text>`;
  s += `<rect x="650" y="120" width="300" height="230" rx="4" fill="${view ? '#a9d8f5' : '#27365c'}" stroke="#f4f1ea" stroke-width="10"/><line x1="800" y1="120" x2="800" y2="350" stroke="#f4f1ea" stroke-width="6"/>`;
  for (let b = 0; b < 6; b += 1) s += `<rect x="${665 + b * 46}" y="${250 - r() * 90}" width="36" height="${100 + r() * 90}" fill="${view ? '#7ea4c2' : '#1b2442'}"/>`;
  // Pendant lamp.
  s += `<line x1="600" y1="0" x2="600" y2="170" stroke="#333" stroke-width="3"/><path d="M545 210 L655 210 L625 170 L575 170 Z" fill="#f2b134"/><ellipse cx="600" cy="420" rx="330" ry="110" fill="#fff3c4" opacity="0.35"/>`;
  // Table and chairs.
  s += `<ellipse cx="600" cy="560" rx="330" ry="95" fill="#000" opacity="0.12"/>`;
  s += `<rect x="300" y="470" width="600" height="50" rx="10" fill="${table}"/><rect x="320" y="520" width="16" height="150" fill="#4a3b2c"/><rect x="864" y="520" width="16" height="150" fill="#4a3b2c"/>`;
  for (const [x, y, sc] of [[330, 430, 0.9], [520, 420, 0.85], [700, 420, 0.85], [880, 430, 0.9]]) s += `<rect x="${x - 40 * sc}" y="${y - 70 * sc}" width="${80 * sc}" height="${90 * sc}" rx="${12 * sc}" fill="${chairs}"/>`;
  for (const [x, y] of [[360, 470], [560, 470], [760, 470]]) s += `<rect x="${x}" y="${y - 22}" width="90" height="22" rx="3" fill="#2b2f36"/><rect x="${x + 5}" y="${y - 19}" width="80" height="16" fill="#7fb3ff"/>`;
  s += `<rect x="${990}" y="${600}" width="70" height="70" rx="8" fill="#d7c4a5"/>`;
  for (let l = 0; l < 10; l += 1) s += `<ellipse cx="${1025 + (r() - 0.5) * 90}" cy="${520 - r() * 110}" rx="18" ry="46" transform="rotate(${(r() - 0.5) * 70} 1025 600)" fill="${['#2e7d32', '#43a047', '#388e3c'][l % 3]}"/>`;
  return s + '</svg>';
}

const PHOTOS = {
  'quiet-hall-a-1.jpg': hall({ seed: 11, wall: ['#f3efe6', '#e6dfd0'], floor: ['#c9a97c', '#a8835a'], light: '#fff7d6', desk: '#d9b98c', chair: '#4f6d7a', rows: 4, perRow: 6, lamps: 4, plants: 2, windowsDay: true, sign: '静音区 A · 请保持安静' }),
  'quiet-hall-a-2.jpg': hall({ seed: 23, wall: ['#e9ecef', '#d8dde2'], floor: ['#b8b2a7', '#8f897f'], light: '#ffeab0', desk: '#cfae80', chair: '#3d5a80', rows: 3, perRow: 5, lamps: 3, plants: 1, windowsDay: false, sign: '' }),
  'open-hall-b-1.jpg': hall({ seed: 37, wall: ['#eef6f0', '#d6e9dc'], floor: ['#d1b48c', '#b08e62'], light: '#fffbe6', desk: '#e2c9a0', chair: '#e07a5f', rows: 4, perRow: 7, lamps: 5, plants: 2, windowsDay: true, sign: '开放区 B · 24h' }),
  'open-hall-b-2.jpg': hall({ seed: 41, wall: ['#2f3b52', '#3d4a66'], floor: ['#6d5c4b', '#4e4136'], light: '#ffe29a', desk: '#c49a6c', chair: '#f2cc8f', rows: 3, perRow: 6, lamps: 4, plants: 1, windowsDay: false, sign: '深夜自习' }),
  'private-room-1-1.jpg': privateRoom({ seed: 53, wall: '#efe9df', floor: ['#bf9b6f', '#9c7a52'], table: '#d8b587', chairs: '#5c7aea', view: true }),
  'private-room-1-2.jpg': privateRoom({ seed: 67, wall: '#e4e8ee', floor: ['#a99f93', '#857b70'], table: '#c9a77a', chairs: '#2a9d8f', view: false }),
};

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: W, height: H } });
  for (const [name, svg] of Object.entries(PHOTOS)) {
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: path.join(OUT, name), type: 'jpeg', quality: 82 });
    process.stdout.write(`${name}\n`);
  }
  await browser.close();
  fs.writeFileSync(
    path.join(OUT, 'rooms.json'),
    JSON.stringify(
      {
        '静音区 A · Quiet hall A': ['quiet-hall-a-1.jpg', 'quiet-hall-a-2.jpg'],
        '开放区 B · Open hall B (24h)': ['open-hall-b-1.jpg', 'open-hall-b-2.jpg'],
        '独立包间 1 · Private room 1': ['private-room-1-1.jpg', 'private-room-1-2.jpg'],
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
