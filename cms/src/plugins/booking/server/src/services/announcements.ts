import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { invalidFields, type FieldProblem } from '../../../../../platform/validation';
import { inTransaction } from '../../../../../platform/transaction';
import { announcementState, isDueForPublishing, isDueForRetiring, scheduleProblems, type AnnouncementState } from '../domain/announcement-schedule';
import { announcementsRepository, type AnnouncementDraft, type AnnouncementRecord } from '../repositories/announcements';
import { pagination } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An announcement as the back office shows it: the draft's content and its state by the clock. */
export const presentAnnouncement = (a: AnnouncementRecord, now: Date) => ({
  id: a.documentId,
  title: a.title,
  summary: a.summary,
  body: a.body,
  cover: a.cover,
  audience: a.audience,
  audienceTag: a.audienceTag ? { id: a.audienceTag.documentId, name: a.audienceTag.name } : null,
  audienceTier: a.audienceTier ? { id: a.audienceTier.documentId, name: a.audienceTier.name } : null,
  publishAt: iso(a.publishAt),
  expireAt: iso(a.expireAt),
  pinned: a.pinned,
  state: announcementState(a, now),
  published: a.published,
  modified: a.modified,
  updatedAt: iso(a.updatedAt),
});
export type PresentedAnnouncement = ReturnType<typeof presentAnnouncement>;

