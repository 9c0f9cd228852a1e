import { Alert, Anchor, List, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorReport } from '../lib/api-client.ts';

export interface FieldRef {
  /** The id of the input, for the link that moves focus to it. */
  id: string;
  label: string;
}

let reportCount = 0;

/**
 * The error summary of a form: an alert that screen readers announce, naming each field error
 * with a link to its field (GOV.UK pattern). Field errors are shown next to the fields as well.
 * Every new report mounts a new alert, so a repeated error is announced again.
 */
export function ErrorSummary({ report, fields }: { report: ErrorReport | null; fields: Record<string, FieldRef> }) {
  const { t } = useTranslation();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- each new report object mounts a new, announced alert
  const key = useMemo(() => ++reportCount, [report]);
  if (!report) return null;
  const entries = Object.entries(report.fields);
  return (
    <Alert key={key} color="red.9" variant="outline" title={report.title} mb="md">
      {report.detail && entries.length === 0 ? <Text size="sm">{report.detail}</Text> : null}
      {entries.length > 0 ? (
        <List size="sm" spacing={2}>
          {entries.map(([name, message]) => {
            const field = fields[name];
            return (
              <List.Item key={name}>
                {field ? (
                  <Anchor
                    href={`#${field.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(field.id)?.focus();
                    }}
                  >
                    {field.label}: {message}
                  </Anchor>
                ) : (
                  `${t('errors.field')} ${name}: ${message}`
                )}
              </List.Item>
            );
          })}
        </List>
      ) : null}
    </Alert>
  );
}
