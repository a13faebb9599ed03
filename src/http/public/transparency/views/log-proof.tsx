import type { Locale } from '../../../../i18n/index.ts';
import type { PermalinkProof } from '../../../../services/log/log-service.ts';
import { transparencyMessages } from '../messages.ts';

/** A statement's leaf in the transparency log, on its permalink: enough to check it by hand. */
export function LogProof({
  locale,
  registrationNumber,
  proof,
}: {
  locale: Locale;
  registrationNumber: string;
  proof: PermalinkProof | undefined;
}) {
  const m = transparencyMessages(locale).permalink;
  return (
    <section>
      <h2>{m.heading}</h2>
      {proof ? (
        <>
          <dl class="facts">
            <dt>{m.leaf}</dt>
            <dd>{proof.leafIndex}</dd>
            <dt>{m.salt}</dt>
            <dd>
              <code>{proof.salt}</code>
            </dd>
            <dt>{m.checkpoint}</dt>
            <dd>{m.checkpointValue(proof.checkpoint.size, proof.checkpoint.root)}</dd>
          </dl>
          <p>{m.record}</p>
          <pre>{proof.record}</pre>
          <p>{m.proof}</p>
          <pre>{proof.proof.join('\n')}</pre>
          <p>{m.explain}</p>
        </>
      ) : (
        <p>{m.pending}</p>
      )}
      <p>
        <a href={`/api/v1/declarations/${registrationNumber}/proof`}>{m.latest}</a> · <a href={`/${locale}/transparency`}>{m.how}</a>
      </p>
    </section>
  );
}
