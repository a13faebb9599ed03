import type { Generated } from 'kysely';
import type { CertificateDisclosure, CertificateStatus } from '../domain/certificates/certificate.ts';
import type { DbTime } from './time.ts';

// Certificates (migration 0029, docs/certificates.md).
interface CertificatesTable {
  id: Generated<number>;
  declaration_id: number;
  number: string;
  name: string;
  locale: string;
  disclosure: CertificateDisclosure;
  status: CertificateStatus;
  requested_at: DbTime;
  decided_at: DbTime | null;
  decided_by: number | null;
  issued_on: string | null;
  signed_note: string | null;
}

export interface CertificatesTables {
  certificates: CertificatesTable;
}
