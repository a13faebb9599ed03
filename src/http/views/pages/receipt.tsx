import { formatQueryPassword } from '../../../domain/declaration/query-password.ts';
import { formatRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import type { Receipt } from '../../../services/declaration-service.ts';
import { Layout, SafetyNotes, type PageProps } from '../layout.tsx';

export function ReceiptPage(props: Omit<PageProps, 'title' | 'path' | 'children'> & { receipt: Receipt }) {
  const { t, locale, receipt } = props;
  return (
    <Layout {...props} title={t.receipt.title} path="/receipt">
      <h1>{t.receipt.title}</h1>
      <p class="warning">
        <strong>{t.receipt.shownOnce}</strong>
      </p>
      <h2>{t.receipt.numberLabel}</h2>
      <p class="secret" id="registration-number">
        {formatRegistrationNumber(receipt.registrationNumber)}
      </p>
      <h2>{t.receipt.passwordLabel}</h2>
      <p class="secret" id="query-password">
        {formatQueryPassword(receipt.queryPassword)}
      </p>
      <p>
        {t.receipt.statusLabel}: <span class="status">{t.status[receipt.status]}</span> — {t.statusHelp[receipt.status]}
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
