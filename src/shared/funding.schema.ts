import { z } from 'zod';
import { csvDialectSchema } from './csv.schema.ts';
import { agsSchema, decimalInt, idParam, idSchema, INT4_MAX, isoDateSchema, versionSchema as version } from './common.schema.ts';
import { COST_CATEGORIES, isCents, MAX_CENTS, PAY_GRADES, RULE_CODES } from './funding.rules.ts';
import { fieldOfActionSchema, freeText, projectDocumentSchema, requiredText, stepsSchema } from './projects.schema.ts';

/*
 * The annual funding programme (after Saxony's RL KommPräv): programmes with their rules as data,
 * applications with cost and financing plan, review, decision and grant notice, payments, proof of
 * use, the budget overview and the list of funded projects. Money is integer cents, shares basis
 * points. The rules themselves are in funding.rules.ts (decision 012).
 */

type Text = { de: string; en: string };

/** An amount of money: whole cents, not negative. Anything else is refused naming the rule. */
export const centsSchema = z
  .number()
  .refine(isCents, {
    message: `Regel „Geldbeträge in ganzen Cent“: ganze Cent, nicht negativ, höchstens ${MAX_CENTS} / rule "Money in whole cents": whole cents, not negative, at most ${MAX_CENTS}`,
  })
  .meta({ description: 'Amount in integer cents (EUR), not negative' });
const bp = z.number().int().min(0).max(10_000).describe('Basis points: 9000 = 90 %');
const intId = idSchema;

export const FUNDING_LIMITS = {
  costItemsMax: 500,
  descriptionMax: 300,
  textMax: 4000,
  reportMax: 20_000,
  quotasMax: 50,
  reviewersMax: 10,
} as const;

// ---- programmes ----

export const staffCapsSchema = z
  .object({ E7: centsSchema, E11: centsSchema, E14: centsSchema, E15: centsSchema })
  .describe('Monthly cap of eligible staff costs per pay grade (TV-L, step 3)');
export const quotaSchema = z.object({ fieldId: intId, quotaCents: centsSchema });

const rulesShape = {
  budgetCents: centsSchema,
  windowOpens: isoDateSchema,
  windowCloses: isoDateSchema,
  maxFundingShareBp: bp,
  minOwnShareBp: bp,
  minGrantCents: centsSchema,
  reimbursementThresholdCents: centsSchema.describe('Approved grants below it are paid only as reimbursement of proven costs'),
  staffCaps: staffCapsSchema,
  quotas: z.array(quotaSchema).max(FUNDING_LIMITS.quotasMax),
};
export const programmeRulesSchema = z.object(rulesShape);

export const createProgrammeSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  name: requiredText(300).optional(),
  budgetCents: centsSchema,
  windowOpens: isoDateSchema.optional().describe('Default: 31 August of the previous year'),
  windowCloses: isoDateSchema.optional().describe('Default: 15 October of the previous year'),
  maxFundingShareBp: bp.optional(),
  minOwnShareBp: bp.optional(),
  minGrantCents: centsSchema.optional(),
  reimbursementThresholdCents: centsSchema.optional(),
  staffCaps: staffCapsSchema.optional(),
  quotas: z.array(quotaSchema).max(FUNDING_LIMITS.quotasMax).optional(),
});
export type CreateProgrammeInput = z.infer<typeof createProgrammeSchema>;

export const updateProgrammeSchema = z.object({
  version,
  reason: requiredText(2000).describe('Why the rules change; kept with the version'),
  name: requiredText(300).optional(),
  budgetCents: centsSchema.optional(),
  windowOpens: isoDateSchema.optional(),
  windowCloses: isoDateSchema.optional(),
  maxFundingShareBp: bp.optional(),
  minOwnShareBp: bp.optional(),
  minGrantCents: centsSchema.optional(),
  reimbursementThresholdCents: centsSchema.optional(),
  staffCaps: staffCapsSchema.optional(),
  quotas: z.array(quotaSchema).max(FUNDING_LIMITS.quotasMax).optional(),
});
export type UpdateProgrammeInput = z.infer<typeof updateProgrammeSchema>;

export const publicationSchema = z.object({ version, publicList: z.boolean() });

const personRef = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const programmeSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  ...rulesShape,
  budgetCents: z.number().int(),
  publicList: z.boolean(),
  committedCents: z.number().int(),
  windowOpenToday: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof programmeSchema>;

export const programmeVersionSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  rules: programmeRulesSchema,
  reason: z.string(),
  changedAt: z.string(),
  changedBy: personRef,
});
export type ProgrammeVersion = z.infer<typeof programmeVersionSchema>;

