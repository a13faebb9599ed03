import type { Center } from '../../../../services/centers-service.ts';
import { ConsoleLayout, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { CentersMessages } from '../messages.ts';

function Lines({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

/** What a center admin sees of their own center: the same fields, as text. */
function CenterFacts({ m, center }: { m: CentersMessages; center: Center }) {
  const optional = (value: string | null) => (value ? <Lines text={value} /> : m.none);
  return (
    <dl class="facts" id="center-facts">
      <dt>{m.fields.name}</dt>
      <dd>{center.name}</dd>
      <dt>{m.fields.city}</dt>
      <dd>{center.city}</dd>
      <dt>{m.fields.country}</dt>
      <dd>{center.country}</dd>
      <dt>{m.fields.hotlines}</dt>
      <dd>{optional(center.hotlines.join('\n'))}</dd>
      <dt>{m.fields.fax}</dt>
      <dd>{optional(center.fax)}</dd>
      <dt>{m.fields.email}</dt>
      <dd>{optional(center.email)}</dd>
      <dt>{m.fields.address}</dt>
      <dd>{optional(center.address)}</dd>
      <dt>{m.fields.openingHours}</dt>
      <dd>{optional(center.openingHours)}</dd>
      <dt>{m.fields.languages}</dt>
      <dd>{optional(center.languages)}</dd>
      <dt>{m.fields.isPublic}</dt>
      <dd>{center.isPublic ? m.yes : m.no}</dd>
    </dl>
  );
}

export function CenterFactsPage({ shell, m, center }: { shell: ConsoleShellProps; m: CentersMessages; center: Center }) {
  return (
    <ConsoleLayout {...shell} title={center.name}>
      <p>{m.readOnly}</p>
      <CenterFacts m={m} center={center} />
      <p>
        <a href="/console/centers">{m.back}</a>
      </p>
    </ConsoleLayout>
  );
}
