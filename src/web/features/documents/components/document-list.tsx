import { Anchor, Button, Group, List, Text } from '@mantine/core';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StoredDocument } from '../../../../shared/documents.schema.ts';
import { describeError } from '../../../lib/api-client.ts';
import { documentContentUrl, useDeleteDocument } from '../api.ts';

/**
 * The documents of a record: each a download link with its size (or the owner's own description),
 * and, where the user may change the record, a button to remove it; a refused removal is said
 * below the list.
 */
export function DocumentList({
  documents,
  empty,
  meta,
  removeLabel,
  refresh = [],
}: {
  documents: readonly StoredDocument[];
  /** Shown when there is no document. */
  empty: string;
  /** What is said after the name (default: the size in KB). */
  meta?: (d: StoredDocument) => string;
  /** The accessible name of the remove button; without it the list offers no removal. */
  removeLabel?: (fileName: string) => string;
  /** Query keys of the owner's record, refreshed after a removal. */
  refresh?: QueryKey[];
}) {
  const { t } = useTranslation();
  const remove = useDeleteDocument(refresh);
  const failure = remove.isError ? describeError(remove.error) : null;
  const failed = failure ? (
    <Text size="sm" c="red.9" role="alert">
      {t('documents.removeFailed', { name: documents.find((d) => d.id === remove.variables)?.fileName ?? '' })}{' '}
      {failure.detail ?? failure.title}
    </Text>
  ) : null;
  if (!documents.length)
    return (
      <>
        <Text size="sm">{empty}</Text>
        {failed}
      </>
    );
  return (
    <>
      <List size="sm" spacing={4}>
        {documents.map((d) => (
          <List.Item key={d.id}>
            <Group gap="xs">
              <Anchor href={documentContentUrl(d.id)} download={d.fileName} size="sm">
                {d.fileName}
              </Anchor>
              <Text size="sm" c="dimmed">
                {meta ? meta(d) : `(${Math.max(1, Math.ceil(d.size / 1024))} KB)`}
              </Text>
              {removeLabel ? (
                <Button
                  variant="subtle"
                  color="#c92a2a"
                  size="compact-xs"
                  loading={remove.isPending && remove.variables === d.id}
                  onClick={() => remove.mutate(d.id)}
                >
                  {removeLabel(d.fileName)}
                </Button>
              ) : null}
            </Group>
          </List.Item>
        ))}
      </List>
      {failed}
    </>
  );
}