// ---- applications ----

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'partly_approved',
  'rejected',
  'closed',
  'repayment_demanded',
] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
/** Statuses whose approved amount is committed against the budget. */
export const COMMITTED_STATUSES = ['approved', 'partly_approved', 'closed', 'repayment_demanded'] as const;

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, Text> = {
  draft: { de: 'Entwurf', en: 'Draft' },
  submitted: { de: 'Eingereicht', en: 'Submitted' },
  in_review: { de: 'In Prüfung', en: 'In review' },
  approved: { de: 'Bewilligt', en: 'Approved' },
  partly_approved: { de: 'Teilweise bewilligt', en: 'Partly approved' },
  rejected: { de: 'Abgelehnt', en: 'Rejected' },
  closed: { de: 'Abgeschlossen', en: 'Closed' },
  repayment_demanded: { de: 'Rückforderung', en: 'Repayment demanded' },
};

export const costItemInputSchema = z.object({
  category: z.enum(COST_CATEGORIES),
  description: requiredText(FUNDING_LIMITS.descriptionMax),
  amountCents: centsSchema,
  payGrade: z.enum(PAY_GRADES).nullable().default(null).describe('Staff only: TV-L pay grade'),
  months: z.number().int().min(1).max(120).nullable().default(null).describe('Staff only: months'),
  eligible: z.boolean().optional().describe('Omit: investment is ineligible, everything else eligible; true for an investment is refused'),
});
export type CostItemInput = z.infer<typeof costItemInputSchema>;

export const financingSchema = z.object({
  ownCents: centsSchema.describe('Own share, including in-kind contributions'),
  ownInKindCents: centsSchema.default(0).describe('Part of the own share given in kind or as staff time'),
  thirdPartyCents: centsSchema.default(0),
  requestedCents: centsSchema.describe('The requested grant'),
});
export type FinancingInput = z.infer<typeof financingSchema>;

export const createApplicationSchema = z.object({
  programmeId: intId,
  projectId: intId,
  fieldId: intId.describe("Field of action the grant counts against (one of the project's)"),
  title: freeText(300).optional().describe("Default: the project's title"),
  costItems: z.array(costItemInputSchema).max(FUNDING_LIMITS.costItemsMax),
  financing: financingSchema,
  smallGrantJustification: freeText(FUNDING_LIMITS.textMax).nullable().default(null).describe('Justification of a grant below the minimum'),
});
export type CreateApplicationInput = z.infer<typeof createApplicationSchema>;

export const updateApplicationSchema = z.object({
  version,
  fieldId: intId.optional(),
  title: freeText(300).optional(),
  costItems: z.array(costItemInputSchema).max(FUNDING_LIMITS.costItemsMax).optional(),
  financing: financingSchema.optional(),
  smallGrantJustification: freeText(FUNDING_LIMITS.textMax).nullable().optional(),
});
export type UpdateApplicationInput = z.infer<typeof updateApplicationSchema>;

export const submitApplicationSchema = z.object({
  version,
  windowOverrideReason: requiredText(2000)
    .nullable()
    .default(null)
    .describe('Council staff only: submit outside the window, with a reason'),
});
export type SubmitApplicationInput = z.infer<typeof submitApplicationSchema>;

export const REVIEW_CRITERIA = ['need', 'beccaria', 'feasibility', 'cost_efficiency', 'sustainability'] as const;
export type ReviewCriterion = (typeof REVIEW_CRITERIA)[number];
export const REVIEW_CRITERIA_LABELS: Record<ReviewCriterion, Text> = {
  need: { de: 'Bedarf und Problemlage', en: 'Need and problem' },
  beccaria: { de: 'Qualität nach Beccaria', en: 'Beccaria quality' },
  feasibility: { de: 'Umsetzbarkeit', en: 'Feasibility' },
  cost_efficiency: { de: 'Wirtschaftlichkeit', en: 'Cost efficiency' },
  sustainability: { de: 'Nachhaltigkeit', en: 'Sustainability' },
};
const score = z.number().int().min(1).max(5);
export const scoresSchema = z.object({ need: score, beccaria: score, feasibility: score, cost_efficiency: score, sustainability: score });

