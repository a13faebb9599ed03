import assert from 'node:assert/strict';
import { isAbsolute, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has safe defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, resolve(process.cwd(), 'data'));
    assert.ok(isAbsolute(config.dataDir));
    assert.equal(config.databaseUrl, `sqlite:${resolve(process.cwd(), 'data', 'tuidang.sqlite')}`);
    assert.equal(config.timeZone, 'Asia/Shanghai');
    assert.equal(config.logLevel, 'info');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', HOST: '', DATABASE_URL: '', TUIDANG_TIMEZONE: '', TUIDANG_DATA_DIR: '', TUIDANG_LOG_LEVEL: '' });
    assert.deepEqual({ ...config }, { ...loadConfig({}) });
  });

  it('keeps inbox items 90 days unless told otherwise, and refuses a retention that is not whole days', () => {
    assert.equal(loadConfig({}).inboxRetentionDays, 90);
    assert.equal(loadConfig({ TUIDANG_INBOX_RETENTION_DAYS: '30' }).inboxRetentionDays, 30);
    // The lower admission class's limits (docs/security.md, "Flooding").
    assert.deepEqual({ ...loadConfig({}).flood }, { unprovenPerAddress: 20, unprovenTotal: 600, receiptChecksPerAddress: 60 });
    assert.equal(loadConfig({ TUIDANG_UNPROVEN_PER_ADDRESS: '5' }).flood.unprovenPerAddress, 5);
    assert.throws(() => loadConfig({ TUIDANG_UNPROVEN_TOTAL: '0' }), ConfigError);
    assert.throws(() => loadConfig({ TUIDANG_RECEIPT_CHECKS_PER_ADDRESS: 'many' }), ConfigError);
    for (const value of ['0', '1.5', 'ninety', '4000']) {
      assert.throws(() => loadConfig({ TUIDANG_INBOX_RETENTION_DAYS: value }), ConfigError, value);
    }
  });

  it('anchors the audit chain every minute and keeps contacts 30 days after the decision, unless told otherwise', () => {
    assert.deepEqual({ ...loadConfig({}).vault }, { auditAnchorSeconds: 60, contactRetentionDays: 30 });
    const told = loadConfig({ TUIDANG_AUDIT_ANCHOR_SECONDS: '5', TUIDANG_CONTACT_RETENTION_DAYS: '7' }).vault;
    assert.deepEqual({ ...told }, { auditAnchorSeconds: 5, contactRetentionDays: 7 });
    for (const env of [
      { TUIDANG_AUDIT_ANCHOR_SECONDS: '0' },
      { TUIDANG_CONTACT_RETENTION_DAYS: '1.5' },
      { TUIDANG_CONTACT_RETENTION_DAYS: '9999' },
    ]) {
      assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
    }
  });

  it('reads HOST, log level and the data dir (resolved absolute)', () => {
    const config = loadConfig({ HOST: '0.0.0.0', TUIDANG_LOG_LEVEL: 'debug', TUIDANG_DATA_DIR: 'var/tuidang' });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.dataDir, resolve(process.cwd(), 'var/tuidang'));
    assert.equal(config.databaseUrl, `sqlite:${resolve(process.cwd(), 'var/tuidang/tuidang.sqlite')}`);
  });

  describe('PORT', () => {
    it('parses integers from 0 to 65535', () => {
      assert.equal(loadConfig({ PORT: '3000' }).port, 3000);
      assert.equal(loadConfig({ PORT: '0' }).port, 0);
      assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
    });

    it('throws ConfigError for words, fractions, negatives and out-of-range values', () => {
      for (const PORT of ['abc', '70000', '65536', '-1', '80.5', '8080abc', 'NaN', 'Infinity']) {
        assert.throws(() => loadConfig({ PORT }), ConfigError, PORT);
      }
    });

    it('names the bad value in the message', () => {
      assert.throws(
        () => loadConfig({ PORT: 'abc' }),
        (error: unknown) => error instanceof ConfigError && /"abc"/.test(error.message),
      );
    });

    it('rejects whitespace-only and non-decimal spellings', () => {
      for (const PORT of [' ', '0x1F90', '1e3']) assert.throws(() => loadConfig({ PORT }), ConfigError, JSON.stringify(PORT));
    });
  });

  describe('DATABASE_URL', () => {
    it('resolves a relative sqlite path to an absolute one', () => {
      const config = loadConfig({ DATABASE_URL: 'sqlite:db/test.sqlite' });
      assert.equal(config.databaseUrl, `sqlite:${resolve(process.cwd(), 'db/test.sqlite')}`);
      assert.ok(isAbsolute(config.databaseUrl.slice('sqlite:'.length)));
    });

    it('keeps an absolute sqlite path', () => {
      assert.equal(loadConfig({ DATABASE_URL: 'sqlite:/srv/tuidang/db.sqlite' }).databaseUrl, 'sqlite:/srv/tuidang/db.sqlite');
    });

    it('keeps postgres URLs as they are', () => {
      const url = 'postgres://user:p%40ss@db.example:5432/tuidang?sslmode=require';
      assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
      assert.equal(loadConfig({ DATABASE_URL: 'postgresql://localhost/tuidang' }).databaseUrl, 'postgresql://localhost/tuidang');
    });

    it('throws ConfigError for other schemes', () => {
      for (const DATABASE_URL of ['mysql://localhost/tuidang', 'file:db.sqlite', '/var/db.sqlite', 'Postgres://x']) {
        assert.throws(() => loadConfig({ DATABASE_URL }), ConfigError, DATABASE_URL);
      }
    });

    it('does not turn sqlite::memory: into a file named ":memory:"', () => {
      // Either keep the in-memory database that create-db.ts understands, or refuse it.
      let url: string | undefined;
      try {
        url = loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databaseUrl;
      } catch (error) {
        assert.ok(error instanceof ConfigError);
      }
      if (url !== undefined) assert.equal(url, 'sqlite::memory:');
    });
  });

  describe('TUIDANG_TIMEZONE', () => {
    it('keeps a valid IANA zone', () => {
      assert.equal(loadConfig({ TUIDANG_TIMEZONE: 'America/New_York' }).timeZone, 'America/New_York');
      assert.equal(loadConfig({ TUIDANG_TIMEZONE: 'UTC' }).timeZone, 'UTC');
    });

    it('throws ConfigError for an unknown zone', () => {
      for (const TUIDANG_TIMEZONE of ['Mars/Olympus_Mons', 'Not A Zone', 'Asia/Beijing']) {
        assert.throws(() => loadConfig({ TUIDANG_TIMEZONE }), ConfigError, TUIDANG_TIMEZONE);
      }
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    assert.ok(Object.isFrozen(config));
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
    assert.equal(config.port, 8080);
  });

  it('is a ConfigError that is also an Error', () => {
    try {
      loadConfig({ PORT: 'abc' });
      assert.fail('no error');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.ok(error instanceof Error);
    }
  });

  describe('how items arrive (the SMTP receiver, the IMAP poller, the voicemail webhook)', () => {
    it('has the receiver off, the inbox domain from the public URL and no recording origin by default', () => {
      const { inbound } = loadConfig({ TUIDANG_PUBLIC_URL: 'https://Registry.Example.org' });
      assert.equal(inbound.smtpPort, undefined);
      assert.equal(inbound.smtpHost, '127.0.0.1');
      assert.equal(inbound.domain, 'registry.example.org');
      assert.equal(inbound.tls, undefined);
      assert.deepEqual(inbound.faxSenderDomains, []);
      assert.deepEqual(inbound.recordingOrigins, []);
      assert.equal(inbound.imapPollSeconds, 120);
    });

    it('reads the port, host, domain, certificate pair, fax gateways, recording origins and poll interval', () => {
      const { inbound } = loadConfig({
        TUIDANG_SMTP_PORT: '2525',
        TUIDANG_SMTP_HOST: '0.0.0.0',
        TUIDANG_INBOX_DOMAIN: 'Inbox.Example.org',
        TUIDANG_SMTP_TLS_KEY: 'tls/key.pem',
        TUIDANG_SMTP_TLS_CERT: 'tls/cert.pem',
        TUIDANG_FAX_SENDER_DOMAINS: 'FaxGate.example, efax.example',
        TUIDANG_VOICEMAIL_RECORDING_ORIGINS: 'https://rec.example.net,http://127.0.0.1:8089',
        TUIDANG_IMAP_POLL_SECONDS: '60',
      });
      assert.equal(inbound.smtpPort, 2525);
      assert.equal(inbound.smtpHost, '0.0.0.0');
      assert.equal(inbound.domain, 'inbox.example.org');
      assert.deepEqual(inbound.tls, { keyFile: resolve('tls/key.pem'), certFile: resolve('tls/cert.pem') });
      assert.deepEqual(inbound.faxSenderDomains, ['faxgate.example', 'efax.example']);
      assert.deepEqual(inbound.recordingOrigins, ['https://rec.example.net', 'http://127.0.0.1:8089']);
      assert.equal(inbound.imapPollSeconds, 60);
    });

    it('throws ConfigError for a bad port, domain, half a certificate, a URL that is not an origin or a too short poll', () => {
      for (const env of [
        { TUIDANG_SMTP_PORT: '70000' },
        { TUIDANG_INBOX_DOMAIN: 'not a domain' },
        { TUIDANG_SMTP_TLS_KEY: 'key.pem' },
        { TUIDANG_VOICEMAIL_RECORDING_ORIGINS: 'https://rec.example.net/path' },
        { TUIDANG_VOICEMAIL_RECORDING_ORIGINS: 'ftp://rec.example.net' },
        { TUIDANG_IMAP_POLL_SECONDS: '5' },
      ]) {
        assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
      }
    });
  });
  describe('where a mirror sends declarants', () => {
    it('lists the public address when none are given, and takes several separated by spaces or commas', () => {
      assert.deepEqual(loadConfig({ TUIDANG_PUBLIC_URL: 'https://registry.example' }).mirror, {
        submissionAddresses: ['https://registry.example'],
        submissionOrigin: undefined,
      });
      const config = loadConfig({
        TUIDANG_SUBMISSION_ADDRESSES: 'https://a.example/, http://abcdefghijklmnop.onion https://b.example/zh',
        TUIDANG_SUBMISSION_ORIGIN: 'https://a.example',
      });
      assert.deepEqual(config.mirror.submissionAddresses, ['https://a.example', 'http://abcdefghijklmnop.onion', 'https://b.example/zh']);
      assert.equal(config.mirror.submissionOrigin, 'https://a.example');
    });

    it('refuses an address that is not a site, and an origin with a path', () => {
      assert.throws(() => loadConfig({ TUIDANG_SUBMISSION_ADDRESSES: 'ftp://a.example' }), ConfigError);
      assert.throws(() => loadConfig({ TUIDANG_SUBMISSION_ADDRESSES: 'https://a.example/?x=1' }), ConfigError);
      assert.throws(() => loadConfig({ TUIDANG_SUBMISSION_ORIGIN: 'https://a.example/declare' }), ConfigError);
    });
  });

  it('starts no metrics listener unless asked, listens on loopback when asked, and never on the public port', () => {
    assert.deepEqual(loadConfig({}).metrics, { port: undefined, host: '127.0.0.1' });
    assert.deepEqual(loadConfig({ TUIDANG_METRICS_PORT: '9464' }).metrics, { port: 9464, host: '127.0.0.1' });
    assert.equal(loadConfig({ TUIDANG_METRICS_PORT: '9464', TUIDANG_METRICS_HOST: '10.0.0.5' }).metrics.host, '10.0.0.5');
    assert.throws(() => loadConfig({ PORT: '8080', TUIDANG_METRICS_PORT: '8080' }), /never served on the public port/);
    assert.throws(() => loadConfig({ TUIDANG_METRICS_PORT: 'ninety' }), ConfigError);
  });

  it('bounds the intake queue at 2048 by default, or as set', () => {
    assert.equal(loadConfig({}).intakeQueueLimit, 2048);
    assert.equal(loadConfig({ TUIDANG_INTAKE_QUEUE_LIMIT: '500' }).intakeQueueLimit, 500);
    for (const value of ['0', '-1', 'many', '2000000']) {
      assert.throws(() => loadConfig({ TUIDANG_INTAKE_QUEUE_LIMIT: value }), ConfigError, value);
    }
  });

  it('keeps 30,000 rendered pages by default, none when set to 0, and refuses what is not a count', () => {
    assert.equal(loadConfig({}).keptPages, 30_000);
    assert.equal(loadConfig({ TUIDANG_KEPT_PAGES: '0' }).keptPages, 0);
    assert.equal(loadConfig({ TUIDANG_KEPT_PAGES: '500' }).keptPages, 500);
    for (const value of ['-1', 'all', '2000000', '1.5']) {
      assert.throws(() => loadConfig({ TUIDANG_KEPT_PAGES: value }), ConfigError, value);
    }
  });

  it('holds 4096 connections, sends HSTS only behind https and Onion-Location only when given a v3 address', () => {
    assert.deepEqual({ ...loadConfig({}).edge }, { maxConnections: 4096, hsts: false, onionUrl: undefined });
    const onion = `http://${'a'.repeat(56)}.onion`;
    const edge = loadConfig({
      TUIDANG_PUBLIC_URL: 'https://tuidang.example',
      TUIDANG_MAX_CONNECTIONS: '500',
      TUIDANG_ONION_URL: `${onion}/`,
    }).edge;
    assert.deepEqual({ ...edge }, { maxConnections: 500, hsts: true, onionUrl: onion });
    for (const env of [
      { TUIDANG_MAX_CONNECTIONS: '8' },
      { TUIDANG_MAX_CONNECTIONS: 'many' },
      { TUIDANG_ONION_URL: 'http://short.onion' },
    ]) {
      assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
    }
  });
});
