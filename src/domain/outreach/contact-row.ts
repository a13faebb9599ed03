import { findTextProblem, cleanText } from '../declaration/safe-text.ts';
import { toE164 } from './phone.ts';

/**
 * One row of a call list file: the header names it understands (English, simplified and
 * traditional Chinese), and the checks of each field. The phone is required; the rest may be empty.
 */
const CONTACT_FIELDS = ['phone', 'name', 'title', 'organisation', 'region', 'notes'] as const;
export type ContactFieldName = (typeof CONTACT_FIELDS)[number];

const CONTACT_LIMITS: Readonly<Record<Exclude<ContactFieldName, 'phone'>, number>> = {
  name: 60,
  title: 100,
  organisation: 100,
  region: 100,
  notes: 1000,
};

const HEADERS: Readonly<Record<ContactFieldName, readonly string[]>> = {
  phone: ['phone', 'telephone', 'number', '电话', '電話', '手机', '手機', '号码', '號碼', '电话号码', '電話號碼', '手机号', '手機號'],
  name: ['name', '姓名', '名字'],
  title: ['title', '职务', '職務', '职位', '職位'],
  organisation: ['organisation', 'organization', '单位', '單位', '工作单位', '工作單位'],
  region: ['region', '地区', '地區'],
  notes: ['notes', 'note', '备注', '備註'],
};

const BY_HEADER = new Map(Object.entries(HEADERS).flatMap(([field, names]) => names.map((name) => [name, field as ContactFieldName])));

export function fieldOfHeader(header: string): ContactFieldName | null {
  return BY_HEADER.get(header.normalize('NFKC').trim().toLowerCase()) ?? null;
}

export interface ContactRow {
  phone: string;
  name: string | null;
  title: string | null;
  organisation: string | null;
  region: string | null;
  notes: string | null;
}

export interface RowProblem {
  field: ContactFieldName;
  code: string;
  params: Record<string, string | number>;
}

/** The row's values by field, checked: the contact, or the first problem found. */
export function readContactRow(values: Partial<Record<ContactFieldName, string>>): { row: ContactRow } | { problem: RowProblem } {
  const phone = toE164(values.phone ?? '');
  if (phone === null) {
    return {
      problem: { field: 'phone', code: (values.phone ?? '').trim() === '' ? 'outreach.phoneMissing' : 'outreach.phoneInvalid', params: {} },
    };
  }
  const row: ContactRow = { phone, name: null, title: null, organisation: null, region: null, notes: null };
  for (const field of ['name', 'title', 'organisation', 'region', 'notes'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    const max = CONTACT_LIMITS[field];
    const problem = findTextProblem(value, { maxLength: max, multiline: field === 'notes' });
    if (problem) return { problem: { field, code: `text.${problem}`, params: { max } } };
    row[field] = cleanText(value, field === 'notes') || null;
  }
  return { row };
}