export const assignReviewerSchema = z.object({ version, userId: intId });
export const reviewInputSchema = z.object({ version, scores: scoresSchema, comment: freeText(FUNDING_LIMITS.textMax).default('') });
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const RECOMMENDATIONS = ['approve', 'approve_partly', 'reject'] as const;
export const recommendationInputSchema = z.object({
  version,
  recommendation: z.enum(RECOMMENDATIONS),
  amountCents: centsSchema.nullable().default(null),
  summary: requiredText(FUNDING_LIMITS.textMax),
});
export type RecommendationInput = z.infer<typeof recommendationInputSchema>;

export const DECISION_OUTCOMES = ['approved', 'partly_approved', 'rejected'] as const;
export const decisionInputSchema = z.object({
  version,
  outcome: z.enum(DECISION_OUTCOMES),
  amountCents: centsSchema.nullable().default(null).describe('Partly approved: the approved amount'),
  reason: freeText(FUNDING_LIMITS.textMax).default(''),
  smallGrantException: freeText(2000).nullable().default(null).describe('Justified exception for a grant below the minimum'),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const PAYMENT_KINDS = ['reimbursement', 'advance'] as const;
export const paymentRequestSchema = z.object({
  kind: z.enum(PAYMENT_KINDS),
  requestedCents: centsSchema,
  provenCostsCents: centsSchema.nullable().default(null).describe('Reimbursement: the proven costs'),
  note: freeText(2000).default(''),
});
export type PaymentRequestInput = z.infer<typeof paymentRequestSchema>;
export const markPaidSchema = z.object({ version, paidCents: centsSchema, paidOn: isoDateSchema });

const actualCostsSchema = z.object(
  Object.fromEntries(COST_CATEGORIES.map((c) => [c, centsSchema.default(0)])) as Record<
    (typeof COST_CATEGORIES)[number],
    z.ZodDefault<typeof centsSchema>
  >,
);
export const proofInputSchema = z.object({
  version: z.number().int().min(0).max(INT4_MAX).describe('0 for a new proof of use'),
  actualCosts: actualCostsSchema,
  report: requiredText(FUNDING_LIMITS.reportMax).describe('The factual report (Sachbericht)'),
});
export type ProofInput = z.infer<typeof proofInputSchema>;
export const checkProofSchema = z.object({
  version,
  checkedEligibleCents: centsSchema,
  note: freeText(FUNDING_LIMITS.textMax).default(''),
});

export const applicationListQuerySchema = z.object({
  programmeId: idParam.optional(),
  status: applicationStatusSchema.optional(),
  ags: agsSchema.optional(),
  fieldId: idParam.optional(),
  projectId: idParam.optional(),
  page: decimalInt(1, 1_000_000).default(1),
  pageSize: decimalInt(1, 500).default(50),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const idParamSchema = z.object({ id: idParam });
export const reviewParamSchema = z.object({ id: idParam, reviewId: idParam });
export const yearParamSchema = z.object({ year: decimalInt(2000, 2100) });
export const exportQuerySchema = z.object({
  table: z.enum(['overview', 'funded']).default('overview'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  dialect: csvDialectSchema,
});

// ---- responses ----

export const ruleViolationSchema = z.object({
  rule: z.enum(RULE_CODES),
  field: z.string(),
  message: z.object({ de: z.string(), en: z.string() }),
});

export const costItemSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  category: z.enum(COST_CATEGORIES),
  description: z.string(),
  amountCents: z.number().int(),
  payGrade: z.enum(PAY_GRADES).nullable(),
  months: z.number().int().nullable(),
  eligible: z.boolean(),
});

export const reviewSchema = z.object({
  id: z.number().int(),
  reviewer: personRef,
  status: z.enum(['assigned', 'submitted']),
  scores: scoresSchema.nullable(),
  comment: z.string(),
  assignedAt: z.string(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Review = z.infer<typeof reviewSchema>;

export const paymentSchema = z.object({
  id: z.number().int(),
  applicationId: z.number().int(),
  kind: z.enum(PAYMENT_KINDS),
  status: z.enum(['requested', 'paid']),
  requestedCents: z.number().int(),
  provenCostsCents: z.number().int().nullable(),
  requestedOn: z.string(),
  note: z.string(),
  paidCents: z.number().int().nullable(),
  paidOn: z.string().nullable(),
  version: z.number().int(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const proofSchema = z.object({
  id: z.number().int(),
  actualCosts: z.record(z.string(), z.number().int()),
  actualTotalCents: z.number().int(),
  actualEligibleCents: z.number().int(),
  report: z.string(),
  status: z.enum(['submitted', 'closed', 'repayment_demanded']),
  submittedAt: z.string(),
  checkedEligibleCents: z.number().int().nullable(),
  entitledCents: z.number().int().nullable(),
  repaymentCents: z.number().int().nullable(),
  checkNote: z.string().nullable(),
  checkedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Proof = z.infer<typeof proofSchema>;

export const applicationSchema = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  programmeYear: z.number().int(),
  projectId: z.number().int(),
  projectTitle: z.string(),
  ags: z.string(),
  municipalityName: z.string(),
  districtAgs: z.string(),
  districtName: z.string(),
  field: fieldOfActionSchema,
  title: z.string(),
  status: applicationStatusSchema,
  costItems: z.array(costItemSchema),
  totals: z.object({ totalCents: z.number().int(), eligibleCents: z.number().int(), byCategory: z.record(z.string(), z.number().int()) }),
  financing: z.object({
    ownCents: z.number().int(),
    ownInKindCents: z.number().int(),
    thirdPartyCents: z.number().int(),
    requestedCents: z.number().int(),
  }),
  smallGrantJustification: z.string().nullable(),
  violations: z.array(ruleViolationSchema).describe('Rules the application breaks now (submission is refused while any remain)'),
  beccaria: stepsSchema.describe('The project description after the Beccaria standard, from the project'),
  submittedAt: z.string().nullable(),
  submittedBy: personRef,
  windowOverrideReason: z.string().nullable(),
  reviews: z.array(reviewSchema),
  averageScores: z.record(z.string(), z.number()).nullable().describe('Council staff: the average of the submitted reviews per criterion'),
  recommendation: z
    .object({
      recommendation: z.enum(RECOMMENDATIONS),
      amountCents: z.number().int().nullable(),
      summary: z.string(),
    })
    .nullable(),
  decision: z
    .object({
      outcome: z.enum(DECISION_OUTCOMES),
      approvedCents: z.number().int(),
      reason: z.string(),
      smallGrantException: z.string().nullable(),
      decidedAt: z.string(),
      decidedBy: personRef,
      noticeNumber: z.string(),
    })
    .nullable(),
  payments: z.array(paymentSchema),
  proof: proofSchema.nullable(),
  documents: z.array(projectDocumentSchema),
  paidCents: z.number().int(),
  repaymentCents: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationListItemSchema = z.object({
  id: z.number().int(),
  programmeYear: z.number().int(),
  projectId: z.number().int(),
  title: z.string(),
  ags: z.string(),
  municipalityName: z.string(),
  fieldId: z.number().int(),
  status: applicationStatusSchema,
  requestedCents: z.number().int(),
  approvedCents: z.number().int().nullable(),
  paidCents: z.number().int(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ApplicationListItem = z.infer<typeof applicationListItemSchema>;

export const reviewerSchema = z.object({ id: z.number().int(), name: z.string(), role: z.string() });

const moneyRow = {
  requestedCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  repaidCents: z.number().int(),
};

export const budgetOverviewSchema = z.object({
  programme: z.object({ id: z.number().int(), year: z.number().int(), name: z.string() }),
  totals: z.object({
    budgetCents: z.number().int(),
    ...moneyRow,
    freeCents: z.number().int(),
    applications: z.number().int(),
    submitted: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
  }),
  byField: z.array(
    z.object({
      field: fieldOfActionSchema,
      quotaCents: z.number().int().nullable(),
      ...moneyRow,
      freeInQuotaCents: z.number().int().nullable(),
      applications: z.number().int(),
    }),
  ),
  byDistrict: z.array(z.object({ districtAgs: z.string(), districtName: z.string(), ...moneyRow, applications: z.number().int() })),
});
export type BudgetOverview = z.infer<typeof budgetOverviewSchema>;

export const fundedProjectSchema = z.object({
  applicationId: z.number().int(),
  projectId: z.number().int(),
  title: z.string(),
  ags: z.string(),
  municipalityName: z.string(),
  districtName: z.string(),
  field: fieldOfActionSchema,
  approvedCents: z.number().int(),
  paidCents: z.number().int(),
  status: applicationStatusSchema,
  decidedOn: z.string(),
});
export type FundedProject = z.infer<typeof fundedProjectSchema>;

export const fundedListSchema = z.object({
  programme: z.object({ id: z.number().int(), year: z.number().int(), name: z.string(), publicList: z.boolean() }),
  items: z.array(fundedProjectSchema),
  totalApprovedCents: z.number().int(),
});
export type FundedList = z.infer<typeof fundedListSchema>;

export const publicProgrammeSchema = z.object({ year: z.number().int(), name: z.string() });
