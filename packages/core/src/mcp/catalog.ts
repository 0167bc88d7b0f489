// The catalog MCP servers of SPEC §8 — playwright, firecrawl, hubspot, jira, justcall, atlas — each configured from
// the deployment's environment when its variables are set. They use the deployment's credentials, so every
// organization of the deployment shares them; per-organization servers (mcp_server rows) carry their own.
import type { MastraMCPServerDefinition } from '@mastra/mcp';
import type { Env } from '../config';

export interface CatalogServer {
  name: string;
  category: string;
  description: string;
  /** The environment variables that configure it. */
  configureWith: string[];
  /** Its connection, when the deployment configured it. */
  definition: MastraMCPServerDefinition | null;
}

const npx = (pkg: string, args: string[], env: Record<string, string>): MastraMCPServerDefinition => ({
  command: 'npx',
  args: ['-y', pkg, ...args],
  env,
  stderr: 'ignore',
});

/** The six catalog servers, configured or not, from the environment. */
export function catalogServers(env: Env): CatalogServer[] {
  const jiraSite = env.JIRA_URL ? new URL(env.JIRA_URL).hostname.split('.')[0] : undefined;
  return [
    {
      name: 'playwright',
      category: 'Web',
      description: 'Browser automation (a headless browser on this host)',
      configureWith: ['MCP_PLAYWRIGHT_ENABLED=true'],
      definition: env.MCP_PLAYWRIGHT_ENABLED === 'true' ? npx('@playwright/mcp', ['--headless'], {}) : null,
    },
    {
      name: 'firecrawl',
      category: 'Web',
      description: 'Web scraping and search',
      configureWith: ['FIRECRAWL_API_KEY'],
      definition: env.FIRECRAWL_API_KEY ? npx('firecrawl-mcp', [], { FIRECRAWL_API_KEY: env.FIRECRAWL_API_KEY }) : null,
    },
    {
      name: 'hubspot',
      category: 'CRM',
      description: 'Contacts, deals, pipeline',
      configureWith: ['HUBSPOT_ACCESS_TOKEN'],
      definition: env.HUBSPOT_ACCESS_TOKEN
        ? npx('@hubspot/mcp-server', [], { PRIVATE_APP_ACCESS_TOKEN: env.HUBSPOT_ACCESS_TOKEN })
        : null,
    },
    {
      name: 'jira',
      category: 'Productivity',
      description: 'Issues, sprints',
      configureWith: ['JIRA_URL', 'JIRA_USERNAME', 'JIRA_API_TOKEN'],
      definition:
        jiraSite && env.JIRA_USERNAME && env.JIRA_API_TOKEN
          ? npx('@aashari/mcp-server-atlassian-jira', [], {
              ATLASSIAN_SITE_NAME: jiraSite,
              ATLASSIAN_USER_EMAIL: env.JIRA_USERNAME,
              ATLASSIAN_API_TOKEN: env.JIRA_API_TOKEN,
            })
          : null,
    },
    {
      name: 'justcall',
      category: 'Communication',
      description: 'Calls, SMS',
      configureWith: ['JUSTCALL_MCP_URL', 'JUSTCALL_AUTH_TOKEN'],
      definition:
        env.JUSTCALL_MCP_URL && env.JUSTCALL_AUTH_TOKEN
          ? {
              url: new URL(env.JUSTCALL_MCP_URL),
              requestInit: { headers: { authorization: `Bearer ${env.JUSTCALL_AUTH_TOKEN}` } },
            }
          : null,
    },
    {
      name: 'atlas',
      category: 'Automation',
      description: 'n8n workflows (an n8n MCP Server Trigger over SSE)',
      configureWith: ['ATLAS_N8N_SSE_URL'],
      definition: env.ATLAS_N8N_SSE_URL ? { url: new URL(env.ATLAS_N8N_SSE_URL) } : null,
    },
  ];
}

/** Names an organization's own server may not take. */
export const catalogNames = ['playwright', 'firecrawl', 'hubspot', 'jira', 'justcall', 'atlas'];
