/** Largest id either engine stores (PostgreSQL integer). */
const MAX_ID = 2_147_483_647;

/** A database id from a path or a form, or null: never NaN, never a number PostgreSQL would refuse. */
export function parseId(value: string | undefined | null): number | null {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}
