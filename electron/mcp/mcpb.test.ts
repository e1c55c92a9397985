import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import pkg from '../../package.json';
import { TOOLS } from './tools/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'glue-mcpb-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The parts of the MCPB 0.3 manifest spec that Claude Desktop needs to install and start us.
const UserConfig = z.object({
  type: z.enum(['string', 'number', 'boolean', 'directory', 'file']),
  title: z.string().min(1),
  description: z.string().min(1),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
const Manifest = z.object({
  manifest_version: z.literal('0.3'),
  name: z.string().regex(/^[a-z0-9-]+$/),
  display_name: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+/),
  description: z.string().min(1).max(300),
  author: z.object({ name: z.string().min(1) }),
  server: z.object({
    type: z.literal('node'),
    entry_point: z.string(),
    mcp_config: z.object({ command: z.literal('node'), args: z.array(z.string()), env: z.record(z.string(), z.string()).optional() }),
  }),
  tools: z.array(z.object({ name: z.string(), description: z.string().min(1) })),
  user_config: z.record(z.string(), UserConfig).optional(),
  compatibility: z.object({ platforms: z.array(z.enum(['darwin', 'win32', 'linux'])), runtimes: z.object({ node: z.string() }) }),
});

const source = Manifest.parse(JSON.parse(readFileSync(join(root, 'resources', 'mcpb', 'manifest.json'), 'utf8')));

it('the manifest is valid, starts `glue mcp` from the entry point and uses only declared user_config', () => {
  expect(source.server.mcp_config.args.slice(0, 2)).toEqual([`\${__dirname}/${source.server.entry_point}`, 'mcp']);
  const used = JSON.stringify(source.server.mcp_config).match(/\$\{user_config\.([a-z_]+)\}/g) ?? [];
  for (const ref of used) expect(Object.keys(source.user_config ?? {})).toContain(ref.slice('${user_config.'.length, -1));
});

it('lists exactly the tools the server registers', () => {
  expect(source.tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
});

/** Reads a stored (uncompressed) zip's entries through its central directory. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    expect(crc32(data) >>> 0, name).toBe(crc);
    files.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

it('build-mcpb packs the manifest (with the package version) and the server bundle', () => {
  const built = spawnSync(process.execPath, [join(root, 'bin', 'glue.js'), '--help'], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  const out = join(tmp, 'glue-desk.mcpb');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-mcpb.js'), '--out', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const files = readZip(readFileSync(out));
  const manifest = Manifest.parse(JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}'));
  expect(manifest.version).toBe(pkg.version);
  expect(files.has(`server/${source.server.entry_point.replace(/^server\//, '')}`)).toBe(true);
  expect(JSON.parse(files.get('server/package.json')?.toString('utf8') ?? '{}')).toMatchObject({ type: 'module' });
  expect([...files.keys()].some((f) => f.endsWith('.map'))).toBe(false);
});
