import type { DeclarationStatus } from '../../../../domain/declaration/status.ts';
import { Layout, SafetyNotes, type PageProps } from '../../../views/layout.tsx';

/** The receipt, shown once; `number` and `password` as the declarant should copy them (see public/receipt-page.tsx). */
export function ReceiptPage(
  props: Omit<PageProps, 'title' | 'path' | 'children'> & { status: DeclarationStatus; number: string; password: string },
) {
  const { t, locale, status } = props;
  return (
    <Layout {...props} title={t.receipt.title} path="/receipt">
      <h1>{t.receipt.title}</h1>
      <p class="warning">
        <strong>{t.receipt.shownOnce}</strong>
      </p>
      <h2>{t.receipt.numberLabel}</h2>
      <p class="secret" id="registration-number">
        {props.number}
      </p>
      <h2>{t.receipt.passwordLabel}</h2>
      <p class="secret" id="query-password">
        {props.password}
      </p>
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
