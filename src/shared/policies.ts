import { AUDIENCES, ROLES, type Audience, type Role } from './role-list.ts';

/*
 * Who may do what: the role rules as data, one entry per rule. The server declares them on its
 * routes (and checks them in services, with the municipal scope of `auth/access.ts`), the
 * authorization-matrix test reads them, and the web app builds its navigation, guards and buttons
 * from them. A rule changes here and nowhere else.
 *
 * Row scoping is not a role rule: admin, LPR staff and the ministry cover every municipality, a
 * coordinator its communes, police the municipalities of their directorate's districts. A rule
 * admits a role; the scope then says which municipalities' rows it reaches.
 */
export const policies = {
  /** Health probes and the API description are public. */
  system: {
    anyone: AUDIENCES,
  },
  auth: {
    /** Signing in and the SSO round trip are open to anyone. */
    anyone: AUDIENCES,
    /** Own session, sign-out and password change: any signed-in user, also before replacing a one-time password. */
    self: ROLES,
  },
  /** Accounts: only admins. Everyone signed in reads their own account via /api/auth/session. */
  users: {
    manage: ['admin'],
  },
  /** The audit trail holds personal data of all users: admins only. */
  audit: {
    read: ['admin'],
  },
  territory: {
    /** The directory is official public data; every signed-in role reads it, scoped to its rows. */
    read: ROLES,
    /** Boundaries are public geodata (BKG open data licence): the map is for everyone, also the public page. */
    map: AUDIENCES,
    /** Imports replace reference data everybody relies on: admins only. */
    import: ['admin'],
  },
  /*
   * The alliance records. Admin and LPR staff record and correct events, agreements and documents,
   * and import history. Coordinators read the full record of their own communes, police that of
   * their directorate's; the ministry sees figures only. Figures, the time series, the fact box
   * and the status of each municipality carry no personal data: every signed-in role, and the
   * public when an admin enabled the public page.
   */
  alliance: {
    record: ['admin', 'lpr'],
    readDetail: ['admin', 'lpr', 'coordinator', 'police'],
    figures: ROLES,
    settings: ['admin'],
    public: ['public'],
  },
  /*
   * The police crime statistics. Imports, column mappings and the offence → field-of-action
   * mapping: admin and LPR staff. District figures are aggregate public statistics: every
   * signed-in role. Municipality figures: every signed-in role, rows scoped.
   */
  crimeStats: {
    import: ['admin', 'lpr'],
    editCatalogue: ['admin', 'lpr'],
    readDistricts: ROLES,
    readMunicipalities: ROLES,
  },
  /*
   * Security analyses. Admin and LPR staff manage every analysis; a coordinator reads those of its
   * municipality and works on the strategy workshop there; police read those of their
   * directorate's municipalities; the ministry sees counts only.
   */
  securityAnalysis: {
    manage: ['admin', 'lpr'],
    read: ['admin', 'lpr', 'coordinator', 'police'],
    workshop: ['admin', 'lpr', 'coordinator'],
    counts: ROLES,
  },
  /*
   * Projects and funding. Coordinators manage the projects, applications, payment requests and
   * proofs of use of their own communes; admin and LPR staff those of every commune. Police read
   * the projects of their directorate without their funding. Admin and LPR staff edit programmes,
   * assign reviewers, review, decide, record payments and check proofs of use; only an admin
   * publishes the funded list and acts on a review assigned to someone else. The ministry sees
   * figures only; the public a published funded list.
   */
  funding: {
    fields: ROLES,
    readProjects: ['admin', 'lpr', 'coordinator', 'police'],
    writeProjects: ['admin', 'lpr', 'coordinator'],
    /** Who sees a project's funding (its applications and the dossier with budget and payments). */
    projectFunding: ['admin', 'lpr', 'coordinator'],
    readProgrammes: ['admin', 'lpr', 'coordinator', 'ministry'],
    editProgrammes: ['admin', 'lpr'],
    publish: ['admin'],
    applications: ['admin', 'lpr', 'coordinator'],
    staff: ['admin', 'lpr'],
    /** Acting on a review assigned to another reviewer. */
    reviewForOthers: ['admin'],
    figures: ['admin', 'lpr', 'ministry'],
    public: ['public'],
  },
  /*
   * Organisations and people (personal data). Admin and LPR staff: every record, also state-wide
   * ones; a coordinator: those of its communes. Police and the ministry: no access (police see
   * council members through the councils of their directorate).
   */
  organisations: {
    read: ['admin', 'lpr', 'coordinator'],
    write: ['admin', 'lpr', 'coordinator'],
  },
  /*
   * Prevention councils. A coordinator founds and manages the council of its communes; police read
   * the councils of their directorate; every signed-in role reads the counts; the calendar feed is
   * public but guarded by its secret token alone. A council is in scope when one of its
   * municipalities is.
   */
  councils: {
    read: ['admin', 'lpr', 'coordinator', 'police'],
    write: ['admin', 'lpr', 'coordinator'],
    counts: ROLES,
    feed: ['public'],
  },
  /*
   * Coaching. Admin and LPR staff keep the pool of coaches and record coaching processes;
   * coordinators and police read those of their communes / directorate.
   */
  coaching: {
    manage: ['admin', 'lpr'],
    read: ['admin', 'lpr', 'coordinator', 'police'],
  },
  /*
   * The contradictions across modules ("Widersprüche", `praevis check`): admins and the LPR staff,
   * who record the events and records that resolve them; every municipality, so no row scope.
   */
  consistency: {
    read: ['admin', 'lpr'],
  },
  /** Whether demo data exist (`praevis demo`): anyone, since the public page carries the label too. */
  demo: {
    status: AUDIENCES,
  },
  /*
   * Training. Admin and LPR staff set up courses, record attendance and completion; coordinators
   * enrol people of their communes; enrolments are read in scope; figures are counts for every role.
   */
  training: {
    read: ['admin', 'lpr', 'coordinator', 'police'],
    manage: ['admin', 'lpr'],
    enrol: ['admin', 'lpr', 'coordinator'],
    figures: ROLES,
  },
  /*
   * The annual report (decision 031) is the ministry's: aggregates and names of municipalities and
   * projects, no personal data. Admin, LPR staff and the ministry read the live report and its
   * frozen versions; admin and LPR staff freeze a version; the public reads the latest frozen
   * version when an admin enabled the public page. Coordinators and police have no access: a
   * report not yet frozen is a draft of the LPR and the ministry.
   */
  annualReport: {
    read: ['admin', 'lpr', 'ministry'],
    freeze: ['admin', 'lpr'],
    public: ['public'],
  },
  /*
   * Citizen surveys (decision 010). Admin and LPR staff run every survey; a coordinator sees the
   * surveys that include one of its communes and runs those whose municipalities are all its own.
   * Police and the ministry have no access to fieldwork. The questionnaire is anonymous.
   */
  surveys: {
    read: ['admin', 'lpr', 'coordinator'],
    manage: ['admin', 'lpr', 'coordinator'],
    public: ['public'],
  },
  /*
   * The analysis of a citizen survey (decision 011): aggregated results for every signed-in role
   * in scope (police and the ministry once the survey is closed); margins and the research data
   * set for those who run the survey.
   */
  surveyAnalysis: {
    readResults: ['admin', 'lpr', 'coordinator', 'police', 'ministry'],
    /** Who reads results while fieldwork is still open. */
    readResultsDuringFieldwork: ['admin', 'lpr', 'coordinator'],
    margins: ['admin', 'lpr', 'coordinator'],
    researchData: ['admin', 'lpr', 'coordinator'],
    /**
     * The statewide benchmark of felt safety: only surveys that allow comparison, aggregate and
     * suppressed below k, so every role that reads aggregate results statewide – and coordinators,
     * who read aggregate survey results – sees it; police stay with their own municipalities' results.
     */
    benchmark: ['admin', 'lpr', 'ministry', 'coordinator'],
  },
  /*
   * Stored documents (the documents module). The routes admit the roles that hold documents of
   * some record; which documents one user reads, adds or removes follows the record they belong to
   * (an agreement, a council, a project, an application, a person), as its module registers it.
   * The ministry and the public never see a document.
   */
  documents: {
    read: ['admin', 'lpr', 'coordinator', 'police'],
    write: ['admin', 'lpr', 'coordinator'],
  },
  /*
   * Outgoing mail (the mail module). The outbox ("Postausgang") holds addresses and contents of
   * every message: admins only. Each signed-in user reads and changes their own notification
   * settings. Asking for a password reset and using a link of a message is open to anyone.
   */
  mail: {
    outbox: ['admin'],
    settings: ROLES,
    anyone: AUDIENCES,
  },
  /*
   * Effects of prevention (decision 030): aggregate estimates of crime figures, no personal data.
   * Every role but the public reads them in its scope (a coordinator its communes, police their
   * directorate's municipalities, the ministry statewide); admin and LPR staff choose comparison groups.
   */
  effects: {
    read: ['admin', 'lpr', 'coordinator', 'police', 'ministry'],
    choose: ['admin', 'lpr'],
  },
  /*
   * The home page's work queue (decision 038): every signed-in role reads its own, built from the
   * lists it may read anyway, in its scope (the ministry's is empty: its home page shows figures).
   */
  workQueue: {
    read: ROLES,
  },
  /** Pages of the web app whose audience is no API rule of its own. */
  pages: {
    /** The statewide dashboard: staff and the ministry; coordinators and police start from their municipalities. */
    dashboard: ['admin', 'lpr', 'ministry'],
    /** The councils in figures: for the ministry, which reads the counts but no council (staff and others open the councils themselves). */
    councilCounts: ['ministry'],
    /**
     * The surveys with readable results (`GET /api/survey-results`): police and the ministry, who read
     * the results of closed surveys but list no surveys; the others reach results from the survey's page.
     */
    surveyResults: ['police', 'ministry'],
  },
} as const satisfies Record<string, Record<string, readonly Audience[]>>;

