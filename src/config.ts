import { resolve } from 'node:path';
import { isTimeZone } from './domain/counter/counting-day.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `sqlite:PATH` or `postgres://…` */
  readonly databaseUrl: string;
  /** Keys and the embedded database live here; never commit it. */
  readonly dataDir: string;
  /** IANA zone whose midnight starts a counting day. */
  readonly timeZone: string;
  readonly logLevel: string;
  /** Where staff reach the console, for the one-time links the CLI prints. */
  readonly publicUrl: string;
  /** Outbound mail server (`smtp://…` or `smtps://…`); unset, mail is written as .eml files under the data dir. */
  readonly smtpUrl: string | undefined;
  /** The From address of mail the registry sends. */
  readonly mailFrom: string;
  /** The transparency log's origin, which is also its key's name: the public URL's host and path, then /log. */
  readonly logOrigin: string;
  /** Minutes between the server's log batches (docs/transparency.md). */
  readonly logBatchMinutes: number;
  /** Days an inbox item is kept after it arrives (TUIDANG_INBOX_RETENTION_DAYS, default 90). */
  readonly inboxRetentionDays: number;
  /** How items reach the centers' inboxes (docs/inbox.md, "How items arrive"). */
  readonly inbound: InboundConfig;
  /** Where pages of a static mirror send declarants (docs/mirror.md). */
  readonly mirror: MirrorConfig;
  /** Data at rest (docs/threat-model.md): seconds between anchors of the audit chain's head, and days a declarant's contact is kept after the decision. */
  readonly vault: VaultConfig;
  /** Prometheus metrics (docs/operations.md, "Metrics"): a listener of their own, never the public port. */
  readonly metrics: MetricsConfig;
  /** Submissions that may wait for their commit at once; past it, 503 (TUIDANG_INTAKE_QUEUE_LIMIT, docs/security.md, "Overload"). */
  readonly intakeQueueLimit: number;
  /** Public pages a server process keeps rendered on disk, at most; 0 keeps none (TUIDANG_KEPT_PAGES, docs/operations.md, "Kept pages"). */
  readonly keptPages: number;
  /** What the HTTP server holds and tells browsers at its edge (docs/security.md, "Connections, bodies and headers"). */
  readonly edge: EdgeConfig;
  /** The lower admission class's limits and the receipt checks' (docs/security.md, "Flooding"), per 10 minutes. */
  readonly flood: FloodConfig;
}

interface MirrorConfig {
  /** Sites that take declarations (TUIDANG_SUBMISSION_ADDRESSES): the main site, other mirrors, the onion address. */
  readonly submissionAddresses: readonly string[];
  /** The origin a mirror's forms post to (TUIDANG_SUBMISSION_ORIGIN); unset, a mirror's declare page lists the addresses instead. */
  readonly submissionOrigin: string | undefined;
}

interface VaultConfig {
  /** TUIDANG_AUDIT_ANCHOR_SECONDS, default 60: entries newer than the last anchor can be cut off unseen. */
  readonly auditAnchorSeconds: number;
  /** TUIDANG_CONTACT_RETENTION_DAYS, default 30: a contact address is erased this long after its declaration was decided. */
  readonly contactRetentionDays: number;
}

function parseWhole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}

interface MetricsConfig {
  /** TUIDANG_METRICS_PORT; undefined, no metrics listener is started. */
  readonly port: number | undefined;
  /** TUIDANG_METRICS_HOST, loopback by default: metrics are for the operator's scraper, not the public. */
  readonly host: string;
}

interface EdgeConfig {
  /** Sockets one server process holds at once (`TUIDANG_MAX_CONNECTIONS`, default 4096); past it the oldest idle one is closed. */
  readonly maxConnections: number;
  /** Send Strict-Transport-Security: the public URL is https (a reverse proxy terminates TLS). */
  readonly hsts: boolean;
  /** The registry's onion address (`TUIDANG_ONION_URL`, `http://….onion`), sent as Onion-Location; undefined, none is sent. */
  readonly onionUrl: string | undefined;
}

interface FloodConfig {
  /** Submissions without a proof of work per client address (TUIDANG_UNPROVEN_PER_ADDRESS, default 20). */
  readonly unprovenPerAddress: number;
  /** Submissions without a proof of work from all addresses together (TUIDANG_UNPROVEN_TOTAL, default 600). */
  readonly unprovenTotal: number;
  /** Receipt lookups and retractions per client address (TUIDANG_RECEIPT_CHECKS_PER_ADDRESS, default 60). */
  readonly receiptChecksPerAddress: number;
}

export interface InboundConfig {
  /** The SMTP receiver's port (`TUIDANG_SMTP_PORT`); undefined, no receiver is started. */
  readonly smtpPort: number | undefined;
  readonly smtpHost: string;
  /** The domain of the centers' addresses, `<local>@<domain>`; by default the public URL's host. */
  readonly domain: string;
  /** PEM files of the receiver's certificate: with both, STARTTLS is offered; without, it is not. */
  readonly tls: { readonly keyFile: string; readonly certFile: string } | undefined;
  /** Domains of fax-to-email gateways: mail from them is filed as a fax. */
  readonly faxSenderDomains: readonly string[];
  /** Origins (`https://host[:port]`) a voicemail provider's recording URL may be fetched from; none, no URL is fetched. */
  readonly recordingOrigins: readonly string[];
  /** How often the IMAP poller looks at the centers' mailboxes. */
  readonly imapPollSeconds: number;
}

