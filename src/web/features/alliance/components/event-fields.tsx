import { NativeSelect, Radio, Group, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ALLIANCE_LIMITS } from '../../../../shared/alliance.schema.ts';
import type { EventFormValues } from '../event-form-model.ts';
import { todayBerlin } from '../../../../shared/time.ts';

/**
 * The fields of one event beside its type: the date, what the type needs (topic and participants
 * of a consultation, withdrawal or pause), notes. `idPrefix` keeps ids unique when a dialog shows
 * the same fields as the page.
 */
export function EventFields(props: {
  values: EventFormValues;
  onChange(v: EventFormValues): void;
  errors: Record<string, string | undefined>;
  idPrefix: string;
  /** Whether the notes field is shown (not when the record's own fields take its place). */
  notes?: boolean;
}) {
  const { t } = useTranslation();
  const { values: v, errors, idPrefix } = props;
  const set = <K extends keyof EventFormValues>(k: K, value: EventFormValues[K]) => props.onChange({ ...v, [k]: value });
  return (
    <>
      <TextInput
        id={`${idPrefix}-date`}
        type="date"
        label={t('alliance.event.date')}
        required
        max={todayBerlin()}
        min="1990-01-01"
        value={v.date}
        onChange={(e) => set('date', e.currentTarget.value)}
        error={errors.date}
        w={{ base: '100%', xs: 260 }}
      />
      {v.type === 'consultation' ? (
        <>
          <TextInput
            id={`${idPrefix}-topic`}
            label={t('alliance.event.topic')}
            description={t('alliance.event.topicHint')}
            maxLength={ALLIANCE_LIMITS.topicMax}
            value={v.topic}
            onChange={(e) => set('topic', e.currentTarget.value)}
            error={errors.topic}
          />
          <Textarea
            id={`${idPrefix}-participants`}
            label={t('alliance.event.participants')}
            description={t('alliance.event.participantsHint')}
            autosize
            minRows={2}
            maxLength={ALLIANCE_LIMITS.participantsMax}
            value={v.participants}
            onChange={(e) => set('participants', e.currentTarget.value)}
            error={errors.participants}
          />
        </>
      ) : null}
      {v.type === 'withdrawn' ? (
        <Radio.Group
          id={`${idPrefix}-kind`}
          label={t('alliance.event.kind')}
          value={v.kind}
          onChange={(k) => set('kind', k === 'pause' ? 'pause' : 'withdrawal')}
          error={errors.kind}
        >
          <Group mt={4}>
            <Radio value="withdrawal" label={t('alliance.event.kinds.withdrawal')} />
            <Radio value="pause" label={t('alliance.event.kinds.pause')} />
          </Group>
        </Radio.Group>
      ) : null}
      {props.notes === false ? null : (
        <Textarea
          id={`${idPrefix}-notes`}
          label={t('alliance.event.notes')}
          autosize
          minRows={2}
          maxLength={ALLIANCE_LIMITS.notesMax}
          value={v.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={errors.notes}
        />
      )}
    </>
  );
}

/** The agreement an amendment or termination refers to. */
export function AgreementChoice(props: {
  id: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(v: string): void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      id={props.id}
      label={t('alliance.event.agreement')}
      required
      value={props.value}
      error={props.error}
      data={[{ value: '', label: t('alliance.event.chooseAgreement') }, ...props.options]}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}
