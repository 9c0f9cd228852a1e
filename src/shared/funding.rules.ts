/*
 * The funding rules as pure functions over integer cents, shared by the server (which enforces
 * them) and the web form (which shows them live). Shares are basis points: 9000 = 90 %.
 * Rounding (decision 012): a ceiling the state pays is rounded down to the cent, a minimum the
 * applicant must bring is rounded up; products are computed in BigInt, never in floating point.
 */

type Text = { de: string; en: string };

/** Largest single amount accepted: 1 billion euros in cents. */
export const MAX_CENTS = 100_000_000_000;

export const COST_CATEGORIES = ['staff', 'material', 'fees', 'travel', 'public_relations', 'other', 'investment'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const PAY_GRADES = ['E7', 'E11', 'E14', 'E15'] as const;
export type PayGrade = (typeof PAY_GRADES)[number];

export const COST_CATEGORY_LABELS: Record<CostCategory, Text> = {
  staff: { de: 'Personal', en: 'Staff' },
  material: { de: 'Sachmittel', en: 'Material' },
  fees: { de: 'Honorare', en: 'Fees' },
  travel: { de: 'Reisekosten', en: 'Travel' },
  public_relations: { de: 'Öffentlichkeitsarbeit', en: 'Public relations' },
  other: { de: 'Sonstiges', en: 'Other' },
  investment: { de: 'Investitionen (nicht förderfähig)', en: 'Investment (ineligible)' },
};

export const RULE_CODES = [
  'money_cents',
  'investment_ineligible',
  'staff_pay_grade',
  'staff_cost_cap',
  'cost_plan_required',
  'financing_balanced',
  'own_in_kind_within_own',
  'max_funding_share',
  'min_own_share',
  'min_grant',
  'application_window',
  'prior_consultation',
  'beccaria_description',
  'field_of_action',
  'programme_budget',
  'field_quota',
  'decision_amount',
  'payments_within_grant',
  'reimbursement_proven_costs',
  'payment_kind',
  'paid_within_requested',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** The name of every rule, as messages quote it. */
export const RULE_NAMES: Record<RuleCode, Text> = {
  money_cents: { de: 'Geldbeträge in ganzen Cent', en: 'Money in whole cents' },
  investment_ineligible: { de: 'Investitionen nicht förderfähig', en: 'Investment ineligible' },
  staff_pay_grade: { de: 'Personalkosten mit Entgeltgruppe', en: 'Staff costs with pay grade' },
  staff_cost_cap: { de: 'Personalkostenobergrenze', en: 'Staff cost cap' },
  cost_plan_required: { de: 'Kostenplan erforderlich', en: 'Cost plan required' },
  financing_balanced: { de: 'Ausgeglichener Finanzierungsplan', en: 'Balanced financing plan' },
  own_in_kind_within_own: { de: 'Sachleistungen Teil des Eigenanteils', en: 'In-kind part of own share' },
  max_funding_share: { de: 'Höchstförderquote', en: 'Maximum funding share' },
  min_own_share: { de: 'Mindesteigenanteil', en: 'Minimum own share' },
  min_grant: { de: 'Mindestzuwendung', en: 'Minimum grant' },
  application_window: { de: 'Antragsfrist', en: 'Application window' },
  prior_consultation: { de: 'Vorherige Beratung durch den Landespräventionsrat', en: 'Prior consultation by the state prevention council' },
  beccaria_description: { de: 'Projektbeschreibung nach dem Beccaria-Standard', en: 'Project description after the Beccaria standard' },
  field_of_action: { de: 'Handlungsfeld des Projekts', en: 'Field of action of the project' },
  programme_budget: { de: 'Programmbudget', en: 'Programme budget' },
  field_quota: { de: 'Kontingent des Handlungsfelds', en: 'Quota of the field of action' },
  decision_amount: { de: 'Bewilligungsbetrag', en: 'Approved amount' },
  payments_within_grant: { de: 'Auszahlungen höchstens bis zur Zuwendung', en: 'Payments within the grant' },
  reimbursement_proven_costs: { de: 'Erstattung nachgewiesener Ausgaben', en: 'Reimbursement of proven costs' },
  payment_kind: { de: 'Art der Auszahlung', en: 'Kind of payment' },
  paid_within_requested: { de: 'Ausgezahlt höchstens wie angefordert', en: 'Paid within the request' },
};

export interface RuleViolation {
  rule: RuleCode;
  field: string;
  message: Text;
}

/** A violation whose message starts with the rule's name. */
export function violation(rule: RuleCode, field: string, text: Text): RuleViolation {
  return { rule, field, message: { de: `Regel „${RULE_NAMES[rule].de}“: ${text.de}`, en: `Rule "${RULE_NAMES[rule].en}": ${text.en}` } };
}

// ---- money ----

/** Whether a value is an amount in whole, non-negative cents within the limit. */
export function isCents(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_CENTS;
}

/** floor(amount × bp / 10 000) in exact integer arithmetic. */
export function shareFloor(amountCents: number, bp: number): number {
  return Number((BigInt(amountCents) * BigInt(bp)) / 10_000n);
}

/** ceil(amount × bp / 10 000) in exact integer arithmetic. */
export function shareCeil(amountCents: number, bp: number): number {
  const p = BigInt(amountCents) * BigInt(bp);
  return Number((p + 9_999n) / 10_000n);
}

/** floor(a × b / c) in exact integer arithmetic (c > 0). */
export function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

const EURO = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const EURO_EN = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** "12.345,67 €" from cents, without floating point: euros and cents are formatted apart. */
export function formatEuro(cents: number, lang: 'de' | 'en' = 'de'): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100);
  const rest = abs % 100;
  const whole = (lang === 'de' ? EURO : EURO_EN).format(euros);
  const sep = lang === 'de' ? ',' : '.';
  const text = `${whole}${sep}${String(rest).padStart(2, '0')}`;
  return lang === 'de' ? `${neg ? '-' : ''}${text} €` : `${neg ? '-' : ''}€${text}`;
}

