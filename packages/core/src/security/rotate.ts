// Key rotation for stored credentials: every encrypted column of every organization re-encrypted under the current
// key — a system path, global on purpose. Idempotent: values already under the current key are left alone, so it can
// be run again after an interruption. Each table's rows are rewritten in one transaction.
import { alertDestination, type Db, mcpServer } from '@trellis/db';
import { eq, isNotNull } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../context';
import type { SecretBox } from './secret-box';

/** A column holding SecretBox ciphertext: how its rows are read (locked) and one is rewritten. */
function encryptedColumn<T extends PgTable>(name: string, table: T, id: PgColumn, column: PgColumn, field: string) {
  return {
    name,
    read: (tx: Tx) =>
      tx
        .select({ id, value: column })
        .from(table as PgTable)
        .where(isNotNull(column))
        .for('update'),
    write: (tx: Tx, rowId: string, value: string) =>
      tx
        .update(table)
        .set({ [field]: value } as never)
        .where(eq(id, rowId)),
  };
}

/** Every column holding SecretBox ciphertext. A new encrypted column is added here. */
const encryptedColumns = [
  encryptedColumn(
    'alert_destination.secret_encrypted',
    alertDestination,
    alertDestination.id,
    alertDestination.secretEncrypted,
    'secretEncrypted',
  ),
  encryptedColumn('mcp_server.env_encrypted', mcpServer, mcpServer.id, mcpServer.envEncrypted, 'envEncrypted'),
  encryptedColumn(
    'mcp_server.headers_encrypted',
    mcpServer,
    mcpServer.id,
    mcpServer.headersEncrypted,
    'headersEncrypted',
  ),
];

export interface RotationReport {
  column: string;
  reencrypted: number;
  current: number;
}

export async function rotateSecrets(db: Db, box: SecretBox): Promise<RotationReport[]> {
  const reports: RotationReport[] = [];
  for (const { name, read, write } of encryptedColumns) {
    reports.push(
      await db.transaction(async (tx) => {
        const rows = await read(tx);
        let reencrypted = 0;
        for (const row of rows) {
          if (typeof row.value !== 'string' || !box.isStale(row.value)) continue;
          await write(tx, String(row.id), box.encrypt(box.decrypt(row.value)));
          reencrypted++;
        }
        return { column: name, reencrypted, current: rows.length - reencrypted };
      }),
    );
  }
  return reports;
}
