import { Box, Flex, Typography } from '@strapi/design-system';

/** A figure with its label (and an optional line under it), as on Strapi's key-statistics widget. */
export const StatTile = ({ label, value, hint, tone = 'neutral800' }: { label: string; value: string | number; hint?: string; tone?: string }) => (
  <Box padding={4} background="neutral0" hasRadius borderColor="neutral150" style={{ minWidth: 0 }}>
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant="beta" tag="p" textColor={tone}>
        {value}
      </Typography>
      {hint ? (
        <Typography variant="pi" textColor="neutral500">
          {hint}
        </Typography>
      ) : null}
    </Flex>
  </Box>
);
