import { Anchor, Box, Button, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { locationGeometrySchema, type Partner, type Project, type ProjectLocation } from '../../../../shared/projects.schema.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { formatNumber } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useUpdateProject } from '../api.ts';
import { DocumentList, DocumentUpload } from '../../documents/index.ts';
import { useFundingT } from '../i18n.ts';
import { SavedStatus, Section } from './common.tsx';
import { inputReport } from '../../../ui/form-support.tsx';

/** Partner organisations (names and roles). */
export function PartnersSection({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const t = useFundingT();
  const update = useUpdateProject();
  const [rows, setRows] = useState<Partner[]>(project.partners);
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    try {
      await update.mutateAsync({ id: project.id, body: { version: project.version, partners: rows.filter((r) => r.name.trim()) } });
      setReport(null);
      setSaved(t('common.saved'));
    } catch (err) {
      setReport(describeError(err, { byPath: true }));
    }
  }
  return (
    <Section id="partners" title={t('partners.title')}>
      <ErrorSummary report={report} fields={{}} />
      <form onSubmit={submit} noValidate aria-label={t('partners.title')}>
        <Stack gap="sm">
          {rows.length === 0 ? <Text size="sm">{t('partners.none')}</Text> : null}
          {rows.map((r, i) => (
            <Group key={i} gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                label={t('partners.name', { n: i + 1 })}
                value={r.name}
                readOnly={readOnly}
                miw={260}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setRows(rows.map((x, j) => (j === i ? { ...x, name } : x)));
                }}
              />
              <TextInput
                label={t('partners.role', { n: i + 1 })}
                value={r.role}
                readOnly={readOnly}
                miw={200}
                onChange={(e) => {
                  const role = e.currentTarget.value;
                  setRows(rows.map((x, j) => (j === i ? { ...x, role } : x)));
                }}
              />
              {readOnly ? null : (
                <Button variant="subtle" color="#c92a2a" size="compact-sm" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  {t('partners.remove', { n: i + 1 })}
                </Button>
              )}
            </Group>
          ))}
          {readOnly ? null : (
            <Group>
              <Button variant="default" size="xs" onClick={() => setRows([...rows, { name: '', role: '' }])}>
                {t('partners.add')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('partners.save')}
              </Button>
              <SavedStatus message={saved} />
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}

interface LocationRow {
  label: string;
  kind: 'point' | 'area';
  lat: string;
  lon: string;
  geojson: string;
}

function toRow(l: ProjectLocation): LocationRow {
  return l.geometry.type === 'Point'
    ? { label: l.label, kind: 'point', lon: String(l.geometry.coordinates[0]), lat: String(l.geometry.coordinates[1]), geojson: '' }
    : { label: l.label, kind: 'area', lat: '', lon: '', geojson: JSON.stringify(l.geometry) };
}

function toLocation(r: LocationRow): ProjectLocation | string {
  if (r.kind === 'point') {
    const lat = Number(r.lat.replace(',', '.'));
    const lon = Number(r.lon.replace(',', '.'));
    if (!r.lat.trim() || !r.lon.trim() || !Number.isFinite(lat) || !Number.isFinite(lon)) return 'coordinates';
    return { label: r.label.trim(), geometry: { type: 'Point', coordinates: [lon, lat] } };
  }
  try {
    const g = locationGeometrySchema.safeParse(JSON.parse(r.geojson));
    return g.success ? { label: r.label.trim(), geometry: g.data } : 'geojson';
  } catch {
    return 'geojson';
  }
}

/** Locations as points (latitude/longitude) or areas (GeoJSON polygon), checked before saving. */
export function LocationsSection({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const t = useFundingT();
  const update = useUpdateProject();
  const [rows, setRows] = useState<LocationRow[]>(project.locations.map(toRow));
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (i: number, patch: Partial<LocationRow>) => setRows(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const errors: Record<string, string> = {};
    const locations: ProjectLocation[] = [];
    rows.forEach((r, i) => {
      const l = toLocation(r);
      if (!r.label.trim()) errors[`label-${i}`] = t('locations.labelMissing', { n: i + 1 });
      if (typeof l === 'string')
        errors[`geo-${i}`] = t(l === 'coordinates' ? 'locations.coordinatesInvalid' : 'locations.geojsonInvalid', { n: i + 1 });
      else locations.push(l);
    });
    if (Object.keys(errors).length) {
      setReport(inputReport(errors));
      return;
    }
    try {
      await update.mutateAsync({ id: project.id, body: { version: project.version, locations } });
      setReport(null);
      setSaved(t('common.saved'));
    } catch (err) {
      setReport(describeError(err, { byPath: true }));
    }
  }

  return (
    <Section id="locations" title={t('locations.title')}>
      <Text size="sm" mb="sm">
        {t('locations.intro')}
      </Text>
      <ErrorSummary report={report} fields={{}} />
      <form onSubmit={submit} noValidate aria-label={t('locations.title')}>
        <Stack gap="sm">
          {rows.map((r, i) => (
            <Stack key={i} gap={6}>
              <Group gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('locations.label', { n: i + 1 })}
                  value={r.label}
                  readOnly={readOnly}
                  miw={220}
                  onChange={(e) => set(i, { label: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('locations.kind', { n: i + 1 })}
                  value={r.kind}
                  disabled={readOnly}
                  w={160}
                  data={[
                    { value: 'point', label: t('locations.point') },
                    { value: 'area', label: t('locations.area') },
                  ]}
                  onChange={(e) => set(i, { kind: e.currentTarget.value as LocationRow['kind'] })}
                />
                {r.kind === 'point' ? (
                  <>
                    <TextInput
                      label={t('locations.lat', { n: i + 1 })}
                      value={r.lat}
                      readOnly={readOnly}
                      w={150}
                      inputMode="decimal"
                      onChange={(e) => set(i, { lat: e.currentTarget.value })}
                    />
                    <TextInput
                      label={t('locations.lon', { n: i + 1 })}
                      value={r.lon}
                      readOnly={readOnly}
                      w={150}
                      inputMode="decimal"
                      onChange={(e) => set(i, { lon: e.currentTarget.value })}
                    />
                  </>
                ) : null}
                {readOnly ? null : (
                  <Button variant="subtle" color="#c92a2a" size="compact-sm" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    {t('locations.remove', { n: i + 1 })}
                  </Button>
                )}
              </Group>
              {r.kind === 'area' ? (
                <Textarea
                  label={t('locations.geojson', { n: i + 1 })}
                  description={t('locations.geojsonHint')}
                  value={r.geojson}
                  readOnly={readOnly}
                  autosize
                  minRows={2}
                  maxRows={8}
                  onChange={(e) => set(i, { geojson: e.currentTarget.value })}
                />
              ) : null}
            </Stack>
          ))}
          {readOnly ? null : (
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() => setRows([...rows, { label: '', kind: 'point', lat: '', lon: '', geojson: '' }])}
              >
                {t('locations.add')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('locations.save')}
              </Button>
              <SavedStatus message={saved} />
            </Group>
          )}
        </Stack>
      </form>
      {project.locations.length ? (
        <TableFrame label={t('locations.tableLabel')} minWidth={480}>
          <Table>
            <caption className="visually-hidden">{t('locations.tableLabel')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('locations.labelColumn')}</Table.Th>
                <Table.Th scope="col">{t('locations.where')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {project.locations.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{l.label}</Table.Td>
                  <Table.Td>
                    {l.geometry.type === 'Point' ? (
                      <Anchor
                        href={`https://www.openstreetmap.org/?mlat=${l.geometry.coordinates[1]}&mlon=${l.geometry.coordinates[0]}#map=17/${l.geometry.coordinates[1]}/${l.geometry.coordinates[0]}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {t('locations.coordinates', {
                          lat: formatNumber(l.geometry.coordinates[1], 5),
                          lon: formatNumber(l.geometry.coordinates[0], 5),
                        })}
                      </Anchor>
                    ) : (
                      t('locations.areaParts', { n: l.geometry.type === 'Polygon' ? 1 : l.geometry.coordinates.length })
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      ) : null}
    </Section>
  );
}

/** The project's documents: download, remove, and the upload (checked by the server for type and size). */
export function DocumentsSection({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const t = useFundingT();
  const refresh = [['funding', 'project', project.id]];
  return (
    <Section id="documents" title={t('documents.title')}>
      <Box mb="sm">
        <DocumentList
          documents={project.documents}
          empty={t('documents.none')}
          refresh={refresh}
          meta={(d) => `(${Math.ceil(d.size / 1024)} KB${d.kind === 'proof' ? `, ${t('documents.proof')}` : ''})`}
          removeLabel={readOnly ? undefined : (name) => t('documents.remove', { name })}
        />
      </Box>
      {readOnly ? null : (
        <DocumentUpload
          ownerType="funding_project"
          ownerId={project.id}
          id="project-document"
          label={t('documents.file')}
          refresh={refresh}
        />
      )}
    </Section>
  );
}
