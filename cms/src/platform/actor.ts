/** Who made a change: a member, a staff member (admin user id), or the system (a job, a notification). */
export interface Actor {
  type: 'member' | 'staff' | 'system';
  id?: number | null;
}

export const SYSTEM: Actor = { type: 'system' };
