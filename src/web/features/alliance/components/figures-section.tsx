import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../../shared/alliance.schema.ts';
import { AreaFiguresTable } from './area-figures-table.tsx';
import { ExportLinks } from './export-links.tsx';
import { FigureCards } from './figure-cards.tsx';
import { SectionHeading } from './section-heading.tsx';
import type { DrillDown } from './figure-link.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

export type { DrillDown } from './figure-link.tsx';

/** The statewide figures at the date, as cards, with their exports (exports only where signed in). */
export function StatewideFigures({
  figures,
  exportable = true,
  drillDown,
}: {
  figures: Figures;
  exportable?: boolean;
  /** Each number links to the list of what it counts (through the router signed in, in place on the public page). */
  drillDown?: DrillDown;
}) {
  const { t } = useTranslation();
  const title = t('alliance.figures.statewide', { at: formatDate(figures.at, currentLanguage()) });
  return (
    <section aria-labelledby="statewide-heading">
      <SectionHeading
        id="statewide-heading"
        actions={exportable ? <ExportLinks table="statewide" at={figures.at} what={t('alliance.figures.statewideShort')} /> : null}
      >
        {title}
      </SectionHeading>
      <FigureCards
        counts={figures.statewide}
        hrefOf={drillDown ? (key) => drillDown.href(key, figures.at) : undefined}
        link={drillDown?.link}
        follow={drillDown?.follow}
      />
      <Text size="xs" c="dimmed" mt="xs">
        {t('alliance.figures.programmeStart', { date: formatDate(figures.programmeStart, currentLanguage()) })}
      </Text>
    </section>
  );
}

/** The figures per district and per police directorate, each table with its exports. */
export function AreaFigures({
  figures,
  exportable = true,
  drillDown,
}: {
  figures: Figures;
  exportable?: boolean;
  /** Each number links to the list of what it counts in its area (through the router signed in, in place on the public page). */
  drillDown?: DrillDown;
}) {
  const { t } = useTranslation();
  const districts = figures.districts.map((d) => ({ ...d, key: d.ags }));
  const directorates = figures.directorates.map((d) => ({ ...d, key: String(d.id) }));
  return (
    <>
      <section aria-labelledby="districts-heading">
        <SectionHeading
          id="districts-heading"
          actions={exportable ? <ExportLinks table="districts" at={figures.at} what={t('alliance.figures.byDistrict')} /> : null}
        >
          {t('alliance.figures.byDistrict')}
        </SectionHeading>
        <AreaFiguresTable
          caption={t('alliance.figures.byDistrictCaption', { at: formatDate(figures.at, currentLanguage()) })}
          areaLabel={t('alliance.columns.district')}
          rows={districts}
          hrefOf={drillDown ? (key, row) => drillDown.href(key, figures.at, { district: row.key }) : undefined}
          link={drillDown?.link}
          follow={drillDown?.follow}
        />
      </section>
      <section aria-labelledby="directorates-heading">
        <SectionHeading
          id="directorates-heading"
          actions={exportable ? <ExportLinks table="directorates" at={figures.at} what={t('alliance.figures.byDirectorate')} /> : null}
        >
          {t('alliance.figures.byDirectorate')}
        </SectionHeading>
        <AreaFiguresTable
          caption={t('alliance.figures.byDirectorateCaption', { at: formatDate(figures.at, currentLanguage()) })}
          areaLabel={t('alliance.columns.directorate')}
          rows={directorates}
          hrefOf={drillDown ? (key, row) => drillDown.href(key, figures.at, { directorateId: Number(row.key) }) : undefined}
          link={drillDown?.link}
          follow={drillDown?.follow}
        />
      </section>
    </>
  );
}
