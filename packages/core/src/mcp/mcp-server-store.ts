// The MCP servers' data access, bound to one tenant: list, find by id or name, insert, update (configuration and
// health), delete. Every statement names the tenant.
import { type McpServer, mcpServer } from '@trellis/db';
import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';

type NewServer = Omit<typeof mcpServer.$inferInsert, 'tenantId' | 'id'>;

export class McpServerStore extends TenantStore {
  private key(idOrName: string): SQL {
    return and(
      eq(mcpServer.tenantId, this.tenantId),
      or(eq(mcpServer.id, idOrName), eq(mcpServer.name, idOrName)),
    ) as SQL;
  }

  list(): Promise<McpServer[]> {
    return this.db.select().from(mcpServer).where(eq(mcpServer.tenantId, this.tenantId)).orderBy(asc(mcpServer.name));
  }

  async find(idOrName: string): Promise<McpServer | undefined> {
    const [row] = await this.db.select().from(mcpServer).where(this.key(idOrName));
    return row;
  }

  async insert(values: NewServer): Promise<McpServer> {
    const [row] = await this.db
      .insert(mcpServer)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async update(id: string, values: Partial<NewServer>): Promise<McpServer | undefined> {
    const [row] = await this.db.update(mcpServer).set(values).where(this.key(id)).returning();
    return row;
  }

  async delete(id: string): Promise<McpServer | undefined> {
    const [row] = await this.db.delete(mcpServer).where(this.key(id)).returning();
    return row;
  }
}
