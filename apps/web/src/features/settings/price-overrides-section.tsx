// Settings › Price overrides: the organization's own model prices (USD per million tokens), which win over the
// catalog for runs finished from then on. Listed, added or updated (one per provider and model), and removed after
// confirmation.
import { useQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmRemove } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { PriceOverride } from '@/lib/types';
import { timeAgo } from '@/lib/utils';
import { Section } from '../agent/configure-controls';
import { focusControl } from '../agent/configure-form';
import { pricesQuery, useDeletePrice } from '../costs/api';
import { emptyPriceDraft, PriceForm, perM, priceDraftOf } from './price-override-form';

function OverrideRow({ override: o, onEdit }: { override: PriceOverride; onEdit: () => void }) {
  const remove = useDeletePrice();
  const name = `${o.provider} / ${o.modelName}`;
  return (
    <TR>
      <TD className="text-muted-foreground">{o.provider}</TD>
      <TD className="font-mono text-xs">
        {o.modelName}
        {remove.error && <ErrorNotice error={remove.error} className="mt-2 font-sans" />}
      </TD>
      <TD className="text-right tabular-nums">{perM(o.inputPerMTokUsd)}</TD>
      <TD className="text-right tabular-nums">{perM(o.outputPerMTokUsd)}</TD>
      <TD className="text-right tabular-nums">{perM(o.cachedInputPerMTokUsd)}</TD>
      <TD className="text-right tabular-nums">{perM(o.reasoningPerMTokUsd)}</TD>
      <TD className="whitespace-nowrap text-muted-foreground">{timeAgo(o.updatedAt)}</TD>
      <TD>
        <div className="flex">
          <Button variant="ghost" size="icon" aria-label={`Edit the price of ${name}`} onClick={onEdit}>
            <Pencil aria-hidden />
          </Button>
          <ConfirmRemove
            label={`Remove the price of ${name}`}
            title={`Remove the price of ${name}?`}
            description="Runs finished from now on are priced at the catalog price again."
            confirmLabel="Remove price"
            onConfirm={() =>
              remove.mutate(
                { provider: o.provider, modelName: o.modelName },
                { onSuccess: () => toast.success(`Removed the price of ${name}`) },
              )
            }
          />
        </div>
      </TD>
    </TR>
  );
}

export function PriceOverridesSection() {
  const prices = useQuery(pricesQuery());
  const [draft, setDraft] = useState(emptyPriceDraft);
  return (
    <Section
      id="price-overrides"
      title="Price overrides"
      description="Your negotiated or self-hosted prices, in USD per million tokens. They apply to runs that finish after the change."
    >
      {prices.error ? (
        <ErrorNotice error={prices.error} />
      ) : prices.isPending ? (
        <Spinner />
      ) : prices.data.length === 0 ? (
        <EmptyState title="No price overrides">Runs are priced at the catalog prices.</EmptyState>
      ) : (
        <Table aria-label="Price overrides">
          <THead>
            <TR>
              <TH>Provider</TH>
              <TH>Model</TH>
              <TH className="text-right">Input</TH>
              <TH className="text-right">Output</TH>
              <TH className="text-right">Cached</TH>
              <TH className="text-right">Reasoning</TH>
              <TH>Updated</TH>
              <ActionsHead />
            </TR>
          </THead>
          <TBody>
            {prices.data.map((o) => (
              <OverrideRow
                key={o.id}
                override={o}
                onEdit={() => {
                  setDraft(priceDraftOf(o));
                  focusControl('price.inputPerMTokUsd');
                }}
              />
            ))}
          </TBody>
        </Table>
      )}
      <PriceForm draft={draft} setDraft={setDraft} />
    </Section>
  );
}
