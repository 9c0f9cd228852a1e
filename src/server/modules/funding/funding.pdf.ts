import { APPLICATION_STATUS_LABELS, type Application } from '../../../shared/funding.schema.ts';
import { COST_CATEGORIES, COST_CATEGORY_LABELS, formatEuro, mulDivFloor } from '../../../shared/funding.rules.ts';
import { BECCARIA_STEP_LABELS, BECCARIA_STEPS, type Project, PROJECT_STATUS_LABELS } from '../../../shared/projects.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { createLayout } from '../../lib/pdf-layout.ts';
import { getSettings } from '../alliance/index.ts';
import { getApplication, getApplicationUnscoped } from './applications.service.ts';
import { getProgramme } from './programmes.service.ts';
import { getProject } from './projects.service.ts';
import { formatNumber, formatPercent } from '../../../shared/format.ts';
import { formatDate, nowIso } from '../../../shared/time.ts';

/*
 * The two documents of the funding process, laid out by the one layout layer (decision 025): the
 * grant notice (Zuwendungsbescheid) of a decided application, and the project dossier for
 * auditors with every Beccaria step, the budget, the payments and the list of documents.
 */

const TITLES = {
  approved: 'Zuwendungsbescheid',
  partly_approved: 'Zuwendungsbescheid (Teilbewilligung)',
  rejected: 'Ablehnungsbescheid',
} as const;

/** The grant notice of a decided application; 422 while it is undecided. */
export async function grantNoticePdf(db: DbOrTrx, principal: Principal, id: number): Promise<{ fileName: string; body: Buffer }> {
  await getApplication(db, principal, id); // scope check
  return renderGrantNotice(db, id);
}

