import { Alert, Anchor, Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SurveyMargins } from '../../../../shared/survey-results.schema.ts';
import { ApiError, describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { formatNumber } from '../../../lib/format.ts';
import { Callout } from '../../../ui/callout.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { RESULTS_PATHS, useSaveMargins, useSurveyMargins } from '../api.ts';
import { useSurveyResultsT } from '../i18n.ts';

type Values = Record<string, number | ''>;

/** The margins this form edits; any other stored margin (e.g. sex × area, set through the API) is kept as it is. */
const EDITED = ['age_sex', 'sex', 'area', 'age'];

function valuesOf(m: SurveyMargins) {
  const age = m.margins.find((x) => x.dimension === 'age')?.cells ?? [];
  return {
    ageSex: Object.fromEntries(m.ageSex.map((e) => [`${e.ageGroup}:${e.sex}`, e.population])) as Values,
    age: Object.fromEntries(age.map((c) => [c.codes[0] ?? '', c.population])) as Values,
    sex: Object.fromEntries(m.sex.map((e) => [e.sex, e.population])) as Values,
    areas: Object.fromEntries(m.areas.map((e) => [e.area, e.population])) as Values,
  };
}

const filled = (v: Values) => Object.entries(v).filter(([, x]) => x !== '' && x !== undefined) as Array<[string, number]>;
const total = (v: Values) => filled(v).reduce((s, [, x]) => s + x, 0);

/**
 * One margin of the form: a heading and a population field per category (labelled with it), any
 * further control given as children beside them, and `empty` when there is no category.
 */
function MarginBlock(props: {
  headingId: string;
  title: string;
  categories: { code: string; label: string }[];
  values: Values;
  width: number;
  empty?: string;
  onChange(code: string, value: string | number): void;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={props.headingId}>
      <Title order={2} fz="lg" id={props.headingId} mb="xs">
        {props.title}
      </Title>
      {props.empty !== undefined && props.categories.length === 0 ? (
        <Text size="sm">{props.empty}</Text>
      ) : (
        <Group align="flex-end">
          {props.categories.map((c) => (
            <NumberInput
              key={c.code}
              label={c.label}
              min={0}
              max={100_000_000}
              allowDecimal={false}
              thousandSeparator="."
              decimalSeparator=","
              w={props.width}
              value={props.values[c.code] ?? ''}
              onChange={(x) => props.onChange(c.code, x)}
            />
          ))}
          {props.children}
        </Group>
      )}
    </section>
  );
}

function MarginsForm({ margins, surveyId }: { margins: SurveyMargins; surveyId: number }) {
  const t = useSurveyResultsT();
  const save = useSaveMargins(surveyId);
  const [values, setValues] = useState(() => valuesOf(margins));
  const [trimUpper, setTrimUpper] = useState<number | ''>(margins.trimUpper ?? '');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflictNote, setConflictNote] = useState(false);
  useEffect(() => {
    setValues(valuesOf(margins));
    setTrimUpper(margins.trimUpper ?? '');
  }, [margins]);
  const { ageGroups, sexes, areas } = margins.categories;
  const set = (group: 'ageSex' | 'age' | 'sex' | 'areas', key: string, x: string | number) =>
    setValues((v) => ({ ...v, [group]: { ...v[group], [key]: x === '' ? '' : Number(x) } }));
  const dir = margins.directory;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setReport(null);
    setNotice(null);
    setConflictNote(false);
    try {
      const saved = await save.mutateAsync({
        version: margins.version,
        source: 'manual',
        ageSex: filled(values.ageSex).map(([key, population]) => {
          const [ageGroup = '', sex = ''] = key.split(':');
          return { ageGroup, sex, population };
        }),
        sex: filled(values.sex).map(([sex, population]) => ({ sex, population })),
        areas: filled(values.areas).map(([area, population]) => ({ area, population })),
        margins: [
          ...(filled(values.age).length
            ? [
                {
                  variables: ['age_group' as const],
                  cells: filled(values.age).map(([code, population]) => ({ codes: [code], population })),
                },
              ]
            : []),
          ...margins.margins.filter((m) => !EDITED.includes(m.dimension)).map((m) => ({ variables: m.variables, cells: m.cells })),
        ],
        trimUpper: trimUpper === '' ? null : trimUpper,
      });
      setNotice(t('margins.saved', { version: saved.version }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflictNote(true);
      else setReport(describeError(err, { byPath: true }));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <ErrorSummary report={report} fields={{}} />
        {conflictNote ? <Alert color="orange.9" variant="outline" title={t('margins.conflict')} /> : null}
        {notice ? <Callout tone="success">{notice}</Callout> : null}
        <Text size="sm">
          {dir.population !== null && dir.male !== null
            ? t('margins.directory', {
                population: formatNumber(dir.population),
                male: formatNumber(dir.male),
                female: formatNumber(dir.female ?? 0),
              })
            : t('margins.directoryNone')}
        </Text>

        <section aria-labelledby="age-sex-heading">
          <Title order={2} fz="lg" id="age-sex-heading" mb="xs">
            {t('margins.ageSex')}
          </Title>
          <Text size="sm" mb="xs">
            {t('margins.ageSexHint')}
          </Text>
          <TableFrame label={t('margins.ageSex')} minWidth={160 + sexes.length * 170}>
            <Table bg="white">
              <caption className="visually-hidden">{t('margins.ageSex')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" />
                  {sexes.map((s) => (
                    <Table.Th key={s.code} scope="col">
                      {s.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ageGroups.map((a) => (
                  <Table.Tr key={a.code}>
                    <Table.Th scope="row" fw={500}>
                      {a.label}
                    </Table.Th>
                    {sexes.map((s) => (
                      <Table.Td key={s.code}>
                        <NumberInput
                          aria-label={t('margins.cellLabel', { age: a.label, sex: s.label })}
                          min={0}
                          max={100_000_000}
                          allowDecimal={false}
                          thousandSeparator="."
                          decimalSeparator=","
                          value={values.ageSex[`${a.code}:${s.code}`] ?? ''}
                          onChange={(x) => set('ageSex', `${a.code}:${s.code}`, x)}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Text size="sm" mt={4}>
            {t('margins.total', { total: formatNumber(total(values.ageSex)) })}
          </Text>
        </section>

        <Text size="sm">{t('margins.rules')}</Text>

        <MarginBlock
          headingId="age-heading"
          title={t('margins.age')}
          categories={ageGroups}
          values={values.age}
          width={180}
          onChange={(code, x) => set('age', code, x)}
        />

        <MarginBlock
          headingId="sex-heading"
          title={t('margins.sex')}
          categories={sexes}
          values={values.sex}
          width={180}
          onChange={(code, x) => set('sex', code, x)}
        >
          {dir.male !== null && dir.female !== null ? (
            <Button
              variant="default"
              onClick={() =>
                setValues((v) => ({
                  ...v,
                  sex: {
                    ...v.sex,
                    ...(sexes.some((s) => s.code === 'm') ? { m: dir.male! } : {}),
                    ...(sexes.some((s) => s.code === 'w') ? { w: dir.female! } : {}),
                  },
                }))
              }
            >
              {t('margins.prefill')}
            </Button>
          ) : null}
        </MarginBlock>

        <MarginBlock
          headingId="areas-heading"
          title={t('margins.areas')}
          categories={areas}
          values={values.areas}
          width={200}
          empty={t('margins.noAreas')}
          onChange={(code, x) => set('areas', code, x)}
        />
        <NumberInput
          label={t('margins.trim')}
          description={t('margins.trimHint')}
          min={1.05}
          max={100}
          step={0.5}
          decimalScale={2}
          decimalSeparator=","
          w={360}
          value={trimUpper}
          onChange={(x) => setTrimUpper(x === '' ? '' : Number(x))}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('margins.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The population margins of a survey, entered by hand or prefilled from the directory. */
export function SurveyMarginsPage() {
  const t = useSurveyResultsT();
  const { id: raw = '' } = useParams();
  const id = Number(raw);
  const query = useSurveyMargins(id);
  const m = query.data;
  const notFound = query.isError && query.error instanceof ApiError && [400, 403, 404].includes(query.error.status);
  return (
    <>
      <PageHeader
        title={t('margins.titleFallback')}
        intro={m ? (m.version > 0 ? t('margins.intro', { version: m.version }) : t('margins.introNew')) : undefined}
        actions={
          <Anchor component={Link} to={RESULTS_PATHS.results(id)}>
            {t('margins.back')}
          </Anchor>
        }
      />
      {query.isPending ? (
        <Loading />
      ) : notFound ? (
        <Callout tone="neutral">{t('page.notFound')}</Callout>
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <MarginsForm margins={query.data} surveyId={id} />
      )}
    </>
  );
}
