import type { Application } from '../../../../shared/funding.schema.ts';
import {
  checkPlan,
  type CostCategory,
  type CostItem,
  type PayGrade,
  planTotals,
  type ProgrammeRules,
  type RuleViolation,
} from '../../../../shared/funding.rules.ts';
import { centsToInput, inputToCents } from './common.tsx';

/*
 * The application form's model: rows of text as typed, turned into the plan in cents for the live
 * rule check (the same `checkPlan` the server enforces) and for the request.
 */

export interface CostRow {
  key: number;
  category: CostCategory;
  description: string;
  amount: string;
  payGrade: PayGrade | '';
  months: string;
  eligible: boolean;
}
export interface FinancingRows {
  own: string;
  ownInKind: string;
  thirdParty: string;
  requested: string;
}

let seq = 0;
export const newCostRow = (category: CostCategory = 'material'): CostRow => ({
  key: ++seq,
  category,
  description: '',
  amount: '',
  payGrade: '',
  months: '',
  eligible: true,
});

export function rowsOf(a: Application): { rows: CostRow[]; financing: FinancingRows } {
  return {
    rows: a.costItems.map((i) => ({
      key: ++seq,
      category: i.category,
      description: i.description,
      amount: centsToInput(i.amountCents),
      payGrade: i.payGrade ?? '',
      months: i.months ? String(i.months) : '',
      eligible: i.category !== 'investment' && i.eligible,
    })),
    financing: {
      own: centsToInput(a.financing.ownCents),
      ownInKind: centsToInput(a.financing.ownInKindCents),
      thirdParty: centsToInput(a.financing.thirdPartyCents),
      requested: centsToInput(a.financing.requestedCents),
    },
  };
}

/** The plan in cents; amounts that are not whole cents stay null (the form flags them). */
export function planOf(rows: CostRow[], f: FinancingRows) {
  const costItems: (CostItem & { amountCents: number })[] = rows.map((r) => ({
    category: r.category,
    description: r.description.trim(),
    amountCents: inputToCents(r.amount) ?? Number.NaN,
    payGrade: r.category === 'staff' && r.payGrade ? r.payGrade : null,
    months: r.category === 'staff' && r.months ? Number(r.months) : null,
    eligible: r.category === 'investment' ? undefined : r.eligible,
  }));
  const financing = {
    ownCents: inputToCents(f.own) ?? Number.NaN,
    ownInKindCents: f.ownInKind.trim() ? (inputToCents(f.ownInKind) ?? Number.NaN) : 0,
    thirdPartyCents: f.thirdParty.trim() ? (inputToCents(f.thirdParty) ?? Number.NaN) : 0,
    requestedCents: inputToCents(f.requested) ?? Number.NaN,
  };
  return { costItems, financing };
}

/** The live check: every rule the plan breaks under the programme's rules, and the totals. */
export function livePlanCheck(
  rows: CostRow[],
  f: FinancingRows,
  justification: string,
  rules: ProgrammeRules | null,
): { violations: RuleViolation[]; totals: ReturnType<typeof planTotals> } {
  const plan = planOf(rows, f);
  const totals = planTotals(plan.costItems);
  if (!rules) return { violations: [], totals };
  return { violations: checkPlan({ ...plan, smallGrantJustification: justification }, rules), totals };
}

/** The request body's plan (JSON), with amounts as parsed; invalid ones are sent as they are for the server to name. */
export function requestPlan(rows: CostRow[], f: FinancingRows) {
  const plan = planOf(rows, f);
  return {
    costItems: plan.costItems.map((i) => ({
      ...i,
      amountCents: Number.isNaN(i.amountCents) ? -1 : i.amountCents,
      ...(i.eligible === undefined ? {} : { eligible: i.eligible }),
    })),
    financing: Object.fromEntries(Object.entries(plan.financing).map(([k, v]) => [k, Number.isNaN(v) ? -1 : v])) as typeof plan.financing,
  };
}