/**
 * Cents from a euro amount typed by a person: "12.345,67", "12345,5", "12345" or "12345.67" (a
 * single dot followed by one or two digits is read as decimal point). Null when it is not an amount
 * of whole cents.
 */
export function parseEuroToCents(input: string): number | null {
  const s = input.replace(/[\s€\u00a0]/g, '');
  if (!s) return null;
  let euros: string;
  let cents = '';
  if (/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(s) || /^\d+(,\d{1,2})?$/.test(s)) {
    [euros, cents = ''] = s.replaceAll('.', '').split(',') as [string, string?];
  } else if (/^\d+\.\d{1,2}$/.test(s)) {
    [euros, cents = ''] = s.split('.') as [string, string?];
  } else {
    return null;
  }
  const value = Number(euros) * 100 + Number(cents.padEnd(2, '0') || '0');
  return isCents(value) ? value : null;
}

// ---- the programme's rules ----

export interface StaffCaps {
  E7: number;
  E11: number;
  E14: number;
  E15: number;
}
export interface Quota {
  fieldId: number;
  quotaCents: number;
}

export interface ProgrammeRules {
  budgetCents: number;
  windowOpens: string;
  windowCloses: string;
  maxFundingShareBp: number;
  minOwnShareBp: number;
  minGrantCents: number;
  reimbursementThresholdCents: number;
  /** Monthly cap of eligible staff costs per pay grade (TV-L, step 3, with employer's share). */
  staffCaps: StaffCaps;
  quotas: Quota[];
}

/**
 * Defaults of a new programme (RL KommPräv as read in decision 012). The staff caps are example
 * values for council staff to check each year; every value is data, edited per programme.
 */
