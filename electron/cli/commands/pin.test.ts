// `glue pin` on a real profile (passphrase keychain, SQLCipher store holding the demo tenant), in-process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoTenant } from '../../core/itglue/fake/generator';
import { priorityOrgIds } from '../../core/store/priority-orgs';
import { openProfile } from '../../core/sync/service';
import { DEMO_TODAY, writeDataset } from '../../core/testing/seed-demo';
import { UsageError, type CliIo } from '../io';
import { run } from './pin';

const dataDir = mkdtempSync(join(tmpdir(), 'glue-cli-pin-'));
const env: NodeJS.ProcessEnv = { GLUE_DATA_DIR: dataDir, GLUE_PASSPHRASE: 'test passphrase', GLUE_MODEL_DIR: join(dataDir, 'models') };
const dataset = generateDemoTenant({ today: DEMO_TODAY });

beforeAll(async () => {
  const p = await openProfile({ env });
  if (!p.ok) throw new Error(p.error.message);
  writeDataset(p.value.store, dataset);
  p.value.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function pin(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _e, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const io: CliIo = { stdout, stderr: new Writable({ write: (_c, _e, cb) => cb() }), env, signal: new AbortController().signal };
  return { code: await run(args, io), out };
}

const pinned = async (): Promise<number[]> => {
  const p = await openProfile({ env });
  if (!p.ok) throw new Error(p.error.message);
  try {
    return priorityOrgIds(p.value.store.db);
  } finally {
    p.value.close();
  }
};

describe('glue pin', () => {
  it('pins an org by (part of) its name, lists it, and unpins it', async () => {
    const org = dataset.organizations!.data[1]!;
    const name = String(org.attributes.name);
    expect(await pin()).toEqual({ code: 0, out: 'No organization goes first; details follow the normal order.\n' });
    const r = await pin(name);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Pinned ${name}`);
    expect(r.out).toContain(`Details first for: ${name}`);
    expect(await pinned()).toEqual([Number(org.id)]);
    expect((await pin('--remove', name)).out).toBe(`Unpinned ${name}.\n`);
    // Unpinned, it stays ahead only as long as any recently noted org would.
    expect(await pinned()).toEqual([Number(org.id)]);
  });

  it('says what to give when the org is missing or unknown', async () => {
    await expect(pin('--remove')).rejects.toThrow(UsageError);
    await expect(pin('zzqx no such org')).rejects.toThrow(/no organization matches/);
  });
});