/**
 * The content editor's use cases: write (always the draft), schedule (the job publishes at publish-at),
 * publish now, take down, delete; and the schedule job itself.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = announcementsRepository(strapi);

  async function load(id: string) {
    const a = await repo.find(id);
    if (!a) throw fail('NOT_FOUND', 'This announcement does not exist (it may have been deleted).', { announcement: id });
    return a;
  }

  const detailOf = async (id: string) => presentAnnouncement(await load(id), clock.now());

  function refuse(problems: ReturnType<typeof scheduleProblems>) {
    if (!problems.length) return;
    throw invalidFields(problems);
  }

  async function checkReferences(d: Partial<AnnouncementDraft>) {
    const problems: FieldProblem[] = [];
    if (d.audience === 'tag' && !d.audienceTag) problems.push({ path: ['audienceTag'], field: 'audienceTag', message: 'Choose the tag whose members should read it.' });
    if (d.audience === 'tier' && !d.audienceTier) problems.push({ path: ['audienceTier'], field: 'audienceTier', message: 'Choose the membership tier whose members should read it.' });
    if (d.audienceTag && !(await repo.tagExists(d.audienceTag))) problems.push({ path: ['audienceTag'], field: 'audienceTag', message: 'That tag does not exist.' });
    if (d.audienceTier && !(await repo.tierExists(d.audienceTier))) problems.push({ path: ['audienceTier'], field: 'audienceTier', message: 'That membership tier does not exist.' });
    if (d.cover && !(await repo.fileExists(d.cover))) problems.push({ path: ['cover'], field: 'cover', message: 'That cover image is not in the media library.' });
    if (problems.length) throw invalidFields(problems);
  }

  /** Only the chosen audience's reference is kept, so a tier announcement never also carries a stale tag. */
  const normalise = (d: AnnouncementDraft): AnnouncementDraft => ({
    ...d,
    audienceTag: d.audience === 'tag' ? d.audienceTag : null,
    audienceTier: d.audience === 'tier' ? d.audienceTier : null,
  });

  const service = {
    async list(q: { state?: AnnouncementState; page: number; pageSize: number }) {
      const now = clock.now();
      const all = (await repo.listAll()).map((a) => presentAnnouncement(a, now));
      const counts = { draft: 0, scheduled: 0, live: 0, expired: 0 } as Record<AnnouncementState, number>;
      for (const a of all) counts[a.state] += 1;
      const rows = q.state ? all.filter((a) => a.state === q.state) : all;
      // Pinned live ones first, then by the time members see them (or last edit for drafts).
      const key = (a: PresentedAnnouncement) => a.publishAt ?? a.updatedAt ?? '';
      rows.sort((x, y) => Number(y.pinned && y.state === 'live') - Number(x.pinned && x.state === 'live') || key(y).localeCompare(key(x)));
      const start = (q.page - 1) * q.pageSize;
      return reply(rows.slice(start, start + q.pageSize), { pagination: pagination(q, rows.length), counts });
    },

    detail: async (id: string) => reply(await detailOf(id)),

    audiences: async () => reply(await repo.audiences()),

    async create(draft: AnnouncementDraft) {
      const d = normalise(draft);
      await checkReferences(d);
      refuse(scheduleProblems('save', d.publishAt, d.expireAt, clock.now()));
      const id = await inTransaction(strapi, () => repo.create(d));
      return detailOf(id);
    },

    /** The editor's "new": 201 with the saved draft (`create` gives the announcement itself to seeds and checks). */
    createDraft: async (draft: AnnouncementDraft) => reply(await service.create(draft), {}, { status: 201 }),

    /** Saves the draft; a scheduled one stays scheduled only while its publish-at is still ahead. */
    async update(id: string, draft: AnnouncementDraft) {
      const current = await load(id);
      const d = normalise(draft);
      await checkReferences(d);
      const now = clock.now();
      refuse(scheduleProblems('save', d.publishAt, d.expireAt, now));
      const stillScheduled = current.scheduled && !!d.publishAt && d.publishAt.getTime() > now.getTime();
      await inTransaction(strapi, () => repo.update(id, { ...d, scheduled: stillScheduled }));
      return service.detail(id);
    },

    /** Marks the draft for the job to publish at its publish-at. A live announcement keeps showing until then. */
    async schedule(id: string) {
      const a = await load(id);
      refuse(scheduleProblems('schedule', a.publishAt, a.expireAt, clock.now()));
      await inTransaction(strapi, () => repo.update(id, { scheduled: true }));
      return service.detail(id);
    },

    /** Publishes the draft now; a publish-at still ahead is brought to now so members see it at once. */
    async publishNow(id: string) {
      const a = await load(id);
      const now = clock.now();
      refuse(scheduleProblems('publish', a.publishAt, a.expireAt, now));
      await inTransaction(strapi, async () => {
        await repo.update(id, { scheduled: false, ...(a.publishAt && a.publishAt > now ? { publishAt: now } : {}) });
        await repo.publish(id);
      });
      return service.detail(id);
    },

    /** Takes it off the members' list (and off the schedule); the draft stays for later. */
    async unpublish(id: string) {
      const a = await load(id);
      if (!a.published && !a.scheduled) throw fail('INVALID_STATE', 'This announcement is neither published nor scheduled.', { announcement: id });
      await inTransaction(strapi, async () => {
        if (a.scheduled) await repo.update(id, { scheduled: false });
        if (a.published) await repo.unpublish(id);
      });
      return service.detail(id);
    },

    async remove(id: string) {
      await load(id);
      await inTransaction(strapi, () => repo.remove(id));
      return reply({ id, deleted: true });
    },

    /**
     * The schedule job: publishes every scheduled draft whose publish-at has come and retires every
     * published one past its expire-at. It works from the clock, not from the tick, so the first run after
     * downtime does the whole backlog; one that both came and went while down is just left unpublished.
     */
    async applySchedule() {
      const now = clock.now();
      const published: string[] = [];
      const retired: string[] = [];
      for (const a of await repo.scheduleCandidates()) {
        if (isDueForPublishing(a, now)) {
          await inTransaction(strapi, async () => {
            await repo.update(a.documentId, { scheduled: false });
            await repo.publish(a.documentId);
          });
          published.push(a.documentId);
        } else if (isDueForRetiring(a, now)) {
          await inTransaction(strapi, () => repo.unpublish(a.documentId));
          retired.push(a.documentId);
        } else if (!a.published && a.scheduled && a.expireAt && a.expireAt <= now) {
          await inTransaction(strapi, () => repo.update(a.documentId, { scheduled: false }));
          retired.push(a.documentId);
        }
      }
      return { published: published.length, retired: retired.length };
    },
  };
  return service;
};