export function defaultRules(year: number, budgetCents: number): ProgrammeRules {
  return {
    budgetCents,
    windowOpens: `${year - 1}-08-31`,
    windowCloses: `${year - 1}-10-15`,
    maxFundingShareBp: 9000,
    minOwnShareBp: 1000,
    minGrantCents: 1_000_000,
    reimbursementThresholdCents: 2_000_000,
    staffCaps: { E7: 415_000, E11: 532_000, E14: 638_000, E15: 705_000 },
    quotas: [],
  };
}

// ---- an application's plan ----

export interface CostItem {
  category: CostCategory;
  description: string;
  amountCents: number;
  payGrade: PayGrade | null;
  months: number | null;
  /** Absent: investment is ineligible, everything else eligible. */
  eligible?: boolean | undefined;
}

export interface Financing {
  ownCents: number;
  ownInKindCents: number;
  thirdPartyCents: number;
  requestedCents: number;
}

export interface PlanTotals {
  totalCents: number;
  eligibleCents: number;
  byCategory: Record<CostCategory, number>;
}

/** Whether an item counts as eligible: investment never does, others unless flagged otherwise. */
export function itemEligible(item: Pick<CostItem, 'category' | 'eligible'>): boolean {
  return item.category !== 'investment' && item.eligible !== false;
}

