import type { Child } from 'hono/jsx';
import type { DeclarationStatus } from '../../../../domain/declaration/status.ts';
import type { Catalog } from '../../../../i18n/index.ts';
import type { DeclaredSummary } from '../../../../services/declaration-service.ts';
import { Layout, SafetyNotes, type PageProps } from '../../../views/layout.tsx';

/** What the receipt is for, so the declarant can see that the right names and organisations went in. */
export function DeclaredFacts({ t, declared }: { t: Catalog; declared: DeclaredSummary }) {
  return (
    <dl class="facts" id="declared">
      <dt>{t.declaration.namesLabel}</dt>
      <dd>{declared.names.join(t.form.orgsJoiner)}</dd>
      <dt>{t.declaration.orgsLabel}</dt>
      <dd>{declared.orgs.map((org) => t.form.orgs[org]).join(t.form.orgsJoiner)}</dd>
      <dt>{t.declaration.peopleLabel}</dt>
      <dd>{t.declaration.people(declared.headcount)}</dd>
    </dl>
  );
}

/**
 * The receipt, shown once; `number` and `password` as the declarant should copy them (see public/receipt-page.tsx),
 * in one block that a single tap selects; `declared` is what was filed (DeclaredFacts), or nothing.
 */
export function ReceiptPage(
  props: Omit<PageProps, 'title' | 'path' | 'children'> & { status: DeclarationStatus; number: string; password: string; declared: Child },
) {
  const { t, locale, status } = props;
  return (
    <Layout {...props} title={t.receipt.title} path="/receipt">
      <h1>{t.receipt.title}</h1>
      <p class="warning">
        <strong>{t.receipt.shownOnce}</strong>
      </p>
      <h2>{t.receipt.keepHeading}</h2>
      <div class="pair">
        <p>
          <span class="hint">{t.receipt.numberLabel}</span>
          <br />
          <b id="registration-number">{props.number}</b>
        </p>
        <p>
          <span class="hint">{t.receipt.passwordLabel}</span>
          <br />
          <b id="query-password">{props.password}</b>
        </p>
      </div>
      <p class="hint no-print">{t.receipt.copyHint}</p>
      <h2>{t.receipt.declaredHeading}</h2>
      {props.declared}
      <p>
        {t.receipt.statusLabel}: <span class="status">{t.status[status]}</span> — {t.statusHelp[status]}
      </p>
      <h2>{t.receipt.adviceHeading}</h2>
      <ul>
        {t.receipt.advice.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p class="actions">
        <a class="button secondary" href={`/${locale}/receipt`}>
          {t.receipt.check}
        </a>
      </p>
      <SafetyNotes t={t} />
    </Layout>
  );
}

/** A receipt page asked for again: its reference is used or expired, and the receipt is not shown twice. */
export function ReceiptShownPage(props: Omit<PageProps, 'title' | 'path' | 'children'>) {
  const { t, locale } = props;
  return (
    <Layout {...props} title={t.receiptShown.title} path="/receipt">
      <h1>{t.receiptShown.title}</h1>
      <p>{t.receiptShown.text}</p>
      <p>{t.receiptShown.lost}</p>
      <p class="actions">
        <a class="button secondary" href={`/${locale}/receipt`}>
          {t.receiptShown.check}
        </a>
      </p>
      <SafetyNotes t={t} />
    </Layout>
  );
}
