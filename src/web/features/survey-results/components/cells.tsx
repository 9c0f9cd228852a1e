import { Table } from '@mantine/core';
import { pct, sePoints } from '../format.ts';
import { useSurveyResultsT } from '../i18n.ts';

type Mark = 'primary' | 'secondary' | null;

/** The text of a suppressed cell: "< k" for a small group, "unterdrückt" for a complementary one. */
export function useSuppressedText(k: number) {
  const t = useSurveyResultsT();
  return (mark: Mark) => (mark === 'primary' ? t('table.suppressedPrimary', { k }) : t('table.suppressedSecondary'));
}

/** n, share, standard error and interval cells of one row, or one cell spanning them saying the value is suppressed. */
export function ShareCells({
  n,
  share,
  se,
  low,
  high,
  mark,
  k,
  lang,
  fixed = false,
}: {
  fixed?: boolean;
  n: number | null;
  share: number | null;
  se: number | null;
  low: number | null;
  high: number | null;
  mark: Mark;
  k: number;
  lang: string;
}) {
  const t = useSurveyResultsT();
  const suppressed = useSuppressedText(k);
  if (mark)
    return (
      <Table.Td colSpan={4} className="suppressed" data-suppressed={mark}>
        {suppressed(mark)}
      </Table.Td>
    );
  return (
    <>
      <Table.Td className="num">{n ?? '–'}</Table.Td>
      <Table.Td className="num">{pct(share, lang)}</Table.Td>
      <Table.Td className="num">{share === null || fixed ? '–' : sePoints(se, lang)}</Table.Td>
      <Table.Td className="num">
        {share === null ? '–' : fixed ? t('table.fixed') : low === null || high === null ? '–' : `${pct(low, lang)} – ${pct(high, lang)}`}
      </Table.Td>
    </>
  );
}
