import fs from 'fs';
import path from 'path';
import { demoSeedRepository } from '../repositories/demo-seed';
import { parametersRepository } from '../repositories/parameters';

/**
 * Loads seeds/demo.json into an empty database on first start (zero-setup demo). A core-store flag
 * records that it ran, so deleting demo rooms later never brings them back.
 */
const SEAT_CHARS: Record<string, string> = { S: 'standard', N: 'window', P: 'power', T: 'standing', R: 'room' };
const CELL_CHARS: Record<string, string> = { '.': 'aisle', '#': 'wall', D: 'door' };

export function gridToLayout(grid: string[]) {
  const cells: { row: number; col: number; kind: string }[] = [];
  const seats: { label: string; type: string; row: number; col: number }[] = [];
  const rows = grid.length;
  const cols = Math.max(...grid.map((r) => r.length));
  grid.forEach((line, row) => {
    let n = 0;
    [...line].forEach((ch, col) => {
      if (SEAT_CHARS[ch]) {
        n += 1;
        seats.push({ label: ch === 'R' ? 'Room' : `${String.fromCharCode(65 + row)}${n}`, type: SEAT_CHARS[ch], row, col });
      } else if (CELL_CHARS[ch]) cells.push({ row, col, kind: CELL_CHARS[ch] });
    });
  });
  return { layout: { rows, cols, cells }, seats };
}

function blocks(text: string) {
  return [{ type: 'paragraph', children: [{ type: 'text', text }] }];
}

export async function loadDemoData(strapi: any, seedsDir: string) {
  const store = strapi.store({ type: 'core', name: 'studyroom' });
  if (await store.get({ key: 'demo_seeded' })) return false;
  const existingRooms = await demoSeedRepository(strapi).roomCount();
  if (existingRooms > 0) {
    await store.set({ key: 'demo_seeded', value: { at: new Date().toISOString(), skipped: 'database not empty' } });
    return false;
  }
  const demo = JSON.parse(fs.readFileSync(path.join(seedsDir, 'demo.json'), 'utf8'));
  const docs = (uid: string) => strapi.documents(uid);

  await parametersRepository(strapi).save(demo.parameters);

  for (const t of demo.tags) await docs('api::tag.tag').create({ data: t });
  const tiers: Record<string, any> = {};
  for (const t of demo.tiers) tiers[t.code] = await docs('api::membership-tier.membership-tier').create({ data: t });
  for (const p of demo.packages) await docs('api::recharge-package.recharge-package').create({ data: { ...p, active: true } });
  for (const c of demo.couponTemplates) await docs('api::coupon-template.coupon-template').create({ data: { ...c, active: true } });

  let seatNo = 0;
  for (const r of demo.rooms) {
    const { layout, seats } = gridToLayout(r.grid);
    const room = await docs('api::room.room').create({
      data: {
        name: r.name,
        kind: r.kind,
        state: 'open',
        floor: r.floor,
        address: r.address,
        description: r.description,
        sort: r.sort,
        layout,
        opening_hours: r.hours.map(([weekday, opens, closes]: [number, string, string]) => ({ weekday, opens, closes })),
        prices: Object.entries(r.prices).map(([seat_type, price]) => ({ seat_type, price_per_hour_fen: price })),
      },
    });
    for (const s of seats) {
      seatNo += 1;
      await docs('api::seat.seat').create({ data: { ...s, enabled: true, code: `SEAT-${String(seatNo).padStart(4, '0')}`, room: room.documentId } });
    }
  }

  for (const a of demo.announcements) {
    await docs('api::announcement.announcement').create({
      data: {
        title: a.title,
        summary: a.summary,
        body: blocks(a.text),
        audience: a.audience,
        pinned: a.pinned,
        audience_tier: a.tier ? tiers[a.tier].documentId : undefined,
      },
      status: 'published',
    });
  }

  await store.set({ key: 'demo_seeded', value: { at: new Date().toISOString() } });
  strapi.log.info(`[seed] demo data loaded: ${demo.rooms.length} rooms, ${seatNo} seats, ${demo.tiers.length} tiers, ${demo.packages.length} packages, ${demo.couponTemplates.length} coupon templates, ${demo.announcements.length} announcements`);
  return true;
}

export const DEMO_ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || 'admin@studyroom.local',
  password: process.env.DEMO_ADMIN_PASSWORD || 'Studyroom2026!',
};

/** A super admin to log in with on a fresh demo; never created when any admin exists. */
export async function ensureDemoAdmin(strapi: any) {
  const hasAdmin = await strapi.service('admin::user').exists();
  if (hasAdmin) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return false;
  await strapi.service('admin::user').create({
    email: DEMO_ADMIN.email,
    firstname: 'Demo',
    lastname: 'Admin',
    password: DEMO_ADMIN.password,
    isActive: true,
    roles: [superAdmin.id],
  });
  return true;
}