/** The notice of a decided application without a scope check (the decision's mail to the applicant); 422 while undecided. */
export async function renderGrantNotice(db: DbOrTrx, id: number): Promise<{ fileName: string; body: Buffer }> {
  const a = await getApplicationUnscoped(db, id);
  if (!a.decision) {
    const text = {
      de: 'Über den Antrag ist noch nicht entschieden: Es gibt keinen Bescheid.',
      en: 'The application is not decided yet: there is no notice.',
    };
    throw new AppError('rule-violation', text, [{ field: 'status', code: 'not_decided', message: text }]);
  }
  const [settings, programme] = await Promise.all([getSettings(db), getProgramme(db, a.programmeId)]);
  const d = a.decision;
  const title = TITLES[d.outcome];
  const pdf = createLayout({ title: `${title} ${d.noticeNumber}`, subject: `${programme.name}: ${a.title}`, author: settings.councilName });
  pdf.paragraph(settings.councilName, { size: 9, color: '#333333', gapAfter: 12 });
  pdf.paragraph([a.municipalityName, `Amtlicher Gemeindeschlüssel ${a.ags}`, a.districtName].join('\n'), { size: 10, gapAfter: 12 });
  pdf.paragraph(`Bescheid-Nr. ${d.noticeNumber}\nDatum: ${formatDate(d.decidedAt, 'de')}`, { size: 10, align: 'right', gapAfter: 12 });
  pdf.heading(title, 1, { size: 16, color: '#000000', gapAfter: 4 });
  pdf.paragraph(`${programme.name} – Projekt „${a.title}“`, { size: 11, bold: true, gapAfter: 12 });

  const share = a.totals.eligibleCents > 0 ? mulDivFloor(d.approvedCents, 10_000, a.totals.eligibleCents) / 100 : 0;
  const text = { size: 10 };
  if (d.outcome === 'rejected') {
    pdf.paragraph(
      `Ihren Antrag vom ${formatDate(a.submittedAt, 'de')} auf eine Zuwendung in Höhe von ${formatEuro(a.financing.requestedCents)} lehne ich ab.`,
      text,
    );
  } else {
    pdf.paragraph(
      `Auf Ihren Antrag vom ${formatDate(a.submittedAt, 'de')} bewillige ich Ihnen für das oben genannte Projekt im Handlungsfeld „${a.field.name}“ eine nicht rückzahlbare Zuwendung als Anteilfinanzierung`,
      text,
    );
    pdf.paragraph(`in Höhe von ${formatEuro(d.approvedCents)}`, { size: 13, bold: true, align: 'center' });
    pdf.paragraph(
      `Das sind ${formatPercent(share, 'de', { min: 0, max: 2 })} der zuwendungsfähigen Ausgaben von ${formatEuro(a.totals.eligibleCents)}. Beantragt waren ${formatEuro(a.financing.requestedCents)}.`,
      text,
    );
  }
  if (d.reason) {
    pdf.heading('Begründung', 2, { size: 12 });
    pdf.paragraph(d.reason, text);
  }
  if (d.smallGrantException) {
    pdf.heading('Ausnahme von der Mindestzuwendung', 2, { size: 12 });
    pdf.paragraph(d.smallGrantException, text);
  }
  pdf.heading('Finanzierungsplan', 2, { size: 12 });
  pdf.keyValues(
    [
      ['Gesamtausgaben', formatEuro(a.totals.totalCents)],
      ['davon zuwendungsfähig', formatEuro(a.totals.eligibleCents)],
      ['Eigenanteil (davon Sachleistungen)', `${formatEuro(a.financing.ownCents)} (${formatEuro(a.financing.ownInKindCents)})`],
      ['Drittmittel', formatEuro(a.financing.thirdPartyCents)],
      ['Beantragte Zuwendung', formatEuro(a.financing.requestedCents)],
      ['Bewilligte Zuwendung', formatEuro(d.approvedCents)],
    ],
    { size: 10, labelShare: 0.55, valueAlign: 'right' },
  );
  if (d.outcome !== 'rejected') {
    pdf.heading('Nebenbestimmungen', 2, { size: 12 });
    const reimbursementOnly = d.approvedCents < programme.reimbursementThresholdCents;
    pdf.bullets(
      [
        reimbursementOnly
          ? `Die Zuwendung wird als Erstattung nachgewiesener Ausgaben ausgezahlt (Zuwendungen unter ${formatEuro(programme.reimbursementThresholdCents)}).`
          : 'Die Zuwendung kann auf Anforderung in Teilbeträgen vorab ausgezahlt werden, soweit sie voraussichtlich innerhalb von zwei Monaten benötigt wird.',
        'Investitionsausgaben sind nicht zuwendungsfähig.',
        'Personalausgaben sind höchstens bis zur Obergrenze der jeweiligen Entgeltgruppe (TV-L, Stufe 3) zuwendungsfähig; die Qualifikation ist nachzuweisen.',
        'Die Verwendung ist mit einem Verwendungsnachweis (zahlenmäßiger Nachweis nach Kostenarten und Sachbericht) nachzuweisen. Werden weniger zuwendungsfähige Ausgaben nachgewiesen, ermäßigt sich die Zuwendung anteilig; zu viel gezahlte Beträge werden zurückgefordert.',
      ],
      text,
    );
  }
  pdf.heading('Rechtsbehelfsbelehrung', 2, { size: 12 });
  pdf.paragraph('Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.', {
    ...text,
    gapAfter: 24,
  });
  pdf.paragraph(`${settings.councilName}\nIm Auftrag`, text);
  return { fileName: `${d.noticeNumber}.pdf`, body: await pdf.finish() };
}

