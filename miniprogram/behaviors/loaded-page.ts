/**
 * What every page that loads from the CMS does alike: it starts in the loading state, loads on open, reloads
 * on pull-down, and the page-state component's "retry" shows the spinner again and reloads. A page only
 * defines `load(force?)` (and its own onLoad when it reads the query first).
 */
type Loads = { load(force?: boolean): unknown; setData(data: Record<string, unknown>): void };

export const loadedPage = Behavior({
  data: { state: 'loading', error: '', errorCode: '' },
  methods: {
    onLoad() {
      (this as unknown as Loads).load();
    },
    onPullDownRefresh() {
      (this as unknown as Loads).load(true);
    },
    onRetry() {
      const page = this as unknown as Loads;
      page.setData({ state: 'loading' });
      page.load(true);
    },
  },
});
