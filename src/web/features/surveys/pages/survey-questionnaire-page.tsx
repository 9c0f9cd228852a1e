import { Anchor, Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { QuestionnaireDefinition } from '../../../../shared/survey-questionnaire.ts';
import type { SurveyDetail } from '../../../../shared/surveys.schema.ts';
import { Callout } from '../../../ui/callout.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { TableFrame } from '../../../ui/table-frame.tsx';
import { surveyPaths, useQuestionnaire, useQuestionnaireVersions } from '../api.ts';
import { QuestionnaireEditor } from '../components/questionnaire-editor.tsx';
import { QuestionnairePreview } from '../components/questionnaire-preview.tsx';
import { SurveySubpage } from '../components/survey-frame.tsx';
import { useSurveyNotify } from '../components/survey-notice.tsx';
import { checkDefinition } from '../questionnaire-editor-model.ts';
import { useSurveysT } from '../i18n.ts';
import '../surveys.css';
import { currentLanguage } from '../../../lib/i18n.ts';
import { formatDateTime } from '../../../../shared/time.ts';

function Versions({ survey }: { survey: SurveyDetail }) {
  const t = useSurveysT();
  const versions = useQuestionnaireVersions(survey.id);
  if (versions.isPending) return <Loading />;
  if (versions.isError) return <LoadError error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <TableFrame label={t('versions.caption')} minWidth={520}>
      <Table striped className="data-table" bg="white">
        <caption className="visually-hidden">{t('versions.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('versions.version')}</Table.Th>
            <Table.Th>{t('versions.createdAt')}</Table.Th>
            <Table.Th ta="right">{t('versions.responses')}</Table.Th>
            <Table.Th>{t('versions.view')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.items.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>{v.current ? t('versions.current', { version: v.version }) : v.version}</Table.Td>
              <Table.Td>{formatDateTime(v.createdAt, currentLanguage())}</Table.Td>
              <Table.Td ta="right">{formatNumber(v.responses)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={surveyPaths.version(survey.id, v.version)}>
                  {t('versions.viewLabel', { version: v.version })}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

function Editor({ survey }: { survey: SurveyDetail }) {
  const t = useSurveysT();
  const current = useQuestionnaire(survey.id);
  const [tab, setTab] = useState<string | null>('edit');
  const [edits, setEdits] = useState(0);
  const [draft, setDraft] = useState<QuestionnaireDefinition | null>(null);
  const notify = useSurveyNotify();
  if (current.isPending) return <Loading />;
  if (current.isError) return <LoadError error={current.error} onRetry={() => void current.refetch()} />;
  // The preview shows the draft being edited while it is valid, else the saved version.
  const checkedDraft = draft ? checkDefinition(draft) : null;
  const previewDef = checkedDraft?.ok ? checkedDraft.definition : current.data.definition;
  const previewNote = !draft ? t('preview.saved') : checkedDraft?.ok ? t('preview.draft') : t('preview.draftInvalid');
  return (
    <>
      <Text mb="md">{t('editor.versionNote', { version: current.data.version })}</Text>
      {survey.status !== 'draft' ? <Callout tone="warning">{t('editor.notDraft')}</Callout> : null}
      <Tabs value={tab} onChange={setTab} keepMounted>
        <Tabs.List mb="md">
          <Tabs.Tab value="edit">{t('editor.tabEdit')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('editor.tabPreview')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('editor.tabVersions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit">
          <QuestionnaireEditor
            key={`${current.data.version}-${edits}`}
            surveyId={survey.id}
            initial={current.data.definition}
            basedOnVersion={current.data.version}
            onSaved={() => {
              setEdits((n) => n + 1);
              setDraft(null);
              notify('saved');
            }}
            onDraft={setDraft}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview">
          <Text size="sm" fw={600} mb="sm">
            {previewNote}
          </Text>
          {tab === 'preview' ? <QuestionnairePreview def={previewDef} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="versions">{tab === 'versions' ? <Versions survey={survey} /> : null}</Tabs.Panel>
      </Tabs>
    </>
  );
}

/** The survey's questionnaire: edit (a save is a new version), preview it as respondents see it, and look at earlier versions. */
export function SurveyQuestionnairePage() {
  const t = useSurveysT();
  return (
    <SurveySubpage what={t('editor.title')} intro={t('editor.intro')}>
      {(survey) => <Editor survey={survey} />}
    </SurveySubpage>
  );
}