function stepText(p: Project, step: (typeof BECCARIA_STEPS)[number]): [string, string][] {
  const s = p.steps;
  switch (step) {
    case 'problem':
      return [
        ['Problem', s.problem.description],
        ['Belege', s.problem.evidence],
      ];
    case 'causes':
      return [
        ['Ursachen', s.causes.analysis],
        ['Risikofaktoren', s.causes.riskFactors],
        ['Schutzfaktoren', s.causes.protectiveFactors],
      ];
    case 'goals':
      return [
        ...s.goals.goals.map((g, i): [string, string] => [
          `Ziel ${i + 1}`,
          `${g.text}${g.indicators.length ? `\nIndikatoren: ${g.indicators.map((x) => `${x.text}${x.target ? ` (Zielwert: ${x.target})` : ''}`).join('; ')}` : ''}`,
        ]),
        ['Zielgruppen', s.goals.targetGroups.map((t) => `${t.name}${t.description ? `: ${t.description}` : ''}`).join('; ')],
      ];
    case 'measures':
      return [
        ...s.measures.measures.map((m, i): [string, string] => [
          `Maßnahme ${i + 1}`,
          `${m.title}${m.description ? `: ${m.description}` : ''}`,
        ]),
        ['Vorgehen', s.measures.approach],
      ];
    case 'implementation':
      return [
        ['Plan', s.implementation.plan],
        ...s.implementation.milestones.map((m): [string, string] => [
          `Meilenstein ${formatDate(m.due, 'de')}`,
          `${m.title}${m.done ? ' (erledigt)' : ''}`,
        ]),
      ];
    case 'evaluation':
      return [
        ['Evaluationsplan', s.evaluation.plan],
        ['Ergebnisse der Umsetzung', s.evaluation.implementationResults],
        ['Ergebnisse der Wirkung', s.evaluation.effectResults],
      ];
    default:
      return [
        ['Schlussfolgerungen', s.conclusions.conclusions],
        ['Dokumentation', s.conclusions.documentation],
      ];
  }
}

