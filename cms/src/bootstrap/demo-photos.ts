import fs from 'fs';
import path from 'path';
import { demoSeedRepository } from '../repositories/demo-seed';

/**
 * Demo room photos: images drawn for the project (scripts/make-room-photos.js, shipped in
 * seeds/room-photos) are put into the media library once and attached to the demo rooms that have no
 * photo yet, so the room pages and the mini program look real. Rooms are matched by their demo name.
 */
export async function attachDemoPhotos(strapi: any, seedsDir: string): Promise<number> {
  const dir = path.join(seedsDir, 'room-photos');
  const manifestFile = path.join(dir, 'rooms.json');
  if (!fs.existsSync(manifestFile)) return 0;
  const store = strapi.store({ type: 'core', name: 'studyroom' });
  if (await store.get({ key: 'demo_photos' })) return 0;
  const manifest: Record<string, string[]> = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const upload = strapi.plugin('upload').service('upload');
  const demo = demoSeedRepository(strapi);
  let attached = 0;
  for (const [roomName, files] of Object.entries(manifest)) {
    const room = await demo.roomWithPhotos(roomName);
    if (!room || (room.photos ?? []).length > 0) continue;
    const ids: number[] = [];
    for (const file of files) {
      const filepath = path.join(dir, file);
      if (!fs.existsSync(filepath)) continue;
      const [saved] = await upload.upload({
        data: { fileInfo: { name: file, alternativeText: roomName, caption: roomName } },
        files: { filepath, originalFilename: file, mimetype: 'image/jpeg', size: fs.statSync(filepath).size },
      });
      ids.push(saved.id);
    }
    await demo.setRoomPhotos(room.documentId, ids);
    attached += ids.length;
  }
  await store.set({ key: 'demo_photos', value: { at: new Date().toISOString(), attached } });
  return attached;
}
