/** The wallet ledger by type, newest first, with totals by type (stats). */
import { wallet } from '../../../services/api';
import { LEDGER_TYPES, ledgerLine, ledgerTypeName } from '../../../utils/ledger-view';
import { formatFen } from '../../../utils/money';
import { loadPage } from '../../../utils/page';
import { loadedPage } from '../../../behaviors/loaded-page';

Component({
  behaviors: [loadedPage],
  data: {
    state: 'loading',
    error: '',
    errorCode: '',
    types: LEDGER_TYPES,
    type: '',
    rows: [] as ReturnType<typeof ledgerLine>[],
    sums: [] as Array<{ name: string; value: string }>,
    inText: '',
    outText: '',
    page: 1,
    more: false,
  },
  methods: {
    onReachBottom() {
      if (this.data.more) this.load(false, this.data.page + 1);
    },
    onType(e: WechatMiniprogram.TouchEvent) {
      this.setData({ type: e.currentTarget.dataset.key, state: 'loading' });
      this.load();
    },
    // `refresh` (pull-down, retry) always starts again from page 1.
    load(_refresh = false, page = 1) {
      return loadPage(
        this,
        async () => {
          const [list, stats] = await Promise.all([wallet.transactions({ type: this.data.type || undefined, page, pageSize: 25 }), wallet.stats()]);
          const rows = [...(page === 1 ? [] : this.data.rows), ...list.data.map(ledgerLine)];
          const p = list.meta.pagination;
          return {
            rows,
            page,
            more: !!p && p.page < p.pageCount,
            inText: formatFen(stats.data.in_fen),
            outText: formatFen(Math.abs(stats.data.out_fen)),
            sums: stats.data.byType.map((t) => ({ name: ledgerTypeName(t.type), value: formatFen(t.total_fen) })),
          };
        },
        (d) => !(d.rows as unknown[]).length,
      );
    },
  },
});
