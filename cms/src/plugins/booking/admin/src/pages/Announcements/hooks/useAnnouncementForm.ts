import * as React from 'react';
import type { Announcement, AnnouncementInput } from '../../../api/client';
import { blocksToText, textToBlocks } from '../../../utils/blocks';
import { fromLocalInput, toLocalInput } from '../utils';

export interface AnnouncementForm {
  title: string;
  summary: string;
  bodyText: string;
  cover: { id: number; url: string } | null;
  audience: 'all' | 'tag' | 'tier';
  audienceTag: string;
  audienceTier: string;
  publishAt: string;
  expireAt: string;
  pinned: boolean;
}

const EMPTY: AnnouncementForm = { title: '', summary: '', bodyText: '', cover: null, audience: 'all', audienceTag: '', audienceTier: '', publishAt: '', expireAt: '', pinned: false };

export const formOf = (a: Announcement): AnnouncementForm => ({
  title: a.title,
  summary: a.summary ?? '',
  bodyText: blocksToText(a.body),
  cover: a.cover ? { id: a.cover.id, url: a.cover.url } : null,
  audience: a.audience,
  audienceTag: a.audienceTag?.id ?? '',
  audienceTier: a.audienceTier?.id ?? '',
  publishAt: toLocalInput(a.publishAt),
  expireAt: toLocalInput(a.expireAt),
  pinned: a.pinned,
});

export const inputOf = (f: AnnouncementForm): AnnouncementInput => ({
  title: f.title,
  summary: f.summary || null,
  body: textToBlocks(f.bodyText),
  cover: f.cover?.id ?? null,
  audience: f.audience,
  audienceTag: f.audience === 'tag' ? f.audienceTag || null : null,
  audienceTier: f.audience === 'tier' ? f.audienceTier || null : null,
  publishAt: fromLocalInput(f.publishAt),
  expireAt: fromLocalInput(f.expireAt),
  pinned: f.pinned,
});

/** The editor's form state: filled from the loaded announcement, edited field by field. */
export function useAnnouncementForm(loaded: Announcement | null) {
  const [form, setForm] = React.useState<AnnouncementForm>(EMPTY);
  React.useEffect(() => {
    if (loaded) setForm(formOf(loaded));
  }, [loaded]);
  const set = <K extends keyof AnnouncementForm>(key: K, value: AnnouncementForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  return { form, set, setForm };
}
