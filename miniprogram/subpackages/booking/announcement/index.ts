/** One announcement, in full. */
import { content } from '../../../services/api';
import type { Announcement } from '../../../services/types';
import { mediaUrl } from '../../../utils/media';
import { loadPage } from '../../../utils/page';
import { paragraphs, type Paragraph } from '../../../utils/rich-text';
import { formatDateTime } from '../../../utils/time';
import { loadedPage } from '../../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: { state: 'loading', error: '', errorCode: '', id: '', item: null as null | Announcement, published: '', blocks: [] as Paragraph[], cover: '' },
  methods: {
    onLoad(query: Record<string, string>) {
      this.setData({ id: query.id });
      this.load();
    },
    load() {
      return loadPage(this, async () => {
        const a = (await content.announcement(this.data.id)).data;
        return {
          item: a,
          published: a.publishAt ? formatDateTime(a.publishAt) : '',
          blocks: paragraphs(a.body),
          cover: mediaUrl(a.cover),
        };
      });
    },
  },
});