export function planTotals(items: readonly CostItem[]): PlanTotals {
  const byCategory = Object.fromEntries(COST_CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;
  let totalCents = 0;
  let eligibleCents = 0;
  for (const i of items) {
    const a = isCents(i.amountCents) ? i.amountCents : 0;
    totalCents += a;
    byCategory[i.category] += a;
    if (itemEligible(i)) eligibleCents += a;
  }
  return { totalCents, eligibleCents, byCategory };
}

/** Every rule an application's cost and financing plan breaks (empty when it is fine). */
export function checkPlan(
  plan: { costItems: readonly CostItem[]; financing: Financing; smallGrantJustification: string | null },
  rules: ProgrammeRules,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const f = plan.financing;
  plan.costItems.forEach((item, i) => {
    const at = `costItems.${i}`;
    if (!isCents(item.amountCents))
      out.push(
        violation('money_cents', `${at}.amountCents`, {
          de: 'Der Betrag muss in ganzen Cent angegeben und nicht negativ sein.',
          en: 'The amount must be given in whole cents and not be negative.',
        }),
      );
    if (item.category === 'investment' && item.eligible === true) {
      out.push(
        violation('investment_ineligible', `${at}.eligible`, {
          de: `„${item.description}“ ist eine Investition und kann nicht als förderfähig gelten.`,
          en: `"${item.description}" is an investment and cannot count as eligible.`,
        }),
      );
    }
    if (item.category === 'staff') {
      if (!item.payGrade || !item.months) {
        out.push(
          violation('staff_pay_grade', `${at}.payGrade`, {
            de: 'Personalkosten brauchen Entgeltgruppe und Monate.',
            en: 'Staff costs need a pay grade and months.',
          }),
        );
      } else if (itemEligible(item) && isCents(item.amountCents)) {
        const cap = rules.staffCaps[item.payGrade] * item.months;
        if (item.amountCents > cap) {
          out.push(
            violation('staff_cost_cap', `${at}.amountCents`, {
              de: `${formatEuro(item.amountCents)} übersteigen die Obergrenze für ${item.payGrade} über ${item.months} Monate (${formatEuro(cap)}).`,
              en: `${formatEuro(item.amountCents, 'en')} exceed the cap for ${item.payGrade} over ${item.months} months (${formatEuro(cap, 'en')}).`,
            }),
          );
        }
      }
    }
  });
  for (const k of ['ownCents', 'ownInKindCents', 'thirdPartyCents', 'requestedCents'] as const) {
    if (!isCents(f[k]))
      out.push(
        violation('money_cents', `financing.${k}`, {
          de: 'Der Betrag muss in ganzen Cent angegeben und nicht negativ sein.',
          en: 'The amount must be given in whole cents and not be negative.',
        }),
      );
  }
  if (out.some((v) => v.rule === 'money_cents')) return out;
  if (!plan.costItems.length) {
    out.push(
      violation('cost_plan_required', 'costItems', {
        de: 'Der Kostenplan braucht mindestens eine Position.',
        en: 'The cost plan needs at least one item.',
      }),
    );
    return out;
  }
  const t = planTotals(plan.costItems);
  const financed = f.ownCents + f.thirdPartyCents + f.requestedCents;
  if (financed !== t.totalCents) {
    out.push(
      violation('financing_balanced', 'financing', {
        de: `Eigenanteil, Drittmittel und Zuwendung (${formatEuro(financed)}) müssen die Gesamtausgaben (${formatEuro(t.totalCents)}) decken.`,
        en: `Own share, third-party funds and grant (${formatEuro(financed, 'en')}) must equal the total costs (${formatEuro(t.totalCents, 'en')}).`,
      }),
    );
  }
  if (f.ownInKindCents > f.ownCents) {
    out.push(
      violation('own_in_kind_within_own', 'financing.ownInKindCents', {
        de: 'Sachleistungen sind Teil des Eigenanteils und können ihn nicht übersteigen.',
        en: 'In-kind contributions are part of the own share and cannot exceed it.',
      }),
    );
  }
  const maxGrant = shareFloor(t.eligibleCents, rules.maxFundingShareBp);
  if (f.requestedCents > maxGrant) {
    out.push(
      violation('max_funding_share', 'financing.requestedCents', {
        de: `Die beantragte Zuwendung (${formatEuro(f.requestedCents)}) übersteigt ${rules.maxFundingShareBp / 100} % der förderfähigen Ausgaben (${formatEuro(maxGrant)}).`,
        en: `The requested grant (${formatEuro(f.requestedCents, 'en')}) exceeds ${rules.maxFundingShareBp / 100} % of the eligible costs (${formatEuro(maxGrant, 'en')}).`,
      }),
    );
  }
  const minOwn = shareCeil(t.eligibleCents, rules.minOwnShareBp);
  if (f.ownCents < minOwn) {
    out.push(
      violation('min_own_share', 'financing.ownCents', {
        de: `Der Eigenanteil (${formatEuro(f.ownCents)}) muss mindestens ${rules.minOwnShareBp / 100} % der förderfähigen Ausgaben betragen (${formatEuro(minOwn)}).`,
        en: `The own share (${formatEuro(f.ownCents, 'en')}) must be at least ${rules.minOwnShareBp / 100} % of the eligible costs (${formatEuro(minOwn, 'en')}).`,
      }),
    );
  }
  if (f.requestedCents < rules.minGrantCents && !plan.smallGrantJustification?.trim()) {
    out.push(
      violation('min_grant', 'smallGrantJustification', {
        de: `Zuwendungen unter ${formatEuro(rules.minGrantCents)} nur als begründete Ausnahme: Bitte die Begründung angeben.`,
        en: `Grants below ${formatEuro(rules.minGrantCents, 'en')} only as a justified exception: please give the justification.`,
      }),
    );
  }
  return out;
}

/** Whether a date lies inside the programme's application window (inclusive). */
export function insideWindow(date: string, rules: Pick<ProgrammeRules, 'windowOpens' | 'windowCloses'>): boolean {
  return date >= rules.windowOpens && date <= rules.windowCloses;
}

/**
 * The grant due after the proof of use: the approved share of the checked eligible costs, never
 * more than approved (rounded down); and what must be paid back of what was paid.
 */
export function settleProof(o: { approvedCents: number; plannedEligibleCents: number; checkedEligibleCents: number; paidCents: number }): {
  entitledCents: number;
  repaymentCents: number;
} {
  const entitled =
    o.plannedEligibleCents > 0
      ? Math.min(o.approvedCents, mulDivFloor(o.checkedEligibleCents, o.approvedCents, o.plannedEligibleCents))
      : 0;
  return { entitledCents: entitled, repaymentCents: Math.max(0, o.paidCents - entitled) };
}
