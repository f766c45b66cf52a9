import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/** A white card with a title, as on Strapi's own settings pages. */
export function Section({ title, actions, children }: { title?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      {(title || actions) && (
        <Flex justifyContent="space-between" alignItems="center" paddingBottom={4}>
          {title ? <Typography variant="delta" tag="h2">{title}</Typography> : <span />}
          {actions}
        </Flex>
      )}
      {children}
    </Box>
  );
}

export function Figure({ label, value, hint, tone }: { label: string; value: ReactNode; hint?: ReactNode; tone?: 'danger' | 'success' }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} style={{ flex: 1, minWidth: 180 }}>
      <Typography variant="sigma" textColor="neutral600">{label}</Typography>
      <Box paddingTop={2}>
        <Typography variant="beta" textColor={tone === 'danger' ? 'danger600' : tone === 'success' ? 'success600' : 'neutral800'}>{value}</Typography>
      </Box>
      {hint ? (
        <Box paddingTop={1}>
          <Typography variant="pi" textColor="neutral600">{hint}</Typography>
        </Box>
      ) : null}
    </Box>
  );
}
