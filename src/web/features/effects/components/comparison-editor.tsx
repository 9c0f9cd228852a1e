import { Button, Group, List, MultiSelect, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { EFFECTS_LIMITS, type EffectEstimate } from '../../../../shared/effects.schema.ts';
import { formatDateTime } from '../../../../shared/time.ts';
import { describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { RemovablePill } from '../../../ui/removable-pill.tsx';
import { Callout } from '../../../ui/callout.tsx';
import { municipalityLabel, useDistricts, useMunicipalities } from '../../territory/index.ts';
import { useClearComparison, useSetComparison } from '../api.ts';
import { useEffectsT } from '../i18n.ts';
import { useLang } from './effects-table.tsx';

const keyOf = (e: EffectEstimate) => `${e.interventionKind}-${e.interventionId}-${e.field.code}`;

// Few options, so the dropdown never scrolls (a scrolling listbox has no tab stop of its own); more are reached by typing.
const PICKER_OPTIONS = 8;

/** Searchable units for the comparison: municipalities by name or AGS (server search), or districts when the outcome is the district's. */
function useUnitOptions(level: 'municipality' | 'district', search: string) {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const municipalities = useMunicipalities(
    { q: debounced || undefined, pageSize: PICKER_OPTIONS, sort: 'name' },
    { enabled: level === 'municipality' },
  );
  const districts = useDistricts();
  return useMemo(() => {
    if (level === 'municipality')
      return {
        fetching: municipalities.isFetching,
        items: (municipalities.data?.items ?? []).map((m) => ({ ags: m.ags, label: municipalityLabel(m) })),
      };
    const q = debounced.toLowerCase();
    const items = (districts.data?.items ?? [])
      .filter((d) => !q || d.name.toLowerCase().includes(q) || d.ags.startsWith(q))
      .slice(0, PICKER_OPTIONS)
      .map((d) => ({ ags: d.ags, label: `${d.name} (${d.ags})` }));
    return { fetching: districts.isFetching, items };
  }, [level, debounced, municipalities.data, municipalities.isFetching, districts.data, districts.isFetching]);
}

/** The form for one estimate: current group, the chosen units, the reason; save, or return to the automatic choice. */
function ComparisonForm({ estimate, onDone }: { estimate: EffectEstimate; onDone(message: string | null): void }) {
  const t = useEffectsT();
  const lang = useLang();
  const c = estimate.comparison;
  const level = estimate.outcome.level;
  const [units, setUnits] = useState<string[]>(c.units.map((u) => u.ags));
  const [labels, setLabels] = useState<Record<string, string>>(() =>
    Object.fromEntries(c.units.map((u) => [u.ags, `${u.name} (${u.ags})`])),
  );
  const [reason, setReason] = useState(c.source === 'chosen' ? (c.reason ?? '') : '');
  const [search, setSearch] = useState('');
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const options = useUnitOptions(level, search);
  const save = useSetComparison(estimate);
  const clear = useClearComparison(estimate);
  const id = `comparison-${keyOf(estimate)}`;

  const data = useMemo(() => {
    const all = new Map<string, string>();
    for (const ags of units) all.set(ags, labels[ags] ?? ags);
    for (const o of options.items) all.set(o.ags, o.label);
    return [...all].map(([value, label]) => ({ value, label }));
  }, [units, labels, options.items]);

  const onChange = (next: string[]) => {
    const known = new Map(data.map((d) => [d.value, d.label]));
    setLabels((prev) => ({ ...prev, ...Object.fromEntries(next.map((a) => [a, known.get(a) ?? prev[a] ?? a])) }));
    setUnits(next);
  };

  const local = (): ErrorReport | null => {
    const fields: Record<string, string> = {};
    if (units.length < EFFECTS_LIMITS.minComparisons) fields.units = t('comparisonEditor.tooFew', { min: EFFECTS_LIMITS.minComparisons });
    if (units.length > EFFECTS_LIMITS.maxComparisonUnits)
      fields.units = t('comparisonEditor.tooMany', { max: EFFECTS_LIMITS.maxComparisonUnits });
    if (reason.trim().length < 3) fields.reason = t('comparisonEditor.reasonRequired');
    return Object.keys(fields).length ? { title: t('comparisonEditor.invalid'), fields, status: 0 } : null;
  };

  const submit = () => {
    onDone(null);
    const invalid = local();
    setReport(invalid);
    if (invalid) return;
    save.mutate(
      { units, reason: reason.trim(), ...(c.source === 'chosen' && c.version ? { version: c.version } : {}) },
      {
        onSuccess: () => onDone(t('comparisonEditor.saved')),
        onError: (err) => setReport(describeError(err)),
      },
    );
  };

  const fieldRefs = {
    units: { id: `${id}-units`, label: t('comparisonEditor.units') },
    reason: { id: `${id}-reason`, label: t('comparisonEditor.reason') },
  };

  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={600}>
          {c.source === 'chosen'
            ? t('comparisonEditor.currentChosen', { by: c.chosenBy ?? '–', at: c.chosenAt ? formatDateTime(c.chosenAt, lang) : '–' })
            : t('comparisonEditor.currentAutomatic')}
        </Text>
        {c.source === 'chosen' && c.reason ? <Text size="sm">{t('comparisonEditor.currentReason', { reason: c.reason })}</Text> : null}
        {c.units.length ? (
          <List size="sm" aria-label={t('comparisonEditor.currentList')}>
            {c.units.map((u) => (
              <List.Item key={u.ags}>
                {u.name} ({u.ags})
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t('comparisonEditor.noUnits')}</Text>
        )}
      </div>
      <ErrorSummary report={report} fields={fieldRefs} />
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <MultiSelect
            id={fieldRefs.units.id}
            label={fieldRefs.units.label}
            description={t(level === 'municipality' ? 'comparisonEditor.unitsHintMunicipality' : 'comparisonEditor.unitsHintDistrict', {
              min: EFFECTS_LIMITS.minComparisons,
            })}
            data={data}
            value={units}
            onChange={onChange}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={options.fetching ? t('comparisonEditor.searching') : t('comparisonEditor.nothingFound')}
            required
            error={report?.fields.units}
            comboboxProps={{ withinPortal: true }}
            renderPill={({ option, value, onRemove }) => {
              const label = option?.label ?? (value ? labels[value] : undefined) ?? value ?? '';
              return <RemovablePill label={label} removeLabel={t('comparisonEditor.remove', { name: label })} onRemove={onRemove} />;
            }}
          />
          <Textarea
            id={fieldRefs.reason.id}
            label={fieldRefs.reason.label}
            description={t('comparisonEditor.reasonHint')}
            value={reason}
            onChange={(ev) => setReason(ev.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={EFFECTS_LIMITS.reasonMax}
            error={report?.fields.reason}
          />
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('comparisonEditor.save')}
            </Button>
            {c.source === 'chosen' ? (
              <Button variant="default" onClick={() => setConfirming(true)}>
                {t('comparisonEditor.automatic')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming}
        title={t('comparisonEditor.confirmTitle')}
        message={t('comparisonEditor.confirmMessage')}
        confirmLabel={t('comparisonEditor.automatic')}
        busy={clear.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          onDone(null);
          clear.mutate(c.version ?? 0, {
            onSuccess: () => {
              setConfirming(false);
              setReport(null);
              setReason('');
              onDone(t('comparisonEditor.restored'));
            },
            onError: (err) => {
              setConfirming(false);
              setReport(describeError(err));
            },
          });
        }}
      />
    </Stack>
  );
}

/** For the LPR and admin: choose the comparison group of one of the section's estimates, or return it to the automatic choice. */
export function ComparisonEditor({ estimates }: { estimates: EffectEstimate[] }) {
  const t = useEffectsT();
  const lang = useLang();
  const [selected, setSelected] = useState<string | null>(estimates[0] ? keyOf(estimates[0]) : null);
  // The form is mounted anew when the estimate's group changes, so the confirmation lives here.
  const [done, setDone] = useState<string | null>(null);
  const estimate = estimates.find((e) => keyOf(e) === selected) ?? null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="comparison-title">
      <Title order={3} fz="md" id="comparison-title">
        {t('comparisonEditor.title')}
      </Title>
      <Text size="sm">{t('comparisonEditor.intro')}</Text>
      <Select
        label={t('comparisonEditor.estimate')}
        data={estimates.map((e) => ({
          value: keyOf(e),
          label: `${t(`kind.${e.interventionKind}`)}${e.interventionKind === 'project' ? ` · ${e.interventionLabel}` : ''} · ${lang === 'en' ? e.field.nameEn : e.field.name}`,
        }))}
        value={selected}
        onChange={(v) => {
          setDone(null);
          setSelected(v);
        }}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <div role="status">{done ? <Callout tone="success">{done}</Callout> : null}</div>
      {estimate ? (
        <ComparisonForm
          key={`${keyOf(estimate)}-${estimate.comparison.source}-${estimate.comparison.version ?? 0}`}
          estimate={estimate}
          onDone={setDone}
        />
      ) : null}
    </Stack>
  );
}
