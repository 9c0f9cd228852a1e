import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BoundariesReport, DirectoratesReport, Gv100adReport } from '../../../../shared/territory-import.schema.ts';
import { formatNumber } from '../../../lib/format.ts';
import type { ImportReport } from '../api.ts';
import { AttributionNote } from './attribution-note.tsx';
import { ChangeList, CountList, ReportState, WarningList } from './report-parts.tsx';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDate } from '../../../../shared/time.ts';

function Gv100ad({ r }: { r: Gv100adReport }) {
  const { t } = useTranslation();
  const c = r.counts;
  const m = r.municipalities;
  return (
    <>
      <Text size="sm" mb="sm">
        {t('imports.report.gv100adSource', {
          source: r.source,
          date: formatDate(r.statusDate, currentLanguage()),
          encoding: r.encoding,
          state: r.state ?? t('imports.report.allStates'),
          municipalities: formatNumber(r.records.municipalities),
        })}
      </Text>
      <CountList
        items={[
          [t('imports.report.added'), c.added],
          [t('imports.report.renamed'), c.renamed],
          [t('imports.report.updated'), c.updated],
          [t('imports.report.merged'), c.merged],
          [t('imports.report.removed'), c.removed],
          [t('imports.report.unchanged'), c.unchanged],
        ]}
      />
      <ChangeList
        title={t('imports.report.added')}
        items={m.added}
        total={c.added}
        render={(x) => `${x.ags} ${x.name}${x.reactivated ? ` (${t('imports.report.reactivated')})` : ''}`}
      />
      <ChangeList title={t('imports.report.renamed')} items={m.renamed} total={c.renamed} render={(x) => `${x.ags}: ${x.from} → ${x.to}`} />
      <ChangeList
        title={t('imports.report.updated')}
        items={m.updated}
        total={c.updated}
        render={(x) => `${x.ags} ${x.name}: ${x.fields.join(', ')}`}
      />
      <ChangeList
        title={t('imports.report.merged')}
        items={m.merged}
        total={c.merged}
        render={(x) => `${x.ags} ${x.name} → ${x.into.join(', ') || '–'}`}
      />
      <ChangeList title={t('imports.report.removed')} items={m.removed} total={c.removed} render={(x) => `${x.ags} ${x.name}`} />
      <Text size="sm" mt="sm">
        {t('imports.report.districts', { added: r.districts.added, updated: r.districts.updated, deactivated: r.districts.deactivated })}
      </Text>
      <Text size="sm">
        {t('imports.report.associations', {
          added: r.associations.added,
          updated: r.associations.updated,
          deactivated: r.associations.deactivated,
        })}
      </Text>
      {r.records.skippedWithoutDistrict > 0 ? (
        <Text size="sm">{t('imports.report.skipped', { count: r.records.skippedWithoutDistrict })}</Text>
      ) : null}
      {r.truncated ? (
        <Text size="sm" mt="xs">
          {t('imports.report.truncated')}
        </Text>
      ) : null}
      <AttributionNote notes={r.attribution} />
    </>
  );
}

function Directorates({ r }: { r: DirectoratesReport }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" mb="sm">
        {t('imports.report.directoratesSource', { source: r.source, count: r.directorates.length })}
      </Text>
      <CountList
        items={[
          [t('imports.report.added'), r.added.length],
          [t('imports.report.renamed'), r.renamed.length],
          [t('imports.report.updated'), r.updated.length],
          [t('imports.report.unlisted'), r.unlisted.length],
        ]}
      />
      <ChangeList
        title={t('imports.report.directorates')}
        items={r.directorates}
        render={(d) => `${d.name}: ${d.districts.map((x) => x.name).join(', ') || '–'}`}
      />
      <ChangeList title={t('imports.report.added')} items={r.added} render={(x) => x} />
      <ChangeList title={t('imports.report.renamed')} items={r.renamed} render={(x) => `${x.from} → ${x.to}`} />
      <ChangeList
        title={t('imports.report.updated')}
        items={r.updated}
        render={(x) => `${x.name}: +${x.districtsAdded.join(', ') || '–'} / −${x.districtsRemoved.join(', ') || '–'}`}
      />
      <WarningList title={t('imports.report.unlistedWarning')} items={r.unlisted} render={(x) => x.name} />
      <WarningList title={t('imports.report.uncoveredWarning')} items={r.uncoveredDistricts} render={(x) => `${x.ags} ${x.name}`} />
    </>
  );
}

function Boundaries({ r }: { r: BoundariesReport }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" mb="sm">
        {t('imports.report.boundariesSource', {
          source: r.source,
          level: t(`imports.levels.${r.level}`),
          features: formatNumber(r.features),
          matched: formatNumber(r.matched),
        })}
      </Text>
      <CountList
        items={[
          [t('imports.report.added'), r.added],
          [t('imports.report.updated'), r.updated],
          [t('imports.report.removedShapes'), r.removed],
          [t('imports.report.matched'), r.matched],
        ]}
      />
      <Text size="sm">
        {t('imports.report.payload', {
          bytes: formatNumber(Math.round(r.payloadBytes / 1024)),
          gzip: formatNumber(Math.round(r.payloadGzipBytes / 1024)),
          outlines: t(`imports.outlines.${r.districtOutlines}`),
        })}
      </Text>
      <WarningList title={t('imports.report.missingBoundaries')} items={r.missingBoundaries} render={(x) => `${x.ags} ${x.name}`} />
      <WarningList title={t('imports.report.unmatchedBoundaries')} items={r.unmatchedBoundaries} render={(x) => `${x.ags} ${x.name}`} />
    </>
  );
}

/** The change report of an import or of its preview. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-report-heading">
      <Title order={2} fz="xl" mb="sm" id="import-report-heading">
        {report.dryRun ? t('imports.report.previewHeading') : t('imports.report.resultHeading')}
      </Title>
      <ReportState dryRun={report.dryRun} changed={report.changed} />
      {report.kind === 'gv100ad' ? (
        <Gv100ad r={report} />
      ) : report.kind === 'directorates' ? (
        <Directorates r={report} />
      ) : (
        <Boundaries r={report} />
      )}
    </section>
  );
}
