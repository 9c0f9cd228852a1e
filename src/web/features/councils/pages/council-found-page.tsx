import { Button, Checkbox, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { foundCouncilSchema } from '../../../../shared/councils.schema.ts';
import { isIsoDate } from '../../../../shared/time.ts';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useCommuneNames } from '../../organisations/index.ts';
import { COUNCIL_PATHS, useFoundCouncil } from '../api.ts';
import { fieldRefs, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { useCouncilsT } from '../i18n.ts';

/**
 * Founds a council: of the coordinator's own communes, or (staff) of any municipalities by AGS.
 * `?ags=&constitutedOn=` prefill it (the alliance event form sends the user here, decision 035).
 */
export function CouncilFoundPage() {
  const t = useCouncilsT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const prefillAgs = /^\d{8}$/.test(params.get('ags') ?? '') ? params.get('ags')! : '';
  const prefillConstituted = isIsoDate(params.get('constitutedOn') ?? '') ? params.get('constitutedOn')! : '';
  const found = useFoundCouncil();
  const ownCommunes = user.role === 'coordinator' ? user.communes : [];
  const nameOf = useCommuneNames(ownCommunes);
  const [v, setV] = useState({
    name: '',
    municipalities: ownCommunes.length === 1 ? [ownCommunes[0]!] : ownCommunes.filter((a) => a === prefillAgs),
    agsText: prefillAgs,
    foundingResolutionDate: '',
    constitutedOn: prefillConstituted,
    steeringGroup: '',
    coordinationOffice: '',
    notes: '',
  });
  const sub = useSubmission();
  const labels = {
    name: t('found.name'),
    municipalities: t('found.municipalities'),
    foundingResolutionDate: t('found.foundingResolutionDate'),
    constitutedOn: t('found.constitutedOn'),
    steeringGroup: t('found.steeringGroup'),
    coordinationOffice: t('found.coordinationOffice'),
    notes: t('found.notes'),
  };
  const refs = fieldRefs('found', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const municipalities = ownCommunes.length ? v.municipalities : v.agsText.split(/[\s,;]+/).filter(Boolean);
    const parsed = parseOrReport(foundCouncilSchema, { ...v, municipalities, constitutedOn: v.constitutedOn || null }, sub.setReport);
    if (!parsed) return;
    await sub.run(async () => {
      const council = await found.mutateAsync(parsed);
      void navigate(COUNCIL_PATHS.council(council.id));
    }, '');
  }

  const err = sub.errors;
  return (
    <>
      <PageHeader title={t('found.title')} intro={t('found.intro')} />
      <ErrorSummary report={sub.report} fields={refs} />
      <form onSubmit={submit} noValidate aria-label={t('found.title')}>
        <Stack maw={640}>
          <TextInput
            id={refs.name!.id}
            label={labels.name}
            required
            value={v.name}
            error={err.name}
            onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
          />
          {ownCommunes.length ? (
            <Checkbox.Group
              id={refs.municipalities!.id}
              label={labels.municipalities}
              description={t('found.municipalitiesHint')}
              error={err.municipalities}
              value={v.municipalities}
              onChange={(m) => setV({ ...v, municipalities: m })}
            >
              <Stack gap={4} mt={4}>
                {ownCommunes.map((ags) => (
                  <Checkbox key={ags} value={ags} label={nameOf(ags)} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : (
            <TextInput
              id={refs.municipalities!.id}
              label={labels.municipalities}
              description={t('found.agsHint')}
              required
              value={v.agsText}
              error={err.municipalities}
              onChange={(e) => setV({ ...v, agsText: e.currentTarget.value })}
            />
          )}
          <TextInput
            id={refs.foundingResolutionDate!.id}
            type="date"
            label={labels.foundingResolutionDate}
            required
            value={v.foundingResolutionDate}
            error={err.foundingResolutionDate}
            onChange={(e) => setV({ ...v, foundingResolutionDate: e.currentTarget.value })}
          />
          <TextInput
            id={refs.constitutedOn!.id}
            type="date"
            label={labels.constitutedOn}
            description={t('found.constitutedHint')}
            value={v.constitutedOn}
            error={err.constitutedOn}
            onChange={(e) => setV({ ...v, constitutedOn: e.currentTarget.value })}
          />
          <Textarea
            id={refs.steeringGroup!.id}
            label={labels.steeringGroup}
            autosize
            minRows={2}
            value={v.steeringGroup}
            error={err.steeringGroup}
            onChange={(e) => setV({ ...v, steeringGroup: e.currentTarget.value })}
          />
          <Textarea
            id={refs.coordinationOffice!.id}
            label={labels.coordinationOffice}
            autosize
            minRows={2}
            value={v.coordinationOffice}
            error={err.coordinationOffice}
            onChange={(e) => setV({ ...v, coordinationOffice: e.currentTarget.value })}
          />
          <div>
            <Button type="submit" loading={found.isPending}>
              {t('found.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </>
  );
}
