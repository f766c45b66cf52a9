import { Button, Flex, Typography } from '@strapi/design-system';
import { useT } from '../utils/useT';

/** Previous / next over a paged admin route, with "page x of y, n in all". */
export function Pager({ page, pageCount, total, onPage }: { page: number; pageCount: number; total: number; onPage: (page: number) => void }) {
  const { t } = useT();
  if (total === 0) return null;
  return (
    <Flex justifyContent="space-between" paddingTop={4}>
      <Typography variant="pi" textColor="neutral600">{t('common.pageOf', { page, pageCount: Math.max(pageCount, 1), total })}</Typography>
      <Flex gap={2}>
        <Button variant="tertiary" size="S" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('common.previous')}</Button>
        <Button variant="tertiary" size="S" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>{t('common.next')}</Button>
      </Flex>
    </Flex>
  );
}
