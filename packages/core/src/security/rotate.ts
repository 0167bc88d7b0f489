// Key rotation for stored credentials: every encrypted column of every organization re-encrypted under the current
// key — a system path, global on purpose. Idempotent: values already under the current key are left alone, so it can
// be run again after an interruption. Each table's rows are rewritten in one transaction.
import { alertDestination, type Db } from '@trellis/db';
import { eq, isNotNull } from 'drizzle-orm';
import type { SecretBox } from './secret-box';

/** Every column holding SecretBox ciphertext, with its table's key column. A new encrypted column is added here. */
const encryptedColumns = [
  {
    name: 'alert_destination.secret_encrypted',
    table: alertDestination,
    id: alertDestination.id,
    column: alertDestination.secretEncrypted,
    set: (value: string) => ({ secretEncrypted: value }),
  },
] as const;

export interface RotationReport {
  column: string;
  reencrypted: number;
  current: number;
}

export async function rotateSecrets(db: Db, box: SecretBox): Promise<RotationReport[]> {
  const reports: RotationReport[] = [];
  for (const { name, table, id, column, set } of encryptedColumns) {
    reports.push(
      await db.transaction(async (tx) => {
        const rows = await tx.select({ id, value: column }).from(table).where(isNotNull(column)).for('update');
        let reencrypted = 0;
        for (const row of rows) {
          if (!row.value || !box.isStale(row.value)) continue;
          await tx
            .update(table)
            .set(set(box.encrypt(box.decrypt(row.value))))
            .where(eq(id, row.id));
          reencrypted++;
        }
        return { column: name, reencrypted, current: rows.length - reencrypted };
      }),
    );
  }
  return reports;
}