export class ConfigError extends Error {}

function parsePort(value: string | undefined, name = 'PORT'): number {
  if (value === undefined || value === '') return 8080;
  const port = /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`${name} must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseTimeZone(value: string | undefined): string {
  const zone = value || 'Asia/Shanghai';
  if (!isTimeZone(zone)) throw new ConfigError(`TUIDANG_TIMEZONE is not a known IANA time zone: "${zone}"`);
  return zone;
}

function parseDatabaseUrl(value: string | undefined, dataDir: string): string {
  if (value === undefined || value === '') return `sqlite:${resolve(dataDir, 'tuidang.sqlite')}`;
  if (value === 'sqlite::memory:') return value;
  if (value.startsWith('sqlite:')) return `sqlite:${resolve(value.slice('sqlite:'.length))}`;
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) return value;
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://');
}

function parseSmtpUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^smtps?:\/\/[^\s/]/.test(value)) throw new ConfigError('TUIDANG_SMTP_URL must start with smtp:// or smtps://');
  return value;
}

function parseMailFrom(value: string | undefined, publicUrl: string): string {
  if (value === undefined || value === '') {
    const host = URL.parse(publicUrl)?.hostname;
    if (!host) throw new ConfigError(`TUIDANG_PUBLIC_URL is not a URL: "${publicUrl}"`);
    return `registry@${host}`;
  }
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(value)) throw new ConfigError(`TUIDANG_MAIL_FROM is not an address: "${value}"`);
  return value;
}

function parseInboxRetentionDays(value: string | undefined): number {
  if (value === undefined || value === '') return 90;
  const days = /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new ConfigError(`TUIDANG_INBOX_RETENTION_DAYS must be a whole number of days from 1 to 3650, got "${value}"`);
  }
  return days;
}

function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

function parseInbound(env: NodeJS.ProcessEnv, publicUrl: string): InboundConfig {
  const port = env.TUIDANG_SMTP_PORT;
  const domain = (env.TUIDANG_INBOX_DOMAIN || URL.parse(publicUrl)?.hostname || '').toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domain)) {
    throw new ConfigError(`TUIDANG_INBOX_DOMAIN is not a domain name: "${domain}"`);
  }
  const keyFile = env.TUIDANG_SMTP_TLS_KEY || '';
  const certFile = env.TUIDANG_SMTP_TLS_CERT || '';
  if ((keyFile === '') !== (certFile === ''))
    throw new ConfigError('TUIDANG_SMTP_TLS_KEY and TUIDANG_SMTP_TLS_CERT go together: set both or neither');
  const recordingOrigins = parseList(env.TUIDANG_VOICEMAIL_RECORDING_ORIGINS).map((item) => {
    const url = URL.parse(item);
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== item) {
      throw new ConfigError(`TUIDANG_VOICEMAIL_RECORDING_ORIGINS: "${item}" is not an origin such as https://recordings.example.net`);
    }
    return url.origin;
  });
  const poll = env.TUIDANG_IMAP_POLL_SECONDS || '120';
  if (!/^\d{1,5}$/.test(poll) || Number(poll) < 10)
    throw new ConfigError(`TUIDANG_IMAP_POLL_SECONDS must be a whole number of at least 10, got "${poll}"`);
  return Object.freeze({
    smtpPort: port === undefined || port === '' ? undefined : parsePort(port, 'TUIDANG_SMTP_PORT'),
    smtpHost: env.TUIDANG_SMTP_HOST || '127.0.0.1',
    domain,
    tls: keyFile === '' ? undefined : Object.freeze({ keyFile: resolve(keyFile), certFile: resolve(certFile) }),
    faxSenderDomains: Object.freeze(parseList(env.TUIDANG_FAX_SENDER_DOMAINS)),
    recordingOrigins: Object.freeze(recordingOrigins),
    imapPollSeconds: Number(poll),
  });
}

function parseLimit(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\s*\d{1,9}\s*$/.test(value) || Number(value) < 1)
    throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}

function parseFlood(env: NodeJS.ProcessEnv): FloodConfig {
  return Object.freeze({
    unprovenPerAddress: parseLimit(env, 'TUIDANG_UNPROVEN_PER_ADDRESS', 20),
    unprovenTotal: parseLimit(env, 'TUIDANG_UNPROVEN_TOTAL', 600),
    receiptChecksPerAddress: parseLimit(env, 'TUIDANG_RECEIPT_CHECKS_PER_ADDRESS', 60),
  });
}

