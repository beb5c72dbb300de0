// Table and link-table names as Strapi's metadata has them, for the job's and the views' SQL.
import type { Core } from '@strapi/strapi';

interface JoinTable { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } }

export function tableOf(strapi: Core.Strapi, uid: string): string {
  return strapi.db.metadata.get(uid as never).tableName;
}

/** The link table of a to-one relation: `name`, owner column `from`, target column `to`. */
export function linkOf(strapi: Core.Strapi, uid: string, attribute: string): { name: string; from: string; to: string } {
  const meta = strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, { joinTable?: JoinTable }> };
  const joinTable = meta.attributes[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} has no join table`);
  return { name: joinTable.name, from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
}

/** A datetime column as a Date, whichever way the driver returned it (SQLite: epoch ms; PostgreSQL: Date). */
export function toDate(value: unknown): Date | null {
  if (value == null || value === '') return null;
  if (value instanceof Date) return value;
  const date = typeof value === 'number' || /^\d+$/.test(String(value)) ? new Date(Number(value)) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date column as YYYY-MM-DD (PostgreSQL's driver returns a Date at local midnight). */
export function toDay(value: unknown): string | null {
  if (value == null || value === '') return null;
  if (value instanceof Date) {
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}
