import type { TagRecord } from '../../../api/client';
import { yuan } from '../../../utils/format';

type T = (key: any, values?: Record<string, string | number>) => string;

/** "近 30 天消费满 ¥300.00" / "近 30 天爽约 ≥ 3 次". */
export function describeRule(x: Pick<TagRecord, 'rule' | 'threshold' | 'days'>, t: T): string {
  if (x.rule === 'spend_above') return t('tags.rule.spend', { days: x.days ?? 0, amount: yuan(x.threshold ?? 0) });
  if (x.rule === 'no_shows') return t('tags.rule.noShows', { days: x.days ?? 0, n: x.threshold ?? 0 });
  return t('tags.rule.none');
}
