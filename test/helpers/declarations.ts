import type { NewDeclaration } from '../../src/repositories/declarations/index.ts';

/**
 * A valid declaration as the intake writer takes it, for tests that write rows
 * below the services; each test overrides what it looks at.
 */
export function newDeclaration(serial: number, overrides: Partial<NewDeclaration> = {}): NewDeclaration {
  return {
    registrationNumber: String(4_000_000_000_000_000 + serial),
    registrationSerial: serial,
    passwordHash: `hash-${serial}`,
    names: ['王明华'],
    headcount: 1,
    orgs: ['league'],
    title: '三退声明',
    region: '北京',
    statement: null,
    behalf: 'self',
    consent: false,
    contactSealed: null,
    channel: 'api',
    locale: 'zh-hans',
    createdAt: new Date('2026-11-23T08:00:00Z'),
    aliasKey: '王明华',
    ...overrides,
  };
}
