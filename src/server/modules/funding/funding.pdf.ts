import { APPLICATION_STATUS_LABELS, type Application } from '../../../shared/funding.schema.ts';
import { COST_CATEGORIES, COST_CATEGORY_LABELS, formatEuro, mulDivFloor } from '../../../shared/funding.rules.ts';
import { BECCARIA_STEP_LABELS, BECCARIA_STEPS, type Project, PROJECT_STATUS_LABELS } from '../../../shared/projects.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../http/problem.ts';
import { createPdf, FONT, numberPages, type PdfDocument, pdfBuffer } from '../../lib/pdf.ts';
import { getSettings } from '../alliance/index.ts';
import { getApplication, getApplicationUnscoped } from './applications.service.ts';
import { getProgramme } from './programmes.service.ts';
import { getProject } from './projects.service.ts';
import { formatPercent } from '../../../shared/format.ts';
import { formatDate, nowIso } from '../../../shared/time.ts';

/*
 * The two documents of the funding process, drawn with the shared PDF helper (decision 009): the
 * grant notice (Zuwendungsbescheid) of a decided application, and the project dossier for
 * auditors with every Beccaria step, the budget, the payments and the list of documents.
 */

function heading(doc: PdfDocument, text: string, size = 12): void {
  doc.moveDown(0.6).font(FONT.bold).fontSize(size).text(text).font(FONT.regular).fontSize(10).moveDown(0.2);
}