export type PolicyArea = keyof typeof policies;
/** A rule by name, e.g. `alliance.record`. */
export type PolicyName = { [A in PolicyArea]: `${A}.${Extract<keyof (typeof policies)[A], string>}` }[PolicyArea];

/** The audiences a rule admits. */
export function policyRoles(name: PolicyName): readonly Audience[] {
  const [area, action] = name.split('.') as [PolicyArea, string];
  return (policies[area] as Record<string, readonly Audience[]>)[action]!;
}

/** Whether a rule admits the role (`null`/`undefined`: a visitor without a session). */
export function allows(name: PolicyName, role: Role | null | undefined): boolean {
  return policyRoles(name).includes(role ?? 'public');
}

/** Every rule by name, in declaration order. */
export function policyNames(): PolicyName[] {
  return (Object.keys(policies) as PolicyArea[]).flatMap((area) =>
    Object.keys(policies[area]).map((action) => `${area}.${action}` as PolicyName),
  );
}

/** Roles whose municipal scope is every municipality (the others are scoped: coordinator, police). */
export const STATEWIDE_ROLES: readonly Role[] = ['admin', 'lpr', 'ministry'];

/**
 * Whether a signed-in user works with one municipality under a rule: the rule admits the role and
 * the municipality lies in its scope as far as the user itself knows it (statewide roles and a
 * coordinator's communes; police never write, so their directorate is not needed here).
 */
export function allowsFor(name: PolicyName, user: { role: Role; communes: readonly string[] }, ags: string): boolean {
  if (!allows(name, user.role)) return false;
  if (STATEWIDE_ROLES.includes(user.role)) return true;
  return user.role === 'coordinator' && user.communes.includes(ags);
}
