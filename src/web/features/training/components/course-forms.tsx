import { Button, Checkbox, Group, NativeSelect, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Course,
  createCourseSchema,
  type Enrolment,
  ENROLMENT_STATUSES,
  updateCourseSchema,
  updateEnrolmentSchema,
} from '../../../../shared/training.schema.ts';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { zodFieldErrors } from '../../../ui/form-errors.ts';
import { Confirmation, fieldRefs, FormSection, inputReport, parseOrReport, useSubmission } from '../../../ui/form-support.tsx';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { useCourse, useCourses, useCreateCourse, useProgrammes, useUpdateCourse, useUpdateEnrolment } from '../api.ts';
import { useTrainingT } from '../i18n.ts';

/** Creates a course of a programme: title, place, capacity and, optionally, its period. */
export function CreateCourseForm() {
  const t = useTrainingT();
  const { i18n } = useTranslation();
  const programmes = useProgrammes();
  const create = useCreateCourse();
  const empty = { programmeId: '', title: '', place: '', capacity: '', startsOn: '', endsOn: '', notes: '' };
  const [v, setV] = useState(empty);
  const sub = useSubmission();
  const labels = {
    programmeId: t('courses.programme'),
    title: t('courses.titleField'),
    place: t('courses.place'),
    capacity: t('courses.capacity'),
    startsOn: t('courses.startsOn'),
    endsOn: t('courses.endsOn'),
    notes: t('courses.notes'),
  };
  const refs = fieldRefs('course', labels);
  const english = i18n.language.startsWith('en');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createCourseSchema.safeParse({
      programmeId: v.programmeId ? Number(v.programmeId) : undefined,
      title: v.title,
      place: v.place,
      capacity: v.capacity ? Number(v.capacity) : undefined,
      dates: v.startsOn || v.endsOn ? [{ startsOn: v.startsOn, endsOn: v.endsOn || v.startsOn, place: v.place }] : [],
      notes: v.notes,
    });
    if (!parsed.success) {
      // The period's errors belong to its two fields.
      const fields = zodFieldErrors(parsed.error);
      const period = parsed.error.issues.find((i) => i.path[0] === 'dates');
      if (period) fields[period.path[2] === 'endsOn' ? 'endsOn' : 'startsOn'] = period.message;
      sub.setReport(inputReport(fields));
      return;
    }
    if (await sub.run(() => create.mutateAsync(parsed.data), t('courses.created', { title: parsed.data.title }))) setV(empty);
  }

  const text = (name: 'title' | 'place' | 'capacity' | 'startsOn' | 'endsOn', type = 'text', required = false) => (
    <TextInput
      id={refs[name]!.id}
      type={type}
      label={labels[name]}
      required={required}
      value={v[name]}
      error={sub.errors[name]}
      onChange={(e) => setV({ ...v, [name]: e.currentTarget.value })}
    />
  );
  return (
    <FormSection headingId="course-create-heading" title={t('courses.create')} submission={sub} fields={refs} onSubmit={submit}>
      <NativeSelect
        id={refs.programmeId!.id}
        label={labels.programmeId}
        required
        value={v.programmeId}
        error={sub.errors.programmeId}
        onChange={(e) => setV({ ...v, programmeId: e.currentTarget.value })}
        data={[
          { value: '', label: t('training.choose') },
          ...(programmes.data ?? []).map((p) => ({ value: String(p.id), label: english ? p.nameEn : p.name })),
        ]}
      />
      {text('title', 'text', true)}
      <Group grow align="flex-start">
        {text('place')}
        {text('capacity', 'number', true)}
      </Group>
      <Group grow align="flex-start">
        {text('startsOn', 'date')}
        {text('endsOn', 'date')}
      </Group>
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
        <Button type="submit" loading={create.isPending}>
          {t('courses.createSubmit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Changes a course's title, place, capacity and notes (with its version; a concurrent change is refused with 409 and shown). */
function EditCourseForm({ course }: { course: Course }) {
  const t = useTrainingT();
  const update = useUpdateCourse();
  const initial = () => ({ title: course.title, place: course.place, capacity: String(course.capacity), notes: course.notes });
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial()), [course.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sub = useSubmission();
  const labels = {
    title: t('courses.titleField'),
    place: t('courses.place'),
    capacity: t('courses.capacity'),
    notes: t('courses.notes'),
  };
  const refs = fieldRefs(`course-edit-${course.id}`, labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      updateCourseSchema,
      {
        version: course.version,
        title: v.title,
        place: v.place,
        capacity: v.capacity ? Number(v.capacity) : undefined,
        notes: v.notes,
      },
      sub.setReport,
    );
    if (!parsed) return;
    await sub.run(() => update.mutateAsync({ id: course.id, ...parsed }), t('courses.updated', { title: parsed.title ?? course.title }));
  }
  return (
    <FormSection
      headingId={`course-edit-heading-${course.id}`}
      title={t('courses.editTitle', { title: course.title })}
      submission={sub}
      fields={refs}
      onSubmit={submit}
    >
      <TextInput
        id={refs.title!.id}
        label={labels.title}
        required
        value={v.title}
        error={sub.errors.title}
        onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
      />
      <Group grow align="flex-start">
        <TextInput
          id={refs.place!.id}
          label={labels.place}
          value={v.place}
          error={sub.errors.place}
          onChange={(e) => setV({ ...v, place: e.currentTarget.value })}
        />
        <TextInput
          id={refs.capacity!.id}
          type="number"
          label={labels.capacity}
          required
          value={v.capacity}
          error={sub.errors.capacity}
          onChange={(e) => setV({ ...v, capacity: e.currentTarget.value })}
        />
      </Group>
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
          {t('courses.editSubmit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** One enrolment's row: modules attended, status and completion date, saved with its version. */
function EnrolmentRow({ enrolment, modules }: { enrolment: Enrolment; modules: { position: number; name: string }[] }) {
  const t = useTrainingT();
  const update = useUpdateEnrolment();
  const [v, setV] = useState({
    attendedModules: enrolment.attendedModules,
    status: enrolment.status as string,
    completedOn: enrolment.completedOn ?? '',
  });
  const sub = useSubmission();
  const name = enrolment.personName;
  const labels = { attendedModules: t('courses.attended'), status: t('courses.status'), completedOn: t('courses.completedOn') };
  const refs = fieldRefs(`enrolment-${enrolment.id}`, labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseOrReport(
      updateEnrolmentSchema,
      {
        version: enrolment.version,
        attendedModules: v.attendedModules,
        status: v.status,
        completedOn: v.status === 'completed' ? v.completedOn || null : null,
      },
      sub.setReport,
    );
    if (!parsed) return;
    await sub.run(() => update.mutateAsync({ id: enrolment.id, ...parsed }), t('courses.saved', { name }));
  }

  const toggle = (position: number, on: boolean) =>
    setV({ ...v, attendedModules: on ? [...v.attendedModules, position] : v.attendedModules.filter((p) => p !== position) });
  return (
    <Table.Tr>
      <Table.Th scope="row">{name}</Table.Th>
      <Table.Td colSpan={3}>
        <Confirmation text={sub.done} />
        <ErrorSummary report={sub.report} fields={refs} />
        <form onSubmit={submit} noValidate aria-label={t('courses.recordFor', { name })}>
          <Group align="flex-end" gap="sm">
            {modules.length ? (
              <fieldset id={refs.attendedModules!.id} style={{ border: 0, padding: 0, margin: 0 }}>
                <legend>{t('courses.attendedOf', { name })}</legend>
                <Group gap="xs">
                  {modules.map((m) => (
                    <Checkbox
                      key={m.position}
                      label={m.name}
                      checked={v.attendedModules.includes(m.position)}
                      onChange={(e) => toggle(m.position, e.currentTarget.checked)}
                    />
                  ))}
                </Group>
                {sub.errors.attendedModules ? (
                  <Text c="red.9" size="sm">
                    {sub.errors.attendedModules}
                  </Text>
                ) : null}
              </fieldset>
            ) : null}
            <NativeSelect
              id={refs.status!.id}
              label={t('courses.statusOf', { name })}
              value={v.status}
              error={sub.errors.status}
              onChange={(e) => setV({ ...v, status: e.currentTarget.value })}
              data={ENROLMENT_STATUSES.map((s) => ({ value: s, label: t(`courses.statuses.${s}`) }))}
            />
            <TextInput
              id={refs.completedOn!.id}
              type="date"
              label={t('courses.completedOnOf', { name })}
              disabled={v.status !== 'completed'}
              value={v.completedOn}
              error={sub.errors.completedOn}
              onChange={(e) => setV({ ...v, completedOn: e.currentTarget.value })}
            />
            <Button type="submit" variant="default" loading={update.isPending}>
              {t('courses.save')}
            </Button>
          </Group>
        </form>
      </Table.Td>
    </Table.Tr>
  );
}

/** Attendance and completion of a chosen course's enrolments (those the user may edit); staff also change the course. */
export function AttendanceSection({ canManage }: { canManage: boolean }) {
  const t = useTrainingT();
  const courses = useCourses();
  const [courseId, setCourseId] = useState<number | null>(null);
  const course = useCourse(courseId);
  const editable = (course.data?.enrolments ?? []).filter((e) => e.canEdit);
  return (
    <section aria-labelledby="attendance-heading">
      <Title order={2} fz="xl" id="attendance-heading" mt="lg" mb="sm">
        {t('courses.attendanceTitle')}
      </Title>
      <NativeSelect
        id="attendance-course"
        label={t('courses.course')}
        maw={640}
        value={courseId === null ? '' : String(courseId)}
        onChange={(e) => setCourseId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
        data={[
          { value: '', label: t('training.choose') },
          ...(courses.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.title} – ${c.programmeName}` })),
        ]}
      />
      {canManage && course.data ? <EditCourseForm key={course.data.id} course={course.data} /> : null}
      {courseId === null ? null : course.isLoading ? (
        <Loading />
      ) : course.isError ? (
        <LoadError error={course.error} onRetry={() => void course.refetch()} />
      ) : editable.length === 0 ? (
        <Text c="dimmed" mt="sm">
          {t('courses.noEnrolments')}
        </Text>
      ) : (
        <TableFrame label={t('courses.enrolmentsCaption')} minWidth={720}>
          <Table mt="sm">
            <Table.Caption>{t('courses.enrolmentsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training.person')}</Table.Th>
                <Table.Th scope="col" colSpan={3}>
                  {t('courses.recording')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {editable.map((e) => (
                <EnrolmentRow key={e.id} enrolment={e} modules={course.data?.modules ?? []} />
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </section>
  );
}