function rows(doc: PdfDocument, pairs: [string, string][]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const [label, value] of pairs) {
    const y = doc.y;
    doc
      .font(FONT.regular)
      .fontSize(10)
      .text(label, left, y, { width: width * 0.55 });
    const after = doc.y;
    doc.text(value, left + width * 0.55, y, { width: width * 0.45, align: 'right' });
    doc.y = Math.max(after, doc.y);
  }
  doc.x = left;
}

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
  const doc = createPdf({ title: `${title} ${d.noticeNumber}`, subject: `${programme.name}: ${a.title}`, author: settings.councilName });
  doc.font(FONT.regular).fontSize(9).fillColor('#333333').text(settings.councilName).fillColor('#000000').moveDown();
  doc.fontSize(10).text(a.municipalityName).text(`Amtlicher Gemeindeschlüssel ${a.ags}`).text(a.districtName).moveDown();
  doc
    .text(`Bescheid-Nr. ${d.noticeNumber}`, { align: 'right' })
    .text(`Datum: ${formatDate(d.decidedAt, 'de')}`, { align: 'right' })
    .moveDown();
  doc.font(FONT.bold).fontSize(16).text(title).moveDown(0.3);
  doc.font(FONT.bold).fontSize(11).text(`${programme.name} – Projekt „${a.title}“`).font(FONT.regular).fontSize(10).moveDown();

  const share = a.totals.eligibleCents > 0 ? mulDivFloor(d.approvedCents, 10_000, a.totals.eligibleCents) / 100 : 0;
  if (d.outcome === 'rejected') {
    doc.text(
      `Ihren Antrag vom ${formatDate(a.submittedAt, 'de')} auf eine Zuwendung in Höhe von ${formatEuro(a.financing.requestedCents)} lehne ich ab.`,
    );
  } else {
    doc.text(
      `Auf Ihren Antrag vom ${formatDate(a.submittedAt, 'de')} bewillige ich Ihnen für das oben genannte Projekt im Handlungsfeld „${a.field.name}“ eine nicht rückzahlbare Zuwendung als Anteilfinanzierung`,
    );
    doc
      .moveDown(0.4)
      .font(FONT.bold)
      .fontSize(13)
      .text(`in Höhe von ${formatEuro(d.approvedCents)}`, { align: 'center' })
      .font(FONT.regular)
      .fontSize(10)
      .moveDown(0.4);
    doc.text(
      `Das sind ${formatPercent(share, 'de', { min: 0, max: 2 })} der zuwendungsfähigen Ausgaben von ${formatEuro(a.totals.eligibleCents)}. Beantragt waren ${formatEuro(a.financing.requestedCents)}.`,
    );
  }
  if (d.reason) {
    heading(doc, 'Begründung');
    doc.text(d.reason);
  }
  if (d.smallGrantException) {
    heading(doc, 'Ausnahme von der Mindestzuwendung');
    doc.text(d.smallGrantException);
  }
  heading(doc, 'Finanzierungsplan');
  rows(doc, [
    ['Gesamtausgaben', formatEuro(a.totals.totalCents)],
    ['davon zuwendungsfähig', formatEuro(a.totals.eligibleCents)],
    ['Eigenanteil (davon Sachleistungen)', `${formatEuro(a.financing.ownCents)} (${formatEuro(a.financing.ownInKindCents)})`],
    ['Drittmittel', formatEuro(a.financing.thirdPartyCents)],
    ['Beantragte Zuwendung', formatEuro(a.financing.requestedCents)],
    ['Bewilligte Zuwendung', formatEuro(d.approvedCents)],
  ]);
  if (d.outcome !== 'rejected') {
    heading(doc, 'Nebenbestimmungen');
    const reimbursementOnly = d.approvedCents < programme.reimbursementThresholdCents;
    for (const line of [
      reimbursementOnly
        ? `Die Zuwendung wird als Erstattung nachgewiesener Ausgaben ausgezahlt (Zuwendungen unter ${formatEuro(programme.reimbursementThresholdCents)}).`
        : 'Die Zuwendung kann auf Anforderung in Teilbeträgen vorab ausgezahlt werden, soweit sie voraussichtlich innerhalb von zwei Monaten benötigt wird.',
      'Investitionsausgaben sind nicht zuwendungsfähig.',
      'Personalausgaben sind höchstens bis zur Obergrenze der jeweiligen Entgeltgruppe (TV-L, Stufe 3) zuwendungsfähig; die Qualifikation ist nachzuweisen.',
      'Die Verwendung ist mit einem Verwendungsnachweis (zahlenmäßiger Nachweis nach Kostenarten und Sachbericht) nachzuweisen. Werden weniger zuwendungsfähige Ausgaben nachgewiesen, ermäßigt sich die Zuwendung anteilig; zu viel gezahlte Beträge werden zurückgefordert.',
    ])
      doc.text(`• ${line}`, { paragraphGap: 3 });
  }
  heading(doc, 'Rechtsbehelfsbelehrung');
  doc.text('Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.');
  doc.moveDown(2).text(settings.councilName).text('Im Auftrag');
  numberPages(doc);
  return { fileName: `${d.noticeNumber}.pdf`, body: await pdfBuffer(doc) };
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
  const doc = createPdf({
    title: `Projektdossier: ${p.title}`,
    subject: `Präventionsprojekt von ${p.municipalityName} nach dem Beccaria-Standard`,
    author: settings.councilName,
  });
  doc
    .font(FONT.regular)
    .fontSize(9)
    .fillColor('#333333')
    .text(`${settings.councilName} · Projektdossier · erstellt am ${formatDate(nowIso(), 'de')}`)
    .fillColor('#000000')
    .moveDown();
  doc.font(FONT.bold).fontSize(18).text(p.title).font(FONT.regular).fontSize(10).moveDown(0.3);
  rows(doc, [
    ['Kommune', `${p.municipalityName} (${p.ags})`],
    ['Kreis', p.districtName],
    ['Status', PROJECT_STATUS_LABELS[p.status].de],
    ['Handlungsfelder', p.fields.map((f) => f.name).join(', ') || '–'],
    ['Laufzeit', `${formatDate(p.startDate, 'de')} – ${formatDate(p.endDate, 'de')}`],
  ]);
  heading(doc, 'Projektbeschreibung nach dem Beccaria-Standard', 14);
  for (const step of BECCARIA_STEPS) {
    const c = p.completeness.find((x) => x.step === step)!;
    heading(
      doc,
      `${BECCARIA_STEP_LABELS[step].de} (${c.state === 'complete' ? 'vollständig' : c.state === 'later' ? 'folgt' : 'unvollständig'})`,
      11,
    );
    for (const [label, value] of stepText(p, step)) {
      if (!value.trim()) continue;
      doc.font(FONT.bold).text(label).font(FONT.regular).text(value, { paragraphGap: 4 });
    }
  }
  heading(doc, 'Partner', 14);
  doc.text(p.partners.length ? p.partners.map((x) => `${x.name}${x.role ? ` (${x.role})` : ''}`).join('\n') : 'Keine Partner erfasst.');
  heading(doc, 'Orte', 14);
  doc.text(
    p.locations.length
      ? p.locations
          .map((l) =>
            l.geometry.type === 'Point'
              ? `${l.label}: Punkt ${l.geometry.coordinates[1].toFixed(5)} N, ${l.geometry.coordinates[0].toFixed(5)} O`
              : `${l.label}: Fläche (${l.geometry.type === 'Polygon' ? 1 : l.geometry.coordinates.length} Teilfläche(n))`,
          )
          .join('\n')
      : 'Keine Orte erfasst.',
  );

  heading(doc, 'Budget und Förderung', 14);
  if (!p.applications.length) doc.text('Keine Förderanträge.');
  for (const ref of p.applications) {
    const a: Application = await getApplicationUnscoped(db, ref.id);
    heading(doc, `Antrag Nr. ${a.id}, Programm ${a.programmeYear}: ${APPLICATION_STATUS_LABELS[a.status].de}`, 11);
    rows(doc, [
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
    ]);
    if (a.payments.length) {
      doc.moveDown(0.3).font(FONT.bold).text('Auszahlungen').font(FONT.regular);
      for (const pay of a.payments) {
        doc.text(
          `• ${pay.kind === 'advance' ? 'Abschlag' : 'Erstattung'} angefordert am ${formatDate(pay.requestedOn, 'de')}: ${formatEuro(pay.requestedCents)}${pay.paidCents !== null ? `, ausgezahlt am ${formatDate(pay.paidOn, 'de')}: ${formatEuro(pay.paidCents)}` : ', offen'}`,
        );
      }
    }
    if (a.proof) {
      doc.moveDown(0.3).font(FONT.bold).text('Verwendungsnachweis').font(FONT.regular);
      doc.text(
        `Ist-Ausgaben ${formatEuro(a.proof.actualTotalCents)} (förderfähig ${formatEuro(a.proof.actualEligibleCents)})${a.proof.checkedEligibleCents !== null ? `; anerkannt ${formatEuro(a.proof.checkedEligibleCents)}, Zuwendung ${formatEuro(a.proof.entitledCents ?? 0)}, Rückforderung ${formatEuro(a.proof.repaymentCents ?? 0)}` : '; noch nicht geprüft'}.`,
      );
    }
  }
  heading(doc, 'Dokumente', 14);
  doc.text(
    p.documents.length
      ? p.documents
          .map(
            (d) =>
              `• ${d.fileName} (${d.contentType}, ${Math.ceil(d.size / 1024)} KB, hochgeladen am ${formatDate(d.uploadedAt, 'de')}, SHA-256 ${d.sha256.slice(0, 16)}…)`,
          )
          .join('\n')
      : 'Keine Dokumente.',
  );
  numberPages(doc);
  return { fileName: `projektdossier-${p.id}.pdf`, body: await pdfBuffer(doc) };
}
