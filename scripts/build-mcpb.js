// Packs the MCP server as an MCPB bundle (a zip Claude Desktop installs with one click):
//   manifest.json           resources/mcpb/manifest.json, version from package.json
//   server/glue.js + chunks out/cli (run `npm run build:cli` first)
//   server/package.json     marks the bundle as ESM
//   server/node_modules/    with --with-deps: the runtime packages the bundle imports
// Uses only Node: zip "store" method, CRC-32 from node:zlib.
// Usage: node scripts/build-mcpb.js [--out FILE] [--with-deps]
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1] : join(root, 'out', 'glue-desk.mcpb');
const withDeps = args.includes('--with-deps');

// Packages only the Electron renderer/main or the build use; the MCP server never loads them.
const NOT_FOR_SERVER = new Set(['react', 'react-dom', 'zustand', 'dompurify', 'electron-store', 'esbuild', '@tanstack/react-virtual']);

function fail(message) {
  process.stderr.write(`build-mcpb: ${message}\n`);
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'resources', 'mcpb', 'manifest.json'), 'utf8'));
delete manifest.$comment;
manifest.version = pkg.version;
const cliDir = join(root, 'out', 'cli');
if (!existsSync(join(cliDir, 'glue.js'))) fail('out/cli/glue.js is missing: run `npm run build:cli` first.');

/** @type {{ name: string, data: Buffer, mode: number }[]} */
const entries = [];
const add = (name, data, mode = 0o644) => entries.push({ name: name.split(sep).join('/'), data, mode });

function addTree(dir, prefix, skip = () => false) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip(p, e)) continue;
    if (e.isDirectory()) addTree(p, `${prefix}/${e.name}`, skip);
    else if (e.isFile()) add(`${prefix}/${e.name}`, readFileSync(p), statSync(p).mode & 0o777);
  }
}

add('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
// glue.cjs (and its code cache) serve the other commands; the server only runs `glue.js mcp`.
addTree(cliDir, 'server', (p) => p.endsWith('.map') || /[\\/]glue\.cjs(\.cache)?$/.test(p) || p.endsWith('.tmp'));
const serverDeps = Object.fromEntries(Object.entries(pkg.dependencies ?? {}).filter(([n]) => !NOT_FOR_SERVER.has(n) && !n.startsWith('@radix-ui/')));
add('server/package.json', Buffer.from(`${JSON.stringify({ name: 'glue-desk-mcp', version: pkg.version, private: true, type: 'module', dependencies: serverDeps }, null, 2)}\n`));

if (withDeps) {
  // Walk the dependency closure through the hoisted node_modules, as Node would resolve it.
  const seen = new Set();
  let skipped = 0;
  const visit = (name, fromDir, optional) => {
    let dir = fromDir;
    let found = null;
    while (true) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        found = candidate;
        break;
      }
      if (dir === root || dirname(dir) === dir) break;
      dir = dirname(dir);
    }
    if (!found) {
      // Optional native builds for other platforms are normal; a missing required one is not.
      if (!optional) fail(`${name} is required but not installed: run \`npm install\`.`);
      skipped++;
      return;
    }
    if (seen.has(found)) return;
    seen.add(found);
    const meta = JSON.parse(readFileSync(join(found, 'package.json'), 'utf8'));
    for (const dep of Object.keys(meta.dependencies ?? {})) visit(dep, found, false);
    for (const dep of Object.keys(meta.optionalDependencies ?? {})) visit(dep, found, true);
  };
  for (const name of Object.keys(serverDeps)) visit(name, root, false);
  process.stderr.write(`build-mcpb: ${seen.size} packages for ${process.platform}-${process.arch} (${skipped} optional ones for other platforms skipped)\n`);
  for (const dir of seen) {
    addTree(dir, `server/${relative(root, dir)}`, (p, e) => e.isDirectory() && e.name === 'node_modules');
  }
}

if (entries.length > 0xffff) fail(`${entries.length} files is more than a plain zip holds; trim the dependencies.`);

// --- zip writer (store method, no compression: simple and fast; Claude only needs to unpack) ---
const chunks = [];
const central = [];
let offset = 0;
const DOS_TIME = 0; // 1980-01-01 00:00: reproducible bundles
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
for (const e of entries) {
  const name = Buffer.from(e.name, 'utf8');
  const crc = crc32(e.data) >>> 0;
  if (e.data.length > 0xfffffffe || offset > 0xfffffffe) fail('bundle is larger than 4 GB; zip64 is not supported.');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(0, 8); // store
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(e.data.length, 18);
  local.writeUInt32LE(e.data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  chunks.push(local, name, e.data);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so modes survive
  cd.writeUInt16LE(20, 6);
  cd.writeUInt16LE(0x0800, 8);
  cd.writeUInt16LE(0, 10);
  cd.writeUInt16LE(DOS_TIME, 12);
  cd.writeUInt16LE(DOS_DATE, 14);
  cd.writeUInt32LE(crc, 16);
  cd.writeUInt32LE(e.data.length, 20);
  cd.writeUInt32LE(e.data.length, 24);
  cd.writeUInt16LE(name.length, 28);
  cd.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
  cd.writeUInt32LE(offset, 42);
  central.push(cd, name);
  offset += local.length + name.length + e.data.length;
}
const cdSize = central.reduce((n, b) => n + b.length, 0);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(entries.length, 8);
end.writeUInt16LE(entries.length, 10);
end.writeUInt32LE(cdSize, 12);
end.writeUInt32LE(offset, 16);
writeFileSync(out, Buffer.concat([...chunks, ...central, end]));
process.stderr.write(`build-mcpb: wrote ${relative(process.cwd(), out) || out} (${entries.length} files, ${(offset / 1048576).toFixed(1)} MB)${withDeps ? '' : '; without --with-deps the host must provide node_modules'}\n`);
