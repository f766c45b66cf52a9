import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clock } from '../../../../../platform/clock';
import { bookingsRepository } from '../repositories/bookings';
import { roomsRepository } from '../repositories/rooms';

/**
 * A seat with future bookings can never disappear from a layout: deleting it (or its room) is refused
 * at the query layer, so the content manager, bulk deletes and code paths all hit the same rule.
 * The error is Strapi's ApplicationError so the admin panel shows the sentence to staff.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bookings = bookingsRepository(strapi);
  const rooms = roomsRepository(strapi);

  async function refuseIfBooked(seatIds: number[]) {
    const blocked = await bookings.seatsWithFutureBookings(seatIds, clock.now());
    if (blocked.length > 0) {
      throw new errors.ApplicationError(
        `This seat has future bookings and cannot be deleted. Disable it instead (uncheck "enabled"), or move or cancel its bookings first.`,
        { code: 'SEAT_IN_USE', seats: blocked },
      );
    }
  }

  return {
    refuseIfBooked,
    register() {
      strapi.db.lifecycles.subscribe({
        models: ['api::seat.seat'],
        async beforeDelete(event: any) {
          await refuseIfBooked(await rooms.seatIdsWhere(event.params.where));
        },
        async beforeDeleteMany(event: any) {
          await refuseIfBooked(await rooms.seatIdsWhere(event.params.where));
        },
      });
      strapi.db.lifecycles.subscribe({
        models: ['api::room.room'],
        async beforeDelete(event: any) {
          const seatIds = await rooms.seatIdsWhere({ room: event.params.where });
          await refuseIfBooked(seatIds);
        },
      });
    },
  };
};
