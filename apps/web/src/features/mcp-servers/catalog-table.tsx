// The deployment's catalog servers: configured by the operator from environment variables and shared by every
// organization here — each shown as configured, or with the variables that would enable it.
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { McpCatalogServer } from '@/lib/types';

export function CatalogTable({ catalog }: { catalog: McpCatalogServer[] }) {
  return (
    <Card role="region" aria-labelledby="mcp-catalog-title">
      <CardHeader>
        <h2 id="mcp-catalog-title" className="font-semibold leading-tight">
          Catalog servers
        </h2>
        <CardDescription>
          Set up by the operator of this deployment in its environment, with the deployment's credentials, and shared by
          every organization here. An agent may list a configured one's tools as{' '}
          <code className="font-mono">&lt;name&gt;_&lt;tool&gt;</code>.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Table aria-label="Catalog servers">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Category</TH>
              <TH>Description</TH>
              <TH>Status</TH>
            </TR>
          </THead>
          <TBody>
            {catalog.map((c) => (
              <TR key={c.name}>
                <TD>
                  <code className="font-mono">{c.name}</code>
                </TD>
                <TD className="text-muted-foreground">{c.category}</TD>
                <TD>{c.description}</TD>
                <TD>
                  {c.configured ? (
                    <Badge>configured</Badge>
                  ) : (
                    <span className="text-xs text-muted-foreground">
                      Set{' '}
                      {c.configureWith.map((v, i) => (
                        <span key={v}>
                          {i > 0 && (i === c.configureWith.length - 1 ? ' and ' : ', ')}
                          <code className="font-mono text-foreground">{v}</code>
                        </span>
                      ))}{' '}
                      to enable
                    </span>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}