function parseLogOrigin(value: string | undefined, publicUrl: string): string {
  const url = URL.parse(publicUrl);
  const origin = value || (url ? `${url.host}${url.pathname.replace(/\/+$/, '')}/log` : '');
  // A signed-note key name: printable, no space, no plus.
  if (!/^[\x21-\x2a\x2c-\x7e]+$/.test(origin)) throw new ConfigError(`TUIDANG_LOG_ORIGIN may not hold spaces or "+": "${origin}"`);
  return origin;
}

function parseLogBatchMinutes(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  const minutes = /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : NaN;
  if (!(minutes >= 1 && minutes <= 1440)) throw new ConfigError(`TUIDANG_LOG_BATCH_MINUTES must be from 1 to 1440, got "${value}"`);
  return minutes;
}

function parseMirror(env: NodeJS.ProcessEnv, publicUrl: string): MirrorConfig {
  const addresses = (env.TUIDANG_SUBMISSION_ADDRESSES ?? '').split(/[\s,]+/).filter(Boolean);
  for (const address of addresses) {
    const url = URL.parse(address);
    if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash)
      throw new ConfigError(`TUIDANG_SUBMISSION_ADDRESSES holds "${address}", which is not an http(s) address of a site`);
  }
  const origin = env.TUIDANG_SUBMISSION_ORIGIN || undefined;
  const parsed = origin === undefined ? null : URL.parse(origin);
  if (origin !== undefined && (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/+$/, '')))
    throw new ConfigError(`TUIDANG_SUBMISSION_ORIGIN must be an origin such as https://example.org, got "${origin}"`);
  return Object.freeze({
    submissionAddresses: Object.freeze(addresses.length > 0 ? addresses.map((address) => address.replace(/\/+$/, '')) : [publicUrl]),
    submissionOrigin: parsed?.origin,
  });
}

function parseMetrics(env: NodeJS.ProcessEnv, port: number): MetricsConfig {
  const value = env.TUIDANG_METRICS_PORT;
  const metricsPort = value === undefined || value === '' ? undefined : parsePort(value, 'TUIDANG_METRICS_PORT');
  const metricsHost = env.TUIDANG_METRICS_HOST || '127.0.0.1';
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new ConfigError('TUIDANG_METRICS_PORT must differ from PORT: metrics are never served on the public port');
  }
  return Object.freeze({ port: metricsPort, host: metricsHost });
}

function parseIntakeQueueLimit(value: string | undefined): number {
  if (value === undefined || value === '') return 2048;
  const limit = /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= 1_000_000)) throw new ConfigError(`TUIDANG_INTAKE_QUEUE_LIMIT must be from 1 to 1000000, got "${value}"`);
  return limit;
}

function parseEdge(env: NodeJS.ProcessEnv, publicUrl: string): EdgeConfig {
  const max = env.TUIDANG_MAX_CONNECTIONS || '4096';
  if (!/^\s*\d{2,7}\s*$/.test(max) || Number(max) < 16) {
    throw new ConfigError(`TUIDANG_MAX_CONNECTIONS must be a whole number of at least 16, got "${max}"`);
  }
  const onion = (env.TUIDANG_ONION_URL || '').replace(/\/+$/, '');
  if (onion !== '' && !/^https?:\/\/[a-z2-7]{56}\.onion$/.test(onion)) {
    throw new ConfigError(`TUIDANG_ONION_URL must be a v3 onion address such as http://<56 characters>.onion, got "${onion}"`);
  }
  return Object.freeze({ maxConnections: Number(max), hsts: publicUrl.startsWith('https://'), onionUrl: onion || undefined });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.TUIDANG_DATA_DIR || './data');
  const port = parsePort(env.PORT);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.TUIDANG_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  return Object.freeze({
    port,
    host,
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    dataDir,
    timeZone: parseTimeZone(env.TUIDANG_TIMEZONE),
    logLevel: env.TUIDANG_LOG_LEVEL || 'info',
    publicUrl,
    smtpUrl: parseSmtpUrl(env.TUIDANG_SMTP_URL),
    mailFrom: parseMailFrom(env.TUIDANG_MAIL_FROM, publicUrl),
    inboxRetentionDays: parseInboxRetentionDays(env.TUIDANG_INBOX_RETENTION_DAYS),
    inbound: parseInbound(env, publicUrl),
    logOrigin: parseLogOrigin(env.TUIDANG_LOG_ORIGIN, publicUrl),
    logBatchMinutes: parseLogBatchMinutes(env.TUIDANG_LOG_BATCH_MINUTES),
    mirror: parseMirror(env, publicUrl),
    vault: Object.freeze({
      auditAnchorSeconds: parseWhole(env, 'TUIDANG_AUDIT_ANCHOR_SECONDS', 60, 1, 86_400),
      contactRetentionDays: parseWhole(env, 'TUIDANG_CONTACT_RETENTION_DAYS', 30, 1, 3650),
    }),
    metrics: parseMetrics(env, port),
    intakeQueueLimit: parseIntakeQueueLimit(env.TUIDANG_INTAKE_QUEUE_LIMIT),
    keptPages: parseWhole(env, 'TUIDANG_KEPT_PAGES', 30_000, 0, 1_000_000),
    edge: parseEdge(env, publicUrl),
    flood: parseFlood(env),
  });
}
