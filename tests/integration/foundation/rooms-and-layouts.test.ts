import { useCms, createRoom, loginStaff } from '../../support';

describe('rooms, layouts and the seats staff edit', () => {
  const cms = useCms();

  /** A booking row written directly, as the foundation issue allows (the engine comes later). */
  async function seedBooking(seatId: number, roomId: number, start: Date, hours = 2, status = 'confirmed') {
    return cms.strapi.db.query('plugin::booking.booking').create({
      data: { user_id: 1, room_id: roomId, seat_id: seatId, start_at: start, end_at: new Date(start.getTime() + hours * 3600e3), status, base_fen: 0, total_fen: 0 },
    });
  }

  it('GET /api/booking/rooms lists rooms with free seats for the window; private rooms by kind', async () => {
    const hall = await createRoom(cms, { name: 'Hall for listing', seats: 4 });
    await createRoom(cms, { name: 'Private for listing', kind: 'private', seats: 1 });
    const res = await cms.api.get('/api/booking/rooms');
    expect(res.status).toBe(200);
    const listed = res.body.data.find((r: any) => r.id === hall.room.documentId);
    expect(listed).toMatchObject({ name: 'Hall for listing', kind: 'hall', seatCount: 4, freeSeats: 4 });
    const privates = await cms.api.get('/api/booking/rooms?kind=private');
    expect(privates.body.data.map((r: any) => r.kind)).toEqual(expect.arrayContaining(['private']));
    expect(privates.body.data.every((r: any) => r.kind === 'private')).toBe(true);
  });

  it('GET /api/booking/rooms/:id returns the layout with stable seat ids, labels, types and prices', async () => {
    const { room, seats } = await createRoom(cms, { name: 'Layout room', seats: 3 });
    const res = await cms.api.get(`/api/booking/rooms/${room.documentId}`);
    expect(res.status).toBe(200);
    const cells = res.body.data.layout.cells.filter((c: any) => c.kind === 'seat');
    expect(cells.map((c: any) => c.seat.id).sort()).toEqual(seats.map((s: any) => s.documentId).sort());
    expect(cells.map((c: any) => c.seat.type).sort()).toEqual(['power', 'standard', 'window']);
    expect(res.body.data.layout.cells).toEqual(expect.arrayContaining([{ row: 1, col: 0, kind: 'door' }]));
    expect(res.body.data.prices).toEqual(expect.arrayContaining([{ seatType: 'window', price_per_hour_fen: 1000 }]));
    expect(res.body.data.openingHours).toHaveLength(7);
  });

  it('an unknown room is 404 NOT_FOUND; a bad window is 400 VALIDATION', async () => {
    const missing = await cms.api.get('/api/booking/rooms/doesnotexist');
    expect(missing.status).toBe(404);
    expect(missing.body.error.details.code).toBe('NOT_FOUND');
    const bad = await cms.api.get('/api/booking/rooms?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('VALIDATION');
    expect(bad.body.error.details.errors[0].field).toBe('from');
    const backwards = await cms.api.get('/api/booking/rooms?from=2030-01-01T10:00:00%2B08:00&to=2030-01-01T09:00:00%2B08:00');
    expect(backwards.status).toBe(400);
  });

  it('a seat with a future booking cannot be deleted; it stays in the layout', async () => {
    const { room, seats } = await createRoom(cms, { seats: 2 });
    await seedBooking(seats[0].id, room.id, new Date(Date.now() + 86400e3));
    await expect(cms.strapi.documents('api::seat.seat').delete({ documentId: seats[0].documentId })).rejects.toMatchObject({
      details: { code: 'SEAT_IN_USE' },
    });
    expect(await cms.strapi.db.query('api::seat.seat').findOne({ where: { id: seats[0].id } })).not.toBeNull();
    // The room holding it cannot be deleted either.
    await expect(cms.strapi.documents('api::room.room').delete({ documentId: room.documentId })).rejects.toMatchObject({
      details: { code: 'SEAT_IN_USE' },
    });
  });

  it('staff deleting a booked seat in the admin panel get a 400 with the reason; an unbooked seat deletes', async () => {
    const manager = await loginStaff(cms, 'store-manager');
    const { room, seats } = await createRoom(cms, { seats: 2 });
    await seedBooking(seats[0].id, room.id, new Date(Date.now() + 3600e3));
    const refused = await cms.api.delete(`/content-manager/collection-types/api::seat.seat/${seats[0].documentId}`).set(manager.auth);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/future bookings/);
    expect(await cms.strapi.db.query('api::seat.seat').count({ where: { id: seats[0].id } })).toBe(1);

    const bulk = await cms.api
      .post('/content-manager/collection-types/api::seat.seat/actions/bulkDelete')
      .set(manager.auth)
      .send({ documentIds: [seats[0].documentId, seats[1].documentId] });
    expect(bulk.status).toBe(400);
    expect(await cms.strapi.db.query('api::seat.seat').count({ where: { id: { $in: [seats[0].id, seats[1].id] } } })).toBe(2);

    const ok = await cms.api.delete(`/content-manager/collection-types/api::seat.seat/${seats[1].documentId}`).set(manager.auth);
    expect(ok.status).toBe(200);
    expect(await cms.strapi.db.query('api::seat.seat').count({ where: { id: seats[1].id } })).toBe(0);
  });

  it('past and cancelled bookings do not block deleting a seat', async () => {
    const { room, seats } = await createRoom(cms, { seats: 1 });
    await seedBooking(seats[0].id, room.id, new Date(Date.now() - 5 * 3600e3));
    await seedBooking(seats[0].id, room.id, new Date(Date.now() + 5 * 3600e3), 1, 'cancelled');
    await cms.strapi.documents('api::seat.seat').delete({ documentId: seats[0].documentId });
    expect(await cms.strapi.db.query('api::seat.seat').count({ where: { id: seats[0].id } })).toBe(0);
  });
});
