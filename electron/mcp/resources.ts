import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpDeps } from './deps';
import { ToolError } from './errors';
import { INSTRUCTIONS } from './instructions';
import { organizationOverview, renderOverview } from './tools/get-organization';
import { readDocument, renderDocument } from './tools/get-document';
import { orgIndex } from './tools/common';
import { recordsWhere } from './tools/records-query';

const LIST_MAX = 500;

// Resource reads have no isError: a failure is thrown as an McpError-like Error whose message
// the client shows, so it must say what to do and carry nothing secret.
function failure(e: unknown): Error {
  if (e instanceof ToolError) return new Error(`${e.message} (${e.code})`);
  return new Error('Glue Desk could not read that resource. Call the health tool to check the local store.');
}

function idOf(v: string | string[] | undefined): number {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s || !/^\d{1,18}$/.test(s)) throw new ToolError('INVALID_INPUT', 'The resource id must be digits, e.g. itglue://org/123.');
  return Number(s);
}

export function registerResources(server: McpServer, deps: McpDeps): void {
  server.registerResource(
    'about',
    'glue-desk://about',
    { title: 'About Glue Desk data', description: 'Where the data comes from and how to read it safely.', mimeType: 'text/markdown' },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/markdown', text: `# Glue Desk ${deps.version} (profile ${deps.profile.profile})\n\n${INSTRUCTIONS}\n` }],
    }),
  );

  server.registerResource(
    'organization',
    new ResourceTemplate('itglue://org/{id}', {
      list: async () => {
        try {
          const store = await deps.store();
          return { resources: orgIndex(store).all.slice(0, LIST_MAX).map((o) => ({ uri: `itglue://org/${o.id}`, name: o.name, mimeType: 'text/markdown' })) };
        } catch {
          return { resources: [] }; // never synced or locked: nothing to list, health explains why
        }
      },
    }),
    { title: 'Organization overview', description: 'One organization: counts, quick notes and description (as untrusted data), IT Glue link.', mimeType: 'text/markdown' },
    async (uri, vars) => {
      try {
        const id = idOf(vars.id);
        const store = await deps.store();
        const index = orgIndex(store);
        const org = index.byId.get(id);
        if (!org) throw new ToolError('NOT_FOUND', `No organization with id ${id} in the local copy. Use query_organizations to find its id.`);
        const overview = organizationOverview(store, org, org.parentId !== null ? (index.byId.get(org.parentId)?.name ?? null) : null);
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: renderOverview(overview) }] };
      } catch (e) {
        throw failure(e);
      }
    },
  );

  server.registerResource(
    'document',
    new ResourceTemplate('itglue://document/{id}', {
      list: async () => {
        try {
          const store = await deps.store();
          return { resources: recordsWhere(store, { type: 'documents' }, LIST_MAX).map((d) => ({ uri: `itglue://document/${d.id}`, name: d.name, mimeType: 'text/markdown' })) };
        } catch {
          return { resources: [] };
        }
      },
    }),
    { title: 'IT Glue document', description: 'One document with its sections in order, each as untrusted data.', mimeType: 'text/markdown' },
    async (uri, vars) => {
      try {
        const store = await deps.store();
        const doc = readDocument(store, idOf(vars.id));
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: renderDocument(doc) }] };
      } catch (e) {
        throw failure(e);
      }
    },
  );
}
