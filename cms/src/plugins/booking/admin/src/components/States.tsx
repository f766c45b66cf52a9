import { Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useRefusal, useT } from '../utils/useT';

/** Loading, error and empty states, the way Strapi's own pages show them. */
export const Loading = () => {
  const t = useT();
  return (
    <Flex justifyContent="center" padding={8}>
      <Loader>{t('state.loading')}</Loader>
    </Flex>
  );
};

export const ErrorState = ({ error, onRetry }: { error: Error; onRetry?: () => void }) => {
  const t = useT();
  const refusal = useRefusal();
  return (
    <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
      <Flex direction="column" gap={3} alignItems="center">
        <WarningCircle width="3.2rem" height="3.2rem" fill="danger600" />
        <Typography variant="omega" textColor="danger600">
          {t('state.error')}: {refusal(error)}
        </Typography>
        {onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
};

export const Empty = ({ text }: { text: string }) => <EmptyStateLayout content={text} />;
