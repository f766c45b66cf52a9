import { Box, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { useT } from '../utils/useT';

/** Loading, empty and error states shaped like Strapi's own widgets. */
export function Loading() {
  const { t } = useT();
  return (
    <Flex justifyContent="center" padding={8}>
      <Loader>{t('common.loading')}</Loader>
    </Flex>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <Box padding={4}>
      <EmptyStateLayout icon={<EmptyDocuments width="16rem" />} content={text} />
    </Box>
  );
}

export function Failed({ message }: { message: string }) {
  const { t } = useT();
  return (
    <Flex direction="column" alignItems="center" gap={2} padding={8}>
      <WarningCircle width="3.2rem" height="3.2rem" fill="danger600" />
      <Typography variant="omega" fontWeight="bold">{t('common.error')}</Typography>
      <Typography variant="pi" textColor="neutral600">{message}</Typography>
    </Flex>
  );
}
