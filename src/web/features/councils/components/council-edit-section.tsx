import { Button, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { type Council, updateCouncilSchema } from '../../../../shared/councils.schema.ts';
import { fieldRefs, FormSection, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { useUpdateCouncil } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';

/** Changes the council's name, steering group, coordination office and notes; records the constituent meeting once. */
export function CouncilEditSection({ council }: { council: Council }) {
  const t = useCouncilsT();
  const update = useUpdateCouncil(council.id);
  const initial = () => ({
    name: council.name,
    constitutedOn: council.constitutedOn ?? '',
    steeringGroup: council.steeringGroup,
    coordinationOffice: council.coordinationOffice,
    notes: council.notes,
  });
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial()), [council.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sub = useSubmission();
  const labels = {
    name: t('edit.name'),
    constitutedOn: t('edit.constitutedOn'),
    steeringGroup: t('edit.steeringGroup'),
    coordinationOffice: t('edit.coordinationOffice'),
    notes: t('edit.notes'),
  };
  const refs = fieldRefs('council-edit', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      updateCouncilSchema,
      {
        version: council.version,
        name: v.name,
        // The constitution is set once; an existing date is not sent again.
        constitutedOn: council.constitutedOn === null && v.constitutedOn ? v.constitutedOn : undefined,
        steeringGroup: v.steeringGroup,
        coordinationOffice: v.coordinationOffice,
        notes: v.notes,
      },
      sub.setReport,
    );
    if (!parsed) return;
    await sub.run(() => update.mutateAsync(parsed), t('edit.saved'));
  }

  const text = (name: 'name' | 'steeringGroup' | 'coordinationOffice', required = false) => (
    <TextInput
      id={refs[name]!.id}
      label={labels[name]}
      required={required}
      value={v[name]}
      error={sub.errors[name]}
      onChange={(e) => setV({ ...v, [name]: e.currentTarget.value })}
    />
  );
  return (
    <FormSection headingId="council-edit-heading" title={t('edit.title')} submission={sub} fields={refs} onSubmit={submit}>
      {text('name', true)}
      <TextInput
        id={refs.constitutedOn!.id}
        type="date"
        label={labels.constitutedOn}
        description={t('edit.constitutedHint')}
        disabled={council.constitutedOn !== null}
        value={v.constitutedOn}
        error={sub.errors.constitutedOn}
        onChange={(e) => setV({ ...v, constitutedOn: e.currentTarget.value })}
      />
      {text('steeringGroup')}
      {text('coordinationOffice')}
      <Textarea
        id={refs.notes!.id}
        label={labels.notes}
        autosize
        minRows={2}
        value={v.notes}
        error={sub.errors.notes}
        onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
      />
      <div>
        <Button type="submit" loading={update.isPending}>
          {t('edit.save')}
        </Button>
      </div>
    </FormSection>
  );
}
