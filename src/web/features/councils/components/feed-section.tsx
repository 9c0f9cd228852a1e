import { Button, Code, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Council } from '../../../../shared/councils.schema.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { type FeedToken, useRotateFeed } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';
import { Confirmation, useSubmission } from '../../../ui/form-support.tsx';
import { formatDate } from '../../../../shared/time.ts';

/** The subscribable calendar feed: a secret address, shown once when created or renewed (with confirmation). */
export function FeedSection({ council }: { council: Council }) {
  const t = useCouncilsT();
  const { i18n } = useTranslation();
  const rotate = useRotateFeed(council.id);
  const [asking, setAsking] = useState(false);
  const [token, setToken] = useState<FeedToken | null>(null);
  const sub = useSubmission();
  const url = token ? `${window.location.origin}${token.path}` : null;

  async function confirm() {
    setAsking(false);
    await sub.run(async () => setToken(await rotate.mutateAsync(council.version)), t('feed.created'));
  }

  return (
    <section aria-labelledby="feed-heading">
      <Title order={2} fz="xl" id="feed-heading" mt="lg" mb="sm">
        {t('feed.title')}
      </Title>
      <Text mb="sm">{t('feed.intro')}</Text>
      <Text mb="sm">
        {council.feedActive && council.feedRotatedAt
          ? t('feed.active', { date: formatDate(council.feedRotatedAt.slice(0, 10), i18n.language) })
          : t('feed.inactive')}
      </Text>
      <Confirmation text={sub.done} />
      {sub.report ? (
        <Text c="red.9" role="alert">
          {sub.report.detail ?? sub.report.title}
        </Text>
      ) : null}
      {url ? (
        <>
          <TextInput
            label={t('feed.urlLabel')}
            description={t('feed.urlHint')}
            value={url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            mb="sm"
          />
          <Text size="sm" mb="sm">
            {t('feed.onceHint')} <Code>{token!.rotatedAt.slice(0, 16).replace('T', ' ')} UTC</Code>
          </Text>
        </>
      ) : null}
      {council.canEdit ? (
        <Button variant="default" onClick={() => setAsking(true)} loading={rotate.isPending}>
          {council.feedActive ? t('feed.rotate') : t('feed.create')}
        </Button>
      ) : null}
      <ConfirmDialog
        opened={asking}
        title={council.feedActive ? t('feed.confirmTitle') : t('feed.create')}
        message={council.feedActive ? t('feed.confirmMessage') : t('feed.createMessage')}
        confirmLabel={council.feedActive ? t('feed.confirm') : t('feed.create')}
        danger={council.feedActive}
        onConfirm={confirm}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
