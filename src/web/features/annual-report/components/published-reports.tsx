import { Anchor, List, Text, Title } from '@mantine/core';
import { formatDate } from '../../../../shared/time.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { publishedAnnualReportPdfUrl, usePublishedAnnualReports } from '../api.ts';
import { useAnnualReportT } from '../i18n.ts';

/** The public page's list of published annual reports: the latest frozen version of each year as PDF. Nothing while none is published. */
export function PublishedAnnualReports() {
  const t = useAnnualReportT();
  const lang = currentLanguage();
  const reports = usePublishedAnnualReports();
  if (!reports.data?.length) return null;
  return (
    <section aria-labelledby="public-annual-reports-heading">
      <Title order={2} fz="xl" mt="xl" mb="sm" id="public-annual-reports-heading">
        {t('published.title')}
      </Title>
      <Text mb="xs">{t('published.intro')}</Text>
      <List>
        {reports.data.map((r) => (
          <List.Item key={r.year}>
            <Anchor href={publishedAnnualReportPdfUrl(r.year)} download>
              {t('published.link', { year: r.year, date: formatDate(r.createdAt, lang) })}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
