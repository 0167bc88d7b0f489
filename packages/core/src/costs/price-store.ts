// The model price overrides' data access, bound to one tenant: its overrides listed, looked up (or locked) by
// provider and model, upserted and deleted. Every statement names the tenant, so another organization's prices are
// never read or changed through it.
import { type ModelPriceOverride, modelPriceOverride } from '@trellis/db';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';

/** A model of a provider: what an override is kept by. */
export interface PriceKey {
  provider: string;
  modelName: string;
}

type PriceValues = Omit<typeof modelPriceOverride.$inferInsert, 'id' | 'tenantId'>;

export class PriceStore extends TenantStore {
  private key({ provider, modelName }: PriceKey): SQL {
    return and(
      eq(modelPriceOverride.tenantId, this.tenantId),
      eq(modelPriceOverride.provider, provider),
      eq(modelPriceOverride.modelName, modelName),
    ) as SQL;
  }

  /** The tenant's overrides (of one provider, of one model when given), by provider and model. */
  list(filter: Partial<PriceKey> = {}): Promise<ModelPriceOverride[]> {
    return this.db
      .select()
      .from(modelPriceOverride)
      .where(
        and(
          eq(modelPriceOverride.tenantId, this.tenantId),
          filter.provider ? eq(modelPriceOverride.provider, filter.provider) : undefined,
          filter.modelName ? eq(modelPriceOverride.modelName, filter.modelName) : undefined,
        ),
      )
      .orderBy(asc(modelPriceOverride.provider), asc(modelPriceOverride.modelName));
  }

  /** The override of the model, if the tenant has one. */
  async find(key: PriceKey): Promise<ModelPriceOverride | undefined> {
    const [row] = await this.db.select().from(modelPriceOverride).where(this.key(key)).limit(1);
    return row;
  }

  /** The override of the model, locked for the transaction, if the tenant has one. */
  async lock(key: PriceKey): Promise<ModelPriceOverride | undefined> {
    const [row] = await this.db.select().from(modelPriceOverride).where(this.key(key)).for('update');
    return row;
  }

  /** Creates or replaces the override of `values`' model; the row after. */
  async upsert(values: PriceValues): Promise<ModelPriceOverride> {
    const [row] = await this.db
      .insert(modelPriceOverride)
      .values({ tenantId: this.tenantId, ...values })
      .onConflictDoUpdate({
        target: [modelPriceOverride.tenantId, modelPriceOverride.provider, modelPriceOverride.modelName],
        set: { ...values, updatedAt: new Date() },
      })
      .returning();
    return row;
  }

  /** Deletes the override of the model; the deleted row, if there was one. */
  async delete(key: PriceKey): Promise<ModelPriceOverride | undefined> {
    const [row] = await this.db.delete(modelPriceOverride).where(this.key(key)).returning();
    return row;
  }
}
