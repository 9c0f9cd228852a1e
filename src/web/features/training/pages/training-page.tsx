import { Button, Group, NativeSelect, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth-context.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { Loading } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { allows } from '../../../../shared/policies.ts';
import { usePeople } from '../../organisations/index.ts';
import { trainingExportUrl, useCourses, useEnrol, useTrainingFigures } from '../api.ts';
import { AttendanceSection, CreateCourseForm } from '../components/course-forms.tsx';
import { fieldRefs, FormSection, inputReport, useSubmission } from '../../../ui/form-support.tsx';
import { useTrainingT } from '../i18n.ts';
import { formatDate } from '../../../../shared/time.ts';
import { DownloadLinks } from '../../../ui/download-links.tsx';

/** Enrols a person of the user's communes in a course; a full course is refused at the course field. */
function EnrolForm() {
  const t = useTrainingT();
  const courses = useCourses();
  const people = usePeople();
  const enrol = useEnrol();
  const [v, setV] = useState({ courseId: '', personId: '' });
  const sub = useSubmission();
  const labels = { courseId: t('training.course'), personId: t('training.person') };
  const refs = fieldRefs('enrol', labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!v.courseId) fields.courseId = t('training.required');
    if (!v.personId) fields.personId = t('training.required');
    if (Object.keys(fields).length) {
      sub.setReport(inputReport(fields));
      return;
    }
    if (await sub.run(() => enrol.mutateAsync({ courseId: Number(v.courseId), personId: Number(v.personId) }), t('training.enrolled')))
      setV({ courseId: v.courseId, personId: '' });
  }
  return (
    <FormSection headingId="enrol-heading" title={t('training.enrol')} submission={sub} fields={refs} onSubmit={submit}>
      <NativeSelect
        id={refs.courseId!.id}
        label={labels.courseId}
        required
        value={v.courseId}
        error={sub.errors.courseId}
        onChange={(e) => setV({ ...v, courseId: e.currentTarget.value })}
        data={[
          { value: '', label: t('training.choose') },
          ...(courses.data?.items ?? []).map((c) => ({
            value: String(c.id),
            label: t('training.courseOption', { title: c.title, programme: c.programmeName, free: c.free }),
          })),
        ]}
      />
      <NativeSelect
        id={refs.personId!.id}
        label={labels.personId}
        required
        value={v.personId}
        error={sub.errors.personId}
        onChange={(e) => setV({ ...v, personId: e.currentTarget.value })}
        data={[
          { value: '', label: t('training.choose') },
          ...(people.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.lastName}, ${p.firstName}` })),
        ]}
      />
      <div>
        <Button type="submit" loading={enrol.isPending}>
          {t('training.enrolSubmit')}
        </Button>
      </div>
    </FormSection>
  );
}

/** Courses with free places, enrolment, and the figures per district or municipality and year. */
export function TrainingPage() {
  const t = useTrainingT();
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  const courses = useCourses();
  const [level, setLevel] = useState<'district' | 'municipality'>('district');
  const figures = useTrainingFigures(level);
  return (
    <>
      <PageHeader title={t('training.title')} intro={t('training.intro')} />
      <section aria-labelledby="courses-heading">
        <Title order={2} fz="xl" id="courses-heading" mb="sm">
          {t('training.courses')}
        </Title>
        {courses.isLoading ? (
          <Loading />
        ) : courses.data?.items.length ? (
          <TableFrame label={t('training.courses')} minWidth={640}>
            <Table striped>
              <Table.Caption>{t('training.courses')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('training.course')}</Table.Th>
                  <Table.Th scope="col">{t('training.programme')}</Table.Th>
                  <Table.Th scope="col">{t('training.period')}</Table.Th>
                  <Table.Th scope="col">{t('training.places')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {courses.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row">
                      {c.title}
                      {c.place ? `, ${c.place}` : ''}
                    </Table.Th>
                    <Table.Td>{c.programmeName}</Table.Td>
                    <Table.Td>
                      {c.startsOn ? `${formatDate(c.startsOn, i18n.language)} – ${formatDate(c.endsOn, i18n.language)}` : '–'}
                    </Table.Td>
                    <Table.Td>{t('training.placesValue', { enrolled: c.enrolled, capacity: c.capacity, free: c.free })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        ) : (
          <Text c="dimmed">{t('training.noCourses')}</Text>
        )}
      </section>
      {allows('training.manage', user.role) ? <CreateCourseForm /> : null}
      {allows('training.enrol', user.role) ? <EnrolForm /> : null}
      {allows('training.enrol', user.role) ? <AttendanceSection canManage={allows('training.manage', user.role)} /> : null}
      <section aria-labelledby="figures-heading">
        <Title order={2} fz="xl" id="figures-heading" mt="lg" mb="sm">
          {t('training.figures')}
        </Title>
        <Group mb="sm">
          <SegmentedControl
            aria-label={t('training.level')}
            value={level}
            onChange={(x) => setLevel(x as typeof level)}
            data={[
              { value: 'district', label: t('training.byDistrict') },
              { value: 'municipality', label: t('training.byMunicipality') },
            ]}
          />
          <DownloadLinks hrefOf={(format) => trainingExportUrl(level, format)} what={t('training.exportWhat')} />
        </Group>
        {figures.data?.rows.length ? (
          <TableFrame label={t('training.figures')} minWidth={560}>
            <Table striped>
              <Table.Caption>{t('training.figuresCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('training.year')}</Table.Th>
                  <Table.Th scope="col">{level === 'district' ? t('training.district') : t('training.municipality')}</Table.Th>
                  <Table.Th scope="col">{t('training.enrolments')}</Table.Th>
                  <Table.Th scope="col">{t('training.completions')}</Table.Th>
                  <Table.Th scope="col">{t('training.withdrawn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.data.rows.map((r) => (
                  <Table.Tr key={`${r.year}-${r.key}`}>
                    <Table.Td>{r.year}</Table.Td>
                    <Table.Th scope="row">{r.name}</Table.Th>
                    <Table.Td>{r.enrolments}</Table.Td>
                    <Table.Td>{r.completions}</Table.Td>
                    <Table.Td>{r.withdrawn}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        ) : (
          <Text c="dimmed">{t('training.noFigures')}</Text>
        )}
      </section>
    </>
  );
}
