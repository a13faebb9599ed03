import type { Child } from 'hono/jsx';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import type { PublicCenter } from '../../../../services/centers-service.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { publicCentersMessages, type PublicCentersMessages } from '../messages.ts';

interface CountryGroup {
  country: string;
  centers: PublicCenter[];
}

/** The service lists centers by country, then city and name; consecutive runs form the groups. */
function byCountry(centers: readonly PublicCenter[]): CountryGroup[] {
  const groups: CountryGroup[] = [];
  for (const center of centers) {
    const last = groups.at(-1);
    if (last && last.country === center.country) last.centers.push(center);
    else groups.push({ country: center.country, centers: [center] });
  }
  return groups;
}

/** A dialable `tel:` target: the digits and a leading plus (the schema allows nothing else but spaces, - and parentheses). */
function telHref(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  return `tel:${digits.startsWith('+') ? '+' : ''}${digits.replace(/\+/g, '')}`;
}

/** Multi-line text (an address, opening hours) with its line breaks kept. */
function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, index) => (
        <>
          {index > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

/**
 * One center: its name, then one line per fact ("label: value"). Plain lines
 * rather than a grid of dt/dd keep a directory of 100 centers under 30 KB.
 */
function CenterEntry({ m, center, script }: { m: PublicCentersMessages; center: PublicCenter; script: (text: string) => string }) {
  const fact = (label: string, value: Child): Child => (
    <>
      {label}
      {m.colon}
      {value}
    </>
  );
  const lines: Child[] = [script(center.city)];
  if (center.hotlines.length > 0) {
    lines.push(
      fact(
        m.hotline(center.hotlines.length),
        center.hotlines.map((phone, index) => (
          <>
            {index > 0 && m.separator}
            <a href={telHref(phone)}>{phone}</a>
          </>
        )),
      ),
    );
  }
  if (center.fax) lines.push(fact(m.fax, center.fax));
  if (center.email) lines.push(fact(m.email, <a href={`mailto:${center.email}`}>{center.email}</a>));
  if (center.address) lines.push(fact(m.address, <Lines text={script(center.address)} />));
  if (center.openingHours) lines.push(fact(m.hours, <Lines text={script(center.openingHours)} />));
  if (center.languages) lines.push(fact(m.languages, script(center.languages)));
  return (
    <>
      <h3>{script(center.name)}</h3>
      <p>
        {lines.map((line, index) => (
          <>
            {index > 0 && <br />}
            {line}
          </>
        ))}
      </p>
    </>
  );
}

export function CentersPage(props: Omit<PageProps, 'title' | 'path' | 'children'> & { centers: readonly PublicCenter[] }) {
  const { t, locale, centers } = props;
  const m = publicCentersMessages(locale);
  // Names and addresses in the reader's script, character by character, as on declaration pages.
  const script = (text: string) => inReaderScript(text, locale);
  const groups = byCountry(centers);
  return (
    <Layout locale={locale} t={t} title={m.title} path="/centers">
      <h1>{m.title}</h1>
      <p class="lead">{m.intro}</p>
      <p class="warning">{m.caution}</p>
      <p class="actions">
        <a class="button" href={`/${locale}/declare`}>
          {t.home.declare}
        </a>
      </p>
      {groups.length === 0 && <p id="no-centers">{m.empty}</p>}
      {groups.length > 1 && (
        <nav aria-label={m.countries}>
          {groups.map((group, index) => (
            <a href={`#country-${index + 1}`}>{script(group.country)}</a>
          ))}
        </nav>
      )}
      {groups.map((group, index) => (
        <section id={`country-${index + 1}`}>
          <h2>{script(group.country)}</h2>
          {group.centers.map((center) => (
            <CenterEntry m={m} center={center} script={script} />
          ))}
        </section>
      ))}
    </Layout>
  );
}