/** The project dossier for auditors: all sections, budget, payments and documents. */
export async function projectDossierPdf(db: DbOrTrx, principal: Principal, projectId: number): Promise<{ fileName: string; body: Buffer }> {
  const p = await getProject(db, principal, projectId);
  const settings = await getSettings(db);
  const pdf = createLayout({
    title: `Projektdossier: ${p.title}`,
    subject: `Präventionsprojekt von ${p.municipalityName} nach dem Beccaria-Standard`,
    author: settings.councilName,
  });
  const text = { size: 10 };
  pdf.paragraph(`${settings.councilName} · Projektdossier · erstellt am ${formatDate(nowIso(), 'de')}`, {
    size: 9,
    color: '#333333',
    gapAfter: 12,
  });
  pdf.heading(p.title, 1, { size: 18, color: '#000000' });
  pdf.keyValues(
    [
      ['Kommune', `${p.municipalityName} (${p.ags})`],
      ['Kreis', p.districtName],
      ['Status', PROJECT_STATUS_LABELS[p.status].de],
      ['Handlungsfelder', p.fields.map((f) => f.name).join(', ') || '–'],
      ['Laufzeit', `${formatDate(p.startDate, 'de')} – ${formatDate(p.endDate, 'de')}`],
    ],
    { ...text, labelShare: 0.3 },
  );
  pdf.heading('Projektbeschreibung nach dem Beccaria-Standard', 2, { size: 14 });
  for (const step of BECCARIA_STEPS) {
    const c = p.completeness.find((x) => x.step === step)!;
    pdf.heading(
      `${BECCARIA_STEP_LABELS[step].de} (${c.state === 'complete' ? 'vollständig' : c.state === 'later' ? 'folgt' : 'unvollständig'})`,
      3,
    );
    for (const [label, value] of stepText(p, step)) {
      if (!value.trim()) continue;
      pdf.paragraph(label, { ...text, bold: true, gapAfter: 2 });
      pdf.paragraph(value, text);
    }
  }
  pdf.heading('Partner', 2, { size: 14 });
  if (p.partners.length)
    pdf.bullets(
      p.partners.map((x) => `${x.name}${x.role ? ` (${x.role})` : ''}`),
      text,
    );
  else pdf.paragraph('Keine Partner erfasst.', text);
  pdf.heading('Orte', 2, { size: 14 });
  // Coordinates in German notation with five decimals (about a metre): "50,58012 N".
  const coordinate = (v: number) => formatNumber(v, 'de', 5);
  if (p.locations.length)
    pdf.bullets(
      p.locations.map((l) =>
        l.geometry.type === 'Point'
          ? `${l.label}: Punkt ${coordinate(l.geometry.coordinates[1])} N, ${coordinate(l.geometry.coordinates[0])} O`
          : `${l.label}: Fläche (${l.geometry.type === 'Polygon' ? 1 : l.geometry.coordinates.length} Teilfläche(n))`,
      ),
      text,
    );
  else pdf.paragraph('Keine Orte erfasst.', text);

  pdf.heading('Budget und Förderung', 2, { size: 14 });
  if (!p.applications.length) pdf.paragraph('Keine Förderanträge.', text);
  for (const ref of p.applications) {
    const a: Application = await getApplicationUnscoped(db, ref.id);
    pdf.heading(`Antrag Nr. ${a.id}, Programm ${a.programmeYear}: ${APPLICATION_STATUS_LABELS[a.status].de}`, 3);
    pdf.keyValues(
      [
        ...COST_CATEGORIES.filter((c) => a.totals.byCategory[c]).map((c): [string, string] => [
          COST_CATEGORY_LABELS[c].de,
          formatEuro(a.totals.byCategory[c]!),
        ]),
        ['Gesamtausgaben', formatEuro(a.totals.totalCents)],
        ['zuwendungsfähig', formatEuro(a.totals.eligibleCents)],
        ['Eigenanteil', formatEuro(a.financing.ownCents)],
        ['Drittmittel', formatEuro(a.financing.thirdPartyCents)],
        ['Beantragt', formatEuro(a.financing.requestedCents)],
        ['Bewilligt', a.decision ? `${formatEuro(a.decision.approvedCents)} (${a.decision.noticeNumber})` : '–'],
        ['Ausgezahlt', formatEuro(a.paidCents)],
        ['Zurückgefordert', formatEuro(a.repaymentCents)],
      ],
      { ...text, labelShare: 0.55, valueAlign: 'right' },
    );
    if (a.payments.length) {
      pdf.paragraph('Auszahlungen', { ...text, bold: true, gapAfter: 2 });
      pdf.bullets(
        a.payments.map(
          (pay) =>
            `${pay.kind === 'advance' ? 'Abschlag' : 'Erstattung'} angefordert am ${formatDate(pay.requestedOn, 'de')}: ${formatEuro(pay.requestedCents)}${pay.paidCents !== null ? `, ausgezahlt am ${formatDate(pay.paidOn, 'de')}: ${formatEuro(pay.paidCents)}` : ', offen'}`,
        ),
        text,
      );
    }
    if (a.proof) {
      pdf.paragraph('Verwendungsnachweis', { ...text, bold: true, gapAfter: 2 });
      pdf.paragraph(
        `Ist-Ausgaben ${formatEuro(a.proof.actualTotalCents)} (förderfähig ${formatEuro(a.proof.actualEligibleCents)})${a.proof.checkedEligibleCents !== null ? `; anerkannt ${formatEuro(a.proof.checkedEligibleCents)}, Zuwendung ${formatEuro(a.proof.entitledCents ?? 0)}, Rückforderung ${formatEuro(a.proof.repaymentCents ?? 0)}` : '; noch nicht geprüft'}.`,
        text,
      );
    }
  }
  pdf.heading('Dokumente', 2, { size: 14 });
  if (p.documents.length)
    pdf.table({
      header: ['Datei', 'Art', 'Größe', 'hochgeladen am', 'SHA-256 (Anfang)'],
      rows: p.documents.map((d) => [
        d.fileName,
        d.contentType,
        `${formatNumber(Math.ceil(d.size / 1024))} KB`,
        formatDate(d.uploadedAt, 'de'),
        `${d.sha256.slice(0, 16)}…`,
      ]),
    });
  else pdf.paragraph('Keine Dokumente.', text);
  return { fileName: `projektdossier-${p.id}.pdf`, body: await pdf.finish() };
}
