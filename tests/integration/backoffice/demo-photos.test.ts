import path from 'path';
import { useCms, DIST_DIR, ROOT } from '../../support';

jest.setTimeout(120_000);

/** The demo rooms carry the photos drawn for the project, from the media library, as members see them. */
describe('demo room photos', () => {
  const cms = useCms();

  it('are put into the media library once and attached to every demo room', async () => {
    const seeds = path.join(ROOT, 'seeds');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const data = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-data'));
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const photos = require(path.join(DIST_DIR, 'src', 'bootstrap', 'demo-photos'));
    await data.loadDemoData(cms.strapi, seeds);
    expect(await photos.attachDemoPhotos(cms.strapi, seeds)).toBe(6);
    expect(await photos.attachDemoPhotos(cms.strapi, seeds)).toBe(0); // a second start adds nothing

    const rooms = (await cms.api.get('/api/booking/rooms')).body.data;
    expect(rooms).toHaveLength(3);
    for (const room of rooms) expect(room.photos).toHaveLength(2);
    const image = await cms.api.get(rooms[0].photos[0].url);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/image\/jpeg/);
    expect(await cms.strapi.db.query('plugin::upload.file').count()).toBe(6);
  });
});
