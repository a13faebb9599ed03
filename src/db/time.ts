export function toDbTime(date: Date): string {
  return date.toISOString();
}

export function fromDbTime(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
