import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Callout } from '../../../ui/callout.tsx';

/** Shows a one-time password exactly once, with a copy button and a warning; closing forgets it. */
export function OneTimePasswordDialog(props: { opened: boolean; email: string; password: string; title: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      centered
      size="lg"
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text>{t('users.otp.intro', { email: props.email })}</Text>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            label={t('users.otp.label')}
            value={props.password}
            readOnly
            ff="monospace"
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={props.password}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'filled' : 'default'} onClick={copy} aria-live="polite">
                {copied ? t('users.otp.copied') : t('users.otp.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Callout tone="warning" title={t('users.otp.warningTitle')} mb="0">
          {t('users.otp.warning')}
        </Callout>
        <Group justify="flex-end">
          <Button onClick={props.onClose}>{t('users.otp.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
