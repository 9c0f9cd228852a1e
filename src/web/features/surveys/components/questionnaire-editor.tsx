import { Accordion, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import {
  allQuestions,
  type LocalizedText,
  type QuestionnaireDefinition,
  QUESTION_TYPES,
  type SurveyCondition,
  type SurveyOption,
  type SurveyQuestion,
  type SurveyQuestionType,
  type SurveySection,
  WEIGHTING_ROLES,
} from '../../../../shared/survey-questionnaire.ts';
import { ApiError, describeError, type ErrorReport } from '../../../lib/api-client.ts';
import { ErrorSummary, type FieldRef } from '../../../ui/error-summary.tsx';
import { issueMessage } from '../../../ui/form-errors.ts';
import { useSaveQuestionnaire } from '../api.ts';
import { type SurveysKey, type SurveysT, useSurveysT } from '../i18n.ts';
import {
  changeType,
  checkDefinition,
  definitionPathOf,
  errorTargetId,
  fieldId,
  move,
  newQuestion,
  newSection,
  type Path,
  questionsWithErrors,
  replaceAt,
  splitPath,
  without,
} from '../questionnaire-editor-model.ts';
import { inputReport } from '../../../ui/form-support.tsx';

/*
 * The questionnaire editor: sections and questions of the five types with their options, required
 * flags, show-conditions and German and English texts; reordering; checked with the shared schema
 * before saving, and the server's messages shown at the field of their path. Each save makes a new
 * version (based on the version it was loaded from; a newer one answers 409).
 */

type Errors = Record<string, string>;
const key = (path: Path) => path.join('.');

interface Ctx {
  t: SurveysT;
  errors: Errors;
  focusLater(id: string): void;
  announce(message: string): void;
}

function LocalizedFields(props: {
  ctx: Ctx;
  path: Path;
  label: string;
  value: LocalizedText | undefined;
  required?: boolean;
  onChange(v: LocalizedText | undefined): void;
}) {
  const { t, errors } = props.ctx;
  const v = props.value ?? { de: '', en: '' };
  const set = (lang: 'de' | 'en', s: string) => {
    const next = { ...v, [lang]: s };
    props.onChange(!props.required && next.de === '' && next.en === '' ? undefined : next);
  };
  return (
    <Group grow align="flex-start" gap="sm" wrap="wrap">
      <TextInput
        id={fieldId([...props.path, 'de'])}
        label={`${props.label} (${t('editor.german')})`}
        required={props.required}
        miw={220}
        value={v.de}
        onChange={(e) => set('de', e.currentTarget.value)}
        error={errors[key([...props.path, 'de'])] ?? errors[key(props.path)]}
      />
      <TextInput
        id={fieldId([...props.path, 'en'])}
        label={`${props.label} (${t('editor.english')})`}
        lang="en"
        miw={220}
        value={v.en}
        onChange={(e) => set('en', e.currentTarget.value)}
        error={errors[key([...props.path, 'en'])]}
      />
    </Group>
  );
}

function NumberField(props: {
  ctx: Ctx;
  path: Path;
  label: string;
  value: number | undefined;
  description?: string;
  onChange(v: number | undefined): void;
}) {
  const [raw, setRaw] = useState(props.value === undefined ? '' : String(props.value));
  useEffect(() => setRaw(props.value === undefined ? '' : String(props.value)), [props.value]);
  return (
    <TextInput
      id={fieldId(props.path)}
      label={props.label}
      description={props.description}
      inputMode="numeric"
      w={{ base: '100%', xs: 180 }}
      value={raw}
      error={props.ctx.errors[key(props.path)]}
      onChange={(e) => {
        const s = e.currentTarget.value;
        setRaw(s);
        if (s.trim() === '') props.onChange(undefined);
        else if (/^-?\d+$/.test(s.trim())) props.onChange(Number(s.trim()));
        else props.onChange(Number.NaN);
      }}
    />
  );
}

/** Move up, move down, remove – named with the item so a screen reader knows which. */
function ItemActions(props: {
  ctx: Ctx;
  path: Path;
  name: string;
  index: number;
  count: number;
  min: number;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = props.ctx;
  const idOf = (what: string, i: number) => `${fieldId([...props.path.slice(0, -1), i])}-${what}`;
  return (
    <Group gap={4} wrap="wrap">
      <Button
        id={idOf('up', props.index)}
        variant="subtle"
        size="compact-sm"
        disabled={props.index === 0}
        aria-label={t('editor.moveUpLabel', { name: props.name })}
        onClick={() => {
          props.onMove(-1);
          props.ctx.focusLater(idOf('up', props.index - 1));
          props.ctx.announce(t('editor.moved', { name: props.name }));
        }}
      >
        {t('editor.moveUp')}
      </Button>
      <Button
        id={idOf('down', props.index)}
        variant="subtle"
        size="compact-sm"
        disabled={props.index === props.count - 1}
        aria-label={t('editor.moveDownLabel', { name: props.name })}
        onClick={() => {
          props.onMove(1);
          props.ctx.focusLater(idOf('down', props.index + 1));
          props.ctx.announce(t('editor.moved', { name: props.name }));
        }}
      >
        {t('editor.moveDown')}
      </Button>
      <Button
        variant="subtle"
        color="#a51d1d"
        size="compact-sm"
        disabled={props.count <= props.min}
        aria-label={t('editor.removeLabel', { name: props.name })}
        onClick={() => {
          props.onRemove();
          props.ctx.announce(t('editor.removed', { name: props.name }));
        }}
      >
        {t('editor.remove')}
      </Button>
    </Group>
  );
}

function OptionList(props: {
  ctx: Ctx;
  path: Path;
  kind: 'options' | 'rows' | 'scale';
  list: SurveyOption[];
  onChange(list: SurveyOption[]): void;
}) {
  const { t, errors } = props.ctx;
  const itemName = (i: number) => t(`editor.item.${props.kind}` as SurveysKey, { n: i + 1 });
  return (
    <fieldset className="qe-list">
      <legend className="qe-legend">{t(`editor.lists.${props.kind}` as SurveysKey)}</legend>
      {errors[key(props.path)] ? (
        <Text c="red.9" size="sm" fw={600}>
          {errors[key(props.path)]}
        </Text>
      ) : null}
      <Stack gap="xs">
        {props.list.map((o, i) => {
          const p = [...props.path, i];
          const set = (next: SurveyOption) => props.onChange(replaceAt(props.list, i, next));
          return (
            <fieldset key={i} className="qe-item">
              <legend className="qe-item-legend">{itemName(i)}</legend>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  id={fieldId([...p, 'code'])}
                  label={t('editor.fields.code')}
                  w={150}
                  required
                  value={o.code}
                  onChange={(e) => set({ ...o, code: e.currentTarget.value })}
                  error={errors[key([...p, 'code'])]}
                />
                <TextInput
                  id={fieldId([...p, 'label', 'de'])}
                  label={t('editor.german')}
                  required
                  miw={180}
                  style={{ flex: 1 }}
                  value={o.label.de}
                  onChange={(e) => set({ ...o, label: { ...o.label, de: e.currentTarget.value } })}
                  error={errors[key([...p, 'label', 'de'])] ?? errors[key([...p, 'label'])]}
                />
                <TextInput
                  id={fieldId([...p, 'label', 'en'])}
                  label={t('editor.english')}
                  lang="en"
                  miw={180}
                  style={{ flex: 1 }}
                  value={o.label.en}
                  onChange={(e) => set({ ...o, label: { ...o.label, en: e.currentTarget.value } })}
                  error={errors[key([...p, 'label', 'en'])]}
                />
              </Group>
              <ItemActions
                ctx={props.ctx}
                path={p}
                name={itemName(i)}
                index={i}
                count={props.list.length}
                min={props.kind === 'rows' ? 1 : 2}
                onMove={(by) => props.onChange(move(props.list, i, by))}
                onRemove={() => props.onChange(without(props.list, i))}
              />
            </fieldset>
          );
        })}
      </Stack>
      <Button
        id={`${fieldId(props.path)}-add`}
        variant="default"
        size="compact-sm"
        mt="xs"
        onClick={() => {
          const n = props.list.length + 1;
          props.onChange([...props.list, { code: `${props.kind === 'rows' ? 'z' : 'a'}${n}`, label: { de: '', en: '' } }]);
          props.ctx.focusLater(fieldId([...props.path, props.list.length, 'label', 'de']));
        }}
      >
        {t(`editor.add.${props.kind}` as SurveysKey)}
      </Button>
    </fieldset>
  );
}

function ConditionFields(props: {
  ctx: Ctx;
  path: Path;
  earlier: SurveyQuestion[];
  value: SurveyCondition | undefined;
  onChange(c: SurveyCondition | undefined): void;
}) {
  const { t, errors } = props.ctx;
  const candidates = props.earlier.filter((q) => q.type === 'single' || q.type === 'multi' || q.type === 'number');
  const c = props.value;
  const target = c ? props.earlier.find((q) => q.id === c.question) : undefined;
  const cp = [...props.path, 'condition'];
  return (
    <fieldset className="qe-list">
      <legend className="qe-legend">{t('editor.condition')}</legend>
      <NativeSelect
        id={fieldId([...cp, 'question'])}
        label={t('editor.conditionQuestion')}
        description={t('editor.conditionHint')}
        value={c?.question ?? ''}
        error={errors[key([...cp, 'question'])] ?? errors[key([...cp, 'anyOf'])] ?? errors[key(cp)]}
        data={[
          { value: '', label: t('editor.noCondition') },
          ...candidates.map((q) => ({ value: q.id, label: `${q.id}: ${q.text.de}`.slice(0, 90) })),
        ]}
        onChange={(e) => {
          const id = e.currentTarget.value;
          const q = props.earlier.find((x) => x.id === id);
          if (!q) props.onChange(undefined);
          else if (q.type === 'number') props.onChange({ question: id, min: q.min });
          else props.onChange({ question: id, anyOf: [] });
        }}
      />
      {target && (target.type === 'single' || target.type === 'multi') && c ? (
        <Checkbox.Group
          label={t('editor.conditionAnyOf')}
          value={c.anyOf ?? []}
          mt="xs"
          onChange={(v) => props.onChange({ question: c.question, anyOf: target.options.map((o) => o.code).filter((x) => v.includes(x)) })}
        >
          <Group gap="md" mt={4}>
            {target.options.map((o) => (
              <Checkbox key={o.code} value={o.code} label={o.label.de} />
            ))}
          </Group>
        </Checkbox.Group>
      ) : null}
      {target?.type === 'number' && c ? (
        <Group gap="sm" mt="xs">
          <NumberField
            ctx={props.ctx}
            path={[...cp, 'min']}
            label={t('editor.conditionMin')}
            value={c.min}
            onChange={(v) => props.onChange({ question: c.question, min: v, max: c.max })}
          />
          <NumberField
            ctx={props.ctx}
            path={[...cp, 'max']}
            label={t('editor.conditionMax')}
            value={c.max}
            onChange={(v) => props.onChange({ question: c.question, min: c.min, max: v })}
          />
        </Group>
      ) : null}
    </fieldset>
  );
}

function QuestionEditor(props: { ctx: Ctx; path: Path; q: SurveyQuestion; earlier: SurveyQuestion[]; onChange(q: SurveyQuestion): void }) {
  const { t, errors } = props.ctx;
  const { q, path } = props;
  const set = (patch: Partial<SurveyQuestion>) => props.onChange({ ...q, ...patch } as SurveyQuestion);
  return (
    <Stack gap="sm">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          id={fieldId([...path, 'id'])}
          label={t('editor.fields.id')}
          description={t('editor.idHint')}
          required
          w={{ base: '100%', xs: 240 }}
          value={q.id}
          onChange={(e) => set({ id: e.currentTarget.value })}
          error={errors[key([...path, 'id'])]}
        />
        <NativeSelect
          id={fieldId([...path, 'type'])}
          label={t('editor.fields.type')}
          value={q.type}
          w={{ base: '100%', xs: 240 }}
          data={QUESTION_TYPES.map((x) => ({ value: x, label: t(`editor.types.${x}`) }))}
          onChange={(e) => props.onChange(changeType(q, e.currentTarget.value as SurveyQuestionType))}
        />
      </Group>
      <LocalizedFields
        ctx={props.ctx}
        path={[...path, 'text']}
        label={t('editor.fields.text')}
        required
        value={q.text}
        onChange={(v) => set({ text: v! })}
      />
      <LocalizedFields
        ctx={props.ctx}
        path={[...path, 'help']}
        label={t('editor.fields.help')}
        value={q.help}
        onChange={(v) => set({ help: v })}
      />
      <Checkbox
        id={fieldId([...path, 'required'])}
        label={t('editor.fields.required')}
        checked={q.required}
        onChange={(e) => set({ required: e.currentTarget.checked })}
      />
      {q.type === 'single' ? (
        <NativeSelect
          id={fieldId([...path, 'role'])}
          label={t('editor.fields.role')}
          description={t('editor.roleHint')}
          value={q.role ?? ''}
          w={{ base: '100%', xs: 320 }}
          error={errors[key([...path, 'role'])]}
          data={[
            { value: '', label: t('editor.roles.none') },
            ...WEIGHTING_ROLES.map((r) => ({ value: r, label: t(`editor.roles.${r}`) })),
          ]}
          onChange={(e) => props.onChange({ ...q, role: (e.currentTarget.value || undefined) as typeof q.role })}
        />
      ) : null}
      {q.type === 'single' || q.type === 'multi' ? (
        <OptionList
          ctx={props.ctx}
          path={[...path, 'options']}
          kind="options"
          list={q.options}
          onChange={(options) => props.onChange({ ...q, options })}
        />
      ) : null}
      {q.type === 'multi' ? (
        <NumberField
          ctx={props.ctx}
          path={[...path, 'maxChoices']}
          label={t('editor.fields.maxChoices')}
          description={t('editor.maxChoicesHint')}
          value={q.maxChoices}
          onChange={(v) => props.onChange({ ...q, maxChoices: v })}
        />
      ) : null}
      {q.type === 'matrix' ? (
        <>
          <OptionList
            ctx={props.ctx}
            path={[...path, 'rows']}
            kind="rows"
            list={q.rows}
            onChange={(rows) => props.onChange({ ...q, rows })}
          />
          <OptionList
            ctx={props.ctx}
            path={[...path, 'scale']}
            kind="scale"
            list={q.scale}
            onChange={(scale) => props.onChange({ ...q, scale })}
          />
        </>
      ) : null}
      {q.type === 'number' ? (
        <>
          <Group gap="sm" align="flex-start">
            <NumberField
              ctx={props.ctx}
              path={[...path, 'min']}
              label={t('editor.fields.min')}
              value={q.min}
              onChange={(v) => props.onChange({ ...q, min: v as number })}
            />
            <NumberField
              ctx={props.ctx}
              path={[...path, 'max']}
              label={t('editor.fields.max')}
              value={q.max}
              onChange={(v) => props.onChange({ ...q, max: v as number })}
            />
          </Group>
          <LocalizedFields
            ctx={props.ctx}
            path={[...path, 'unit']}
            label={t('editor.fields.unit')}
            value={q.unit}
            onChange={(v) => props.onChange({ ...q, unit: v })}
          />
        </>
      ) : null}
      {q.type === 'text' ? (
        <NumberField
          ctx={props.ctx}
          path={[...path, 'maxLength']}
          label={t('editor.fields.maxLength')}
          value={q.maxLength}
          onChange={(v) => props.onChange({ ...q, maxLength: v as number })}
        />
      ) : null}
      <ConditionFields ctx={props.ctx} path={path} earlier={props.earlier} value={q.condition} onChange={(c) => set({ condition: c })} />
    </Stack>
  );
}

function SectionEditor(props: {
  ctx: Ctx;
  index: number;
  count: number;
  section: SurveySection;
  def: QuestionnaireDefinition;
  open: string[];
  onOpen(v: string[]): void;
  onChange(s: SurveySection): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { t, errors } = props.ctx;
  const { section: s, index: si } = props;
  const path: Path = ['sections', si];
  const [newType, setNewType] = useState<SurveyQuestionType>('single');
  const before = allQuestions({ ...props.def, sections: props.def.sections.slice(0, si) });
  const name = t('editor.item.sections', { n: si + 1 });
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md" component="section" aria-labelledby={`${fieldId(path)}-heading`}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={3} fz="lg" id={`${fieldId(path)}-heading`}>
          {name}: {s.title.de}
        </Title>
        <ItemActions
          ctx={props.ctx}
          path={path}
          name={name}
          index={si}
          count={props.count}
          min={1}
          onMove={props.onMove}
          onRemove={props.onRemove}
        />
      </Group>
      <Stack gap="sm">
        <TextInput
          id={fieldId([...path, 'id'])}
          label={t('editor.fields.sectionId')}
          required
          w={{ base: '100%', xs: 240 }}
          value={s.id}
          onChange={(e) => props.onChange({ ...s, id: e.currentTarget.value })}
          error={errors[key([...path, 'id'])]}
        />
        <LocalizedFields
          ctx={props.ctx}
          path={[...path, 'title']}
          label={t('editor.fields.sectionTitle')}
          required
          value={s.title}
          onChange={(v) => props.onChange({ ...s, title: v! })}
        />
        {errors[key([...path, 'questions'])] ? (
          <Text c="red.9" size="sm" fw={600}>
            {errors[key([...path, 'questions'])]}
          </Text>
        ) : null}
        <Accordion multiple value={props.open} onChange={props.onOpen} variant="separated" chevronPosition="left">
          {s.questions.map((q, qi) => {
            const qp: Path = [...path, 'questions', qi];
            const qname = t('editor.questionName', { n: qi + 1, id: q.id });
            const hasError = Object.keys(errors).some((k) => k.startsWith(`${key(qp)}.`) || k === key(qp));
            return (
              <Accordion.Item key={qi} value={`${si}.${qi}`}>
                <Accordion.Control id={`${fieldId(qp)}-control`}>
                  <Text fw={600} size="sm">
                    {qname} · {t(`editor.types.${q.type}`)}
                    {q.required ? ` · ${t('editor.fields.required')}` : ''}
                    {hasError ? ` · ${t('editor.hasErrors')}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {q.text.de}
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  <QuestionEditor
                    ctx={props.ctx}
                    path={qp}
                    q={q}
                    earlier={[...before, ...s.questions.slice(0, qi)]}
                    onChange={(next) => props.onChange({ ...s, questions: replaceAt(s.questions, qi, next) })}
                  />
                  <Group mt="sm">
                    <ItemActions
                      ctx={props.ctx}
                      path={qp}
                      name={qname}
                      index={qi}
                      count={s.questions.length}
                      min={1}
                      onMove={(by) => props.onChange({ ...s, questions: move(s.questions, qi, by) })}
                      onRemove={() => props.onChange({ ...s, questions: without(s.questions, qi) })}
                    />
                  </Group>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('editor.newQuestionType')}
            value={newType}
            w={{ base: '100%', xs: 240 }}
            id={`${fieldId(path)}-new-type`}
            data={QUESTION_TYPES.map((x) => ({ value: x, label: t(`editor.types.${x}`) }))}
            onChange={(e) => setNewType(e.currentTarget.value as SurveyQuestionType)}
          />
          <Button
            id={`${fieldId([...path, 'questions'])}-add`}
            variant="default"
            onClick={() => {
              const q = newQuestion(props.def, newType);
              props.onChange({ ...s, questions: [...s.questions, q] });
              props.onOpen([...props.open, `${si}.${s.questions.length}`]);
              props.ctx.focusLater(fieldId([...path, 'questions', s.questions.length, 'text', 'de']));
            }}
          >
            {t('editor.addQuestion')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A readable name of an error path for the summary: "Abschnitt 2 · Frage 1 (opfer) · Code". */
function pathName(t: SurveysT, def: QuestionnaireDefinition, dotted: string): string {
  const parts = splitPath(dotted);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i]!;
    const n = parts[i + 1];
    if ((p === 'sections' || p === 'questions' || p === 'options' || p === 'rows' || p === 'scale') && typeof n === 'number') {
      if (p === 'questions') {
        const si = parts[1] as number;
        const id = def.sections[si]?.questions[n]?.id ?? '';
        out.push(t('editor.questionName', { n: n + 1, id }));
      } else out.push(t(`editor.item.${p}` as SurveysKey, { n: n + 1 }));
      i += 1;
    } else if (p === 'de' || p === 'en') out.push(p === 'de' ? t('editor.german') : t('editor.english'));
    else out.push(t(`editor.fields.${String(p)}` as SurveysKey, { defaultValue: String(p) }));
  }
  return out.join(' · ');
}

export function QuestionnaireEditor(props: {
  surveyId: number;
  initial: QuestionnaireDefinition;
  basedOnVersion: number;
  onSaved(version: number): void;
  /** Told of every change, so the preview can show the draft. */
  onDraft?(draft: QuestionnaireDefinition): void;
}) {
  const t = useSurveysT();
  const save = useSaveQuestionnaire(props.surveyId);
  const [draft, setDraftState] = useState<QuestionnaireDefinition>(props.initial);
  const setDraft = (next: QuestionnaireDefinition) => {
    setDraftState(next);
    props.onDraft?.(next);
  };
  const [errors, setErrors] = useState<Errors>({});
  const [report, setReport] = useState<ErrorReport | null>(null);
  const [open, setOpen] = useState<string[]>([]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, draft]);

  const ctx: Ctx = { t, errors, focusLater: setFocusId, announce: setMessage };
  const fields = useMemo(() => {
    const out: Record<string, FieldRef> = {};
    for (const p of Object.keys(errors)) out[p] = { id: errorTargetId(splitPath(p)), label: pathName(t, draft, p) };
    return out;
  }, [errors, draft, t]);

  function showErrors(found: Errors, base?: ErrorReport) {
    setErrors(found);
    setOpen((o) => [...new Set([...o, ...questionsWithErrors(Object.keys(found))])]);
    setReport(base ? { ...base, fields: found } : inputReport(found));
    setFocusId('qe-summary');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkDefinition(draft, (issue) => issueMessage(issue as Parameters<typeof issueMessage>[0]));
    if (!checked.ok) return showErrors(checked.errors);
    try {
      const saved = await save.mutateAsync({ basedOnVersion: props.basedOnVersion, definition: checked.definition });
      setErrors({});
      setReport(null);
      setMessage(t('editor.saved', { version: saved.version }));
      props.onSaved(saved.version);
    } catch (err) {
      const found: Errors = {};
      for (const fe of err instanceof ApiError ? (err.problem.errors ?? []) : []) {
        const p = definitionPathOf(fe.field);
        if (p) found[p] ??= fe.message;
      }
      showErrors(found, describeError(err));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('editor.formLabel')}>
      <div role="status" aria-live="polite" className="visually-hidden">
        {message}
      </div>
      <div id="qe-summary" tabIndex={-1}>
        <ErrorSummary report={report} fields={fields} />
      </div>
      <Stack gap="lg">
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
          <Stack gap="sm">
            <LocalizedFields
              ctx={ctx}
              path={['title']}
              label={t('editor.fields.title')}
              required
              value={draft.title}
              onChange={(v) => setDraft({ ...draft, title: v! })}
            />
            <LocalizedFields
              ctx={ctx}
              path={['intro']}
              label={t('editor.fields.intro')}
              value={draft.intro}
              onChange={(v) => setDraft({ ...draft, intro: v })}
            />
          </Stack>
        </Paper>
        {draft.sections.map((s, si) => (
          <SectionEditor
            key={si}
            ctx={ctx}
            index={si}
            count={draft.sections.length}
            section={s}
            def={draft}
            open={open}
            onOpen={setOpen}
            onChange={(next) => setDraft({ ...draft, sections: replaceAt(draft.sections, si, next) })}
            onMove={(by) => setDraft({ ...draft, sections: move(draft.sections, si, by) })}
            onRemove={() => setDraft({ ...draft, sections: without(draft.sections, si) })}
          />
        ))}
        {errors.sections ? (
          <Text c="red.9" size="sm" fw={600}>
            {errors.sections}
          </Text>
        ) : null}
        <Group gap="sm">
          <Button
            id="qe-sections-add"
            variant="default"
            onClick={() => {
              setDraft({ ...draft, sections: [...draft.sections, newSection(draft)] });
              setFocusId(fieldId(['sections', draft.sections.length, 'title', 'de']));
            }}
          >
            {t('editor.addSection')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('editor.save')}
          </Button>
          <Button
            variant="subtle"
            onClick={() => {
              setDraft(props.initial);
              setErrors({});
              setReport(null);
              setMessage(t('editor.reset'));
            }}
          >
            {t('editor.resetButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
