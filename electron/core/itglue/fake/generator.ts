import { DATASET_FILES, JSON_TYPE, type Dataset, type DatasetKey, type FakeResource } from './dataset';
import { Rng } from './prng';
import { resourceUrl } from './urls';
import {
  ACCOUNT_ORGS, ACCESS_POINTS, APP_SERVERS, BACKUP_PRODUCTS, BASE_ORGS, CITIES, FIREWALLS, FIRST_NAMES, HTML_INJECTION, INDUSTRIES,
  ISPS, LAST_NAMES, NAME_PARTS, PRINTERS, PROMPT_INJECTION, REGISTRARS, STREETS, SUBNETS, SWITCHES, WORKSTATIONS,
  type OrgSeed,
} from './catalog';
import { FLEXIBLE_ASSET_TYPES } from './flexible-asset-types';

export interface GenerateOptions {
  seed?: number;
  /** Grow the tenant (more organizations, bigger fleets) to about this many records in total. */
  scale?: number;
  /**
   * The day expiry dates are relative to (YYYY-MM-DD, UTC). Defaults to the current UTC day, so
   * "expires within 30 days" stays true; pass it to get the same bytes on any day.
   */
  today?: string;
}

export const DEFAULT_SEED = 20260123;
const DAY = 86_400_000;

// Distinct id ranges per type make a consumer that mixes up types fail loudly in tests.
const ID_BASE: Record<DatasetKey, number> = {
  organizations: 1000, configurations: 10_000_000, configuration_interfaces: 20_000_000, passwords: 30_000_000,
  flexible_asset_types: 100, flexible_asset_fields: 1000, flexible_assets: 40_000_000, contacts: 50_000_000,
  locations: 60_000_000, domains: 70_000_000, documents: 80_000_000, document_sections: 90_000_000,
  related_items: 100_000_000, ssl_certificates: 110_000_000, document_folders: 120_000_000, checklists: 130_000_000,
  checklist_tasks: 140_000_000, attachments: 150_000_000,
};

type Attrs = Record<string, unknown>;
type RelType = 'Configuration' | 'FlexibleAsset' | 'Password' | 'Document';
type Attachable = RelType | 'Checklist' | 'SslCertificate';
interface Ref { id: number; name: string }
interface Org { id: number; name: string; seed: OrgSeed }

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+-=?@^_';

class Builder {
  readonly data = Object.fromEntries(DATASET_FILES.map((k) => [k, [] as FakeResource[]])) as Record<DatasetKey, FakeResource[]>;
  private readonly next = { ...ID_BASE };
  private total = 0;
  private active: Rng;

  constructor(private readonly main: Rng, readonly todayMs: number, private readonly seed: number) {
    this.active = main;
  }

  /** The random stream in use: the main one, or a side stream while `aside` runs. */
  get rng(): Rng {
    return this.active;
  }

  /**
   * Runs `fn` on a random stream of its own, keyed by seed and `key`. Material added after the
   * first demo tenant (folders, checklists, certificates, attachments, vendors) draws from side
   * streams, so the records every earlier test and evaluation reads stay byte-identical.
   */
  aside<T>(key: number, fn: () => T): T {
    const before = this.active;
    this.active = new Rng((this.seed ^ Math.imul(key, 0x9e3779b1)) >>> 0);
    try {
      return fn();
    } finally {
      this.active = before;
    }
  }

  count(): number {
    return this.total;
  }

  add(key: DatasetKey, orgId: number | null, attrs: Attrs): number {
    const id = ++this.next[key];
    const created = this.todayMs - this.rng.int(200, 1500) * DAY + this.rng.int(0, DAY - 1);
    // Updated in the last four months, a fair share within the last week, never after today.
    const updatedAgo = this.rng.chance(0.25) ? this.rng.int(1, 7 * DAY - 1) : this.rng.int(7 * DAY, 120 * DAY);
    const updated = Math.max(created, this.todayMs - updatedAgo);
    this.data[key].push({
      id: String(id),
      type: JSON_TYPE[key],
      attributes: {
        ...attrs,
        'created-at': new Date(created).toISOString(),
        'updated-at': new Date(updated).toISOString(),
        'resource-url': resourceUrl(key, id, orgId),
      },
    });
    this.total++;
    return id;
  }

  date(daysFromToday: number): string {
    return new Date(this.todayMs + daysFromToday * DAY).toISOString().slice(0, 10);
  }

  mac(oui: string): string {
    const bytes = [0, 0, 0].map(() => this.rng.int(0, 255).toString(16).padStart(2, '0'));
    return `${oui}:${bytes.join(':')}`;
  }

  secret(): string {
    return this.rng.chars(this.rng.int(16, 24), PASSWORD_ALPHABET);
  }
}

function todayStart(today: string | undefined): number {
  if (today !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00.000Z`))) {
      throw new Error(`today must be a date like 2026-01-23, not "${today}"`);
    }
    return Date.parse(`${today}T00:00:00.000Z`);
  }
  const now = Date.now();
  return now - (now % DAY);
}

/** A deterministic demo tenant: the same seed, scale and day always give byte-identical JSON. */
export function generateDemoTenant(opts: GenerateOptions = {}): Dataset {
  const seed = opts.seed ?? DEFAULT_SEED;
  const b = new Builder(new Rng(seed), todayStart(opts.today), seed);
  const fieldIds = addFlexibleAssetTypes(b);
  const orgIds = new Map<string, number>();
  for (const seed of BASE_ORGS) {
    const org = addOrganization(b, seed, seed.parent ? orgIds.get(seed.parent) ?? null : null);
    orgIds.set(seed.name, org.id);
    populate(b, org, fieldIds);
  }
  const target = opts.scale ?? 0;
  const used = new Set(BASE_ORGS.map((o) => o.name));
  for (let n = 1; b.count() < target; n++) {
    const seed = extraOrgSeed(b.rng, n, used);
    populate(b, addOrganization(b, seed, null), fieldIds);
  }
  // Vendors and an inactive client, after everything else, so no earlier record moves.
  ACCOUNT_ORGS.forEach((seed, i) => b.aside(900_000 + i, () => populate(b, addOrganization(b, seed, null), fieldIds)));
  const dataset: Dataset = {};
  for (const key of DATASET_FILES) dataset[key] = { data: b.data[key] };
  return dataset;
}

function extraOrgSeed(rng: Rng, n: number, used: Set<string>): OrgSeed {
  const [word, industry] = rng.pick(INDUSTRIES);
  let name = `${rng.pick(NAME_PARTS)} ${word}`;
  if (used.has(name)) name = `${name} ${n}`;
  used.add(name);
  const short = name.split(/\s+/).map((w) => w[0]).join('').toUpperCase() + n;
  const firewall = rng.pick(['FortiGate', 'SonicWall', 'Meraki'] as const);
  return {
    name, short, industry, firewall, type: 'Client',
    domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`,
    subnet: rng.pick(SUBNETS),
    backup: rng.chance(0.6),
    appServer: rng.pick(APP_SERVERS),
    workstations: rng.int(20, 120),
  };
}

function addOrganization(b: Builder, seed: OrgSeed, parentId: number | null): Org {
  const rng = b.rng;
  const longNotes = `${seed.industry} client since ${2010 + rng.int(0, 14)}. Support hours 7am-6pm Pacific; after-hours calls go to the on-call tech. `
    + 'Main contact prefers email. Server room is behind the break room, key with the office manager. Printers are leased; call the vendor for toner. '
    + 'VPN users must use MFA. Review the backup report every Monday.';
  const quickNotes = seed.short === 'ACMD' ? HTML_INJECTION : seed.short === 'HFL' ? PROMPT_INJECTION : longNotes;
  const typeIds = { Internal: 1, Client: 2, Prospect: 3, Vendor: 4 } as const;
  const inactive = seed.status === 'Inactive';
  const id = b.add('organizations', null, {
    name: seed.name,
    'organization-type-id': typeIds[seed.type],
    'organization-type-name': seed.type,
    'organization-status-id': inactive ? 2 : 1,
    'organization-status-name': inactive ? 'Inactive' : 'Active',
    'short-name': seed.short,
    description: `${seed.industry}. Primary domain ${seed.domain}.`,
    'quick-notes': quickNotes,
    alert: rng.chance(0.3) ? 'Call the office manager before any reboot during business hours.' : null,
    primary: seed.type === 'Internal',
    logo: null,
    'parent-id': parentId,
    'ancestor-ids': parentId === null ? '[]' : `[${parentId}]`,
    'my-glue-account-id': null,
  });
  return { id, name: seed.name, seed };
}

/** Everything one organization owns, wired so relations form real dependency chains. */
function populate(b: Builder, org: Org, fieldIds: Map<string, Map<string, number>>): void {
  const rng = b.rng;
  const s = org.seed;
  const orgAttrs = { 'organization-id': org.id, 'organization-name': org.name };
  if (s.type === 'Vendor') {
    const certificate = certifier(b, org);
    // A vendor is documented lightly: who to call, its portal's certificate, its domain.
    for (const title of ['Account Manager', 'Support Desk']) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      b.add('contacts', org.id, {
        ...orgAttrs, name: `${first} ${last}`, 'first-name': first, 'last-name': last, title, 'contact-type-name': 'Vendor', 'location-id': null, 'location-name': null,
        important: title === 'Support Desk', notes: null, 'contact-emails': [{ value: `${first}.${last}@${s.domain}`.toLowerCase(), primary: true, 'label-name': 'Work' }], 'contact-phones': [],
      });
    }
    b.add('domains', org.id, { ...orgAttrs, name: s.domain, 'registrar-name': rng.pick(REGISTRARS), 'expires-on': b.date(rng.int(31, 700)), notes: null });
    certificate(`portal.${s.domain}`, rng.int(5, 300));
    return;
  }
  const related = (from: RelType, fromId: number, to: RelType, toRef: Ref, notes: string | null): void => {
    b.add('related_items', org.id, {
      'resource-type': from, 'resource-id': fromId, 'destination-type': to, 'destination-id': toRef.id,
      'destination-name': toRef.name, notes, 'is-related': false, archived: false,
    });
  };

  // Locations
  const [city, region, postal] = rng.pick(CITIES);
  const mainLocation = { id: b.add('locations', org.id, {
    ...orgAttrs, name: 'Main Office', primary: true, 'address-1': `${rng.int(100, 9999)} ${rng.pick(STREETS)}`, 'address-2': rng.chance(0.3) ? `Suite ${rng.int(100, 400)}` : null,
    city, 'region-name': region, 'country-name': 'United States', 'postal-code': postal, phone: `+1 555-01${rng.int(10, 99)}`, fax: null, notes: null,
  }), name: 'Main Office' };
  if (s.workstations > 8) {
    const [city2, region2, postal2] = rng.pick(CITIES);
    b.add('locations', org.id, {
      ...orgAttrs, name: s.industry === 'Logistics' ? 'Warehouse' : 'Branch Office', primary: false, 'address-1': `${rng.int(100, 9999)} ${rng.pick(STREETS)}`, 'address-2': null,
      city: city2, 'region-name': region2, 'country-name': 'United States', 'postal-code': postal2, phone: `+1 555-01${rng.int(10, 99)}`, fax: null, notes: null,
    });
  }

  // Contacts: the three roles every MSP asks for, plus staff in bigger orgs.
  const roles = [['Owner / CEO', 'Executive'], ['Office Manager', 'Primary'], ['IT Contact', 'Technical']];
  const extra = Math.floor(s.workstations / 15);
  for (let i = 0; i < extra; i++) roles.push([rng.pick(['Accountant', 'Sales Lead', 'Operations', 'Receptionist']), 'Employee']);
  let itContact = '';
  for (const [title, kind] of roles) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    if (kind === 'Technical') itContact = `${first} ${last}`;
    b.add('contacts', org.id, {
      ...orgAttrs, name: `${first} ${last}`, 'first-name': first, 'last-name': last, title, 'contact-type-name': kind,
      'location-id': mainLocation.id, 'location-name': mainLocation.name, important: kind !== 'Employee', notes: null,
      'contact-emails': [{ value: `${first}.${last}@${s.domain}`.toLowerCase(), primary: true, 'label-name': 'Work' }],
      'contact-phones': [{ value: `+1 555-01${rng.int(10, 99)}`, extension: rng.chance(0.4) ? String(rng.int(100, 299)) : null, primary: true, 'label-name': 'Work' }],
    });
  }

  // Configurations. Warranty: mostly fine, some expired, some inside 30 days.
  const warranty = (): string => {
    const r = rng.next();
    return b.date(r < 0.15 ? -rng.int(1, 400) : r < 0.3 ? rng.int(1, 29) : rng.int(31, 1100));
  };
  const p = s.subnet;
  const addConfig = (a: {
    name: string; type: string; manufacturer: string; model: string; os: string | null; ip: string; mac: string; serial: string;
    notes?: string | null; archived?: boolean; warranty?: string; interfaces?: Array<{ name: string; ip: string; mac: string; primary: boolean; notes?: string }>;
  }): Ref => {
    const id = b.add('configurations', org.id, {
      ...orgAttrs, name: a.name, hostname: a.name, 'primary-ip': a.ip, 'mac-address': a.mac, 'default-gateway': a.ip === `${p}.1` ? null : `${p}.1`,
      'serial-number': a.serial, 'asset-tag': rng.chance(0.5) ? `${s.short}-${rng.int(1000, 9999)}` : null,
      'configuration-type-name': a.type, 'configuration-status-name': a.archived ? 'Retired' : 'Active',
      'manufacturer-name': a.manufacturer, 'model-name': a.model, 'operating-system-name': a.os, 'operating-system-notes': null,
      'location-id': mainLocation.id, 'location-name': mainLocation.name, 'contact-name': itContact || null,
      'installed-by': 'Northwind IT Services', 'purchased-at': b.date(-rng.int(400, 2000)),
      'warranty-expires-at': a.warranty ?? warranty(), notes: a.notes ?? null, archived: a.archived ?? false,
    });
    for (const itf of a.interfaces ?? [{ name: 'Ethernet', ip: a.ip, mac: a.mac, primary: true }]) {
      b.add('configuration_interfaces', org.id, {
        'configuration-id': id, name: itf.name, 'ip-address': itf.ip, 'mac-address': itf.mac, primary: itf.primary, notes: itf.notes ?? null,
      });
    }
    return { id, name: a.name };
  };

  const fw = FIREWALLS[s.firewall];
  const fwName = `${s.short}-FW01`;
  const fwMac = b.mac(fw.oui);
  const wanIp = `${rng.pick(['203.0.113', '198.51.100', '192.0.2'])}.${rng.int(2, 254)}`;
  const firewall = addConfig({
    name: fwName, type: 'Firewall', manufacturer: fw.manufacturer, model: rng.pick(fw.models), os: fw.os, ip: `${p}.1`, mac: fwMac,
    serial: `${fw.serial}${rng.chars(10, '0123456789ABCDEFGHJKLMNPRSTUVWXYZ')}`,
    warranty: rng.chance(0.3) ? b.date(rng.int(1, 29)) : undefined,
    notes: `Site-to-site VPN to the MSP office. WAN ${wanIp}.`,
    interfaces: [
      { name: s.firewall === 'Meraki' ? 'Internet 1' : s.firewall === 'SonicWall' ? 'X1 (WAN)' : 'wan1', ip: wanIp, mac: b.mac(fw.oui), primary: false, notes: `ISP ${rng.pick(ISPS)}` },
      { name: s.firewall === 'Meraki' ? 'LAN' : s.firewall === 'SonicWall' ? 'X0 (LAN)' : 'internal', ip: `${p}.1`, mac: fwMac, primary: true },
    ],
  });

  const switches: Ref[] = [];
  const switchCount = 1 + Math.floor(s.workstations / 24);
  for (let i = 1; i <= switchCount; i++) {
    const model = rng.pick(SWITCHES);
    const mac = b.mac(model.oui);
    const sw = addConfig({ name: `${s.short}-SW0${i}`, type: 'Switch', manufacturer: model.manufacturer, model: model.model, os: null, ip: `${p}.${1 + i}`, mac, serial: rng.chars(11, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ') });
    related('Configuration', sw.id, 'Configuration', firewall, 'Uplink to firewall LAN port');
    switches.push(sw);
  }
  const coreSwitch = switches[0] ?? firewall;
  const onSwitch = (i: number): Ref => switches[i % switches.length] ?? coreSwitch;

  const serverModel = rng.pick([['Dell', 'PowerEdge R650'], ['HP', 'ProLiant DL360 Gen10'], ['Lenovo', 'ThinkSystem SR630']] as const);
  const server = (name: string, last: number, notes: string): Ref => {
    const mac = b.mac('00:50:56');
    const ref = addConfig({ name, type: 'Managed Server', manufacturer: serverModel[0], model: serverModel[1], os: 'Windows Server 2022 Standard', ip: `${p}.${last}`, mac, serial: rng.chars(7, '0123456789BCDFGHJKLMNPQRSTVWXYZ'), notes });
    related('Configuration', ref.id, 'Configuration', coreSwitch, null);
    return ref;
  };
  const dc = server('SRV-DC01', 10, `Domain controller, DNS and DHCP for ${s.domain.split('.')[0]}.local.`);
  const fs = server('SRV-FS01', 11, org.name === 'Harbor Freight Logistics'
    ? `File server. ${PROMPT_INJECTION}` : 'File server: shares S: (shared) and U: (users). Backed up nightly.');
  if (s.appServer) {
    const app = server('SRV-APP01', 12, `Application server for ${s.appServer}. Depends on SRV-DC01 for authentication.`);
    related('Configuration', app.id, 'Configuration', dc, 'Authenticates against the domain controller');
  }

  const aps: Ref[] = [];
  for (let i = 1; i <= 1 + Math.floor(s.workstations / 20); i++) {
    const model = rng.pick(ACCESS_POINTS);
    const ap = addConfig({ name: `${s.short}-AP0${i}`, type: 'Wireless Access Point', manufacturer: model.manufacturer, model: model.model, os: null, ip: `${p}.${20 + i}`, mac: b.mac(model.oui), serial: rng.chars(12, '0123456789ABCDEF') });
    related('Configuration', ap.id, 'Configuration', onSwitch(i), 'PoE port');
    aps.push(ap);
  }

  for (let i = 1; i <= s.workstations; i++) {
    const model = rng.pick(WORKSTATIONS);
    const laptop = model.model.startsWith('Latitude') || model.model.startsWith('ThinkPad');
    const name = `${s.short}-${laptop ? 'LT' : 'WS'}${String(i).padStart(3, '0')}`;
    const last = 100 + (i % 150);
    const ws = addConfig({
      name, type: laptop ? 'Laptop' : 'Workstation', manufacturer: model.manufacturer, model: model.model,
      os: rng.chance(0.85) ? 'Windows 11 Pro' : 'Windows 10 Pro', ip: `${p}.${last}`, mac: b.mac(model.oui),
      serial: rng.chars(7, '0123456789BCDFGHJKLMNPQRSTVWXYZ'),
      archived: i === s.workstations && s.workstations > 4,
      notes: i === 1 && org.name === 'Acme Dental' ? `Front desk PC. ${HTML_INJECTION}` : null,
    });
    related('Configuration', ws.id, 'Configuration', onSwitch(i), null);
  }
  for (let i = 1; i <= 1 + Math.floor(s.workstations / 30); i++) {
    const model = rng.pick(PRINTERS);
    const prn = addConfig({ name: `${s.short}-PRN0${i}`, type: 'Printer', manufacturer: model.manufacturer, model: model.model, os: null, ip: `${p}.${50 + i}`, mac: b.mac(model.oui), serial: rng.chars(10, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ') });
    related('Configuration', prn.id, 'Configuration', onSwitch(i), null);
  }

  // Passwords, linked to the devices they open.
  const netbios = s.short.toUpperCase();
  const addPassword = (name: string, username: string | null, url: string | null, category: string, resource: Ref | null, notes: string | null, restricted = false): Ref => {
    const id = b.add('passwords', org.id, {
      ...orgAttrs, name, username, url, notes, password: b.secret(), 'password-category-name': category, restricted,
      'resource-id': resource?.id ?? null, 'resource-type': resource ? 'Configuration' : null, 'cached-resource-name': resource?.name ?? null,
      'password-updated-at': new Date(b.todayMs - rng.int(1, 400) * DAY).toISOString(), 'otp-enabled': false, archived: false,
    });
    if (resource) related('Password', id, 'Configuration', resource, null);
    return { id, name };
  };
  const domainAdmin = addPassword('Domain Admin', `${netbios}\\administrator`, null, 'Active Directory', dc, 'Break-glass account. Use your named admin account first.', true);
  const fwAdmin = addPassword('Firewall Admin', 'admin', `https://${p}.1:${s.firewall === 'Meraki' ? 443 : 8443}`, 'Network Device', firewall, null);
  addPassword('Switch Admin', 'admin', `https://${p}.2`, 'Network Device', coreSwitch, null);
  const wifi = addPassword('Wi-Fi (Staff)', null, null, 'Wireless', aps[0] ?? null, `SSID: ${s.short}-Staff`);
  addPassword('Wi-Fi (Guest)', null, null, 'Wireless', null, `SSID: ${s.short}-Guest. Rotated quarterly.`);
  const m365 = addPassword('Microsoft 365 Global Admin', `admin@${s.domain.split('.')[0]}.onmicrosoft.com`, 'https://admin.microsoft.com', 'Cloud Service', null, 'MFA via the MSP shared authenticator.', true);
  const backup = s.backup ? rng.pick(BACKUP_PRODUCTS) : null;
  const backupPw = backup ? addPassword('Backup Console', `${s.short.toLowerCase()}-admin`, backup.url, 'Backup', fs, `${backup.name} console.`) : null;

  // Flexible assets. Not every org has Backup: compliance checks need gaps.
  const fa = (type: string, name: string, traits: Attrs, relatedTo: Ref[]): Ref => {
    const typeFields = fieldIds.get(type);
    if (!typeFields) throw new Error(`unknown flexible asset type ${type}`);
    const id = b.add('flexible_assets', org.id, { ...orgAttrs, name, 'flexible-asset-type-id': typeFields.get('__type') ?? 0, 'flexible-asset-type-name': type, archived: false, traits });
    for (const to of relatedTo) related('FlexibleAsset', id, 'Configuration', to, null);
    return { id, name };
  };
  const tag = (refs: Ref[]) => ({ type: 'Configurations', values: refs.map((r) => ({ id: r.id, name: r.name })) });
  fa('Network Overview', `${org.name} network`, {
    name: `${org.name} network`, isp: rng.pick(ISPS), 'public-ip': wanIp, firewall: tag([firewall]), 'firewall-admin': fwAdmin.id,
    'vpn-notes': 'Site-to-site IPsec to the MSP office; remote users on FortiClient/Global VPN.', 'diagram-notes': 'Internet → firewall → core switch → access switches/APs',
  }, [firewall]);
  fa('LAN', `LAN ${p}.0/24`, {
    name: `LAN ${p}.0/24`, subnet: `${p}.0/24`, 'vlan-id': 1, gateway: `${p}.1`, 'dhcp-server': tag([dc]), 'dns-servers': `${p}.10`, switches: tag(switches),
  }, [firewall, ...switches]);
  fa('Wireless', `${s.short}-Staff`, {
    ssid: `${s.short}-Staff`, security: 'WPA2-Enterprise', 'wifi-password': wifi.id, 'access-points': tag(aps), vlan: 20, 'guest-network': false,
  }, [firewall, ...aps]);
  fa('Active Directory', `${s.domain.split('.')[0]}.local`, {
    'ad-domain-name': `${s.domain.split('.')[0]}.local`, 'netbios-name': netbios, 'domain-controllers': tag([dc]), 'domain-admin': domainAdmin.id, 'functional-level': 'Windows Server 2016',
  }, [dc]);
  fa('Email', `${s.domain} email`, {
    name: `${s.domain} email`, provider: rng.chance(0.8) ? 'Microsoft 365' : 'Google Workspace', domain: s.domain, 'admin-account': m365.id, 'mx-records': `${s.domain.replace(/\./g, '-')}.mail.protection.outlook.com`,
  }, []);
  let backupAsset: Ref | null = null;
  if (backup && backupPw) {
    backupAsset = fa('Backup', `${backup.name} (${s.short})`, {
      name: `${backup.name} (${s.short})`, 'backup-solution': backup.name, 'backup-server': tag([fs, dc]), 'console-credentials': backupPw.id,
      'retention-days': rng.pick([30, 60, 90, 365]), 'last-test-restore': b.date(-rng.int(5, 200)), offsite: rng.chance(0.7), notes: 'Nightly image of SRV-DC01 and SRV-FS01.',
    }, [fs, dc]);
  }

  // Domains: some expired, some expiring soon, the rest fine.
  const domainCount = rng.int(1, 2);
  for (let i = 0; i < domainCount; i++) {
    const r = rng.next();
    const expires = r < 0.2 ? -rng.int(1, 60) : r < 0.4 ? rng.int(1, 29) : rng.int(31, 700);
    b.add('domains', org.id, {
      ...orgAttrs, name: i === 0 ? s.domain : `${s.domain.split('.')[0]}.net`, 'registrar-name': rng.pick(REGISTRARS), 'expires-on': b.date(expires), notes: null,
    });
  }

  // Document folders, nested as technicians file runbooks: Runbooks > Network, Runbooks > Backup,
  // Onboarding. Most documents live in a folder; IT Glue's documents listing shows only the root ones.
  const folder = (name: string, parent: number | null): number => b.add('document_folders', org.id, { ...orgAttrs, name, 'parent-id': parent });
  const { networkFolder, backupFolder } = b.aside(org.id, () => {
    const runbooks = folder('Runbooks', null);
    folder('Onboarding', null); // an empty folder, as tenants have
    return { networkFolder: folder('Network', runbooks), backupFolder: folder('Backup', runbooks) };
  });
  const doc = (name: string, sections: Array<['Document::Heading' | 'Document::Text' | 'Document::Step', string]>, relatedTo: Array<[RelType, Ref]>, folderId: number | null = null): number => {
    const id = b.add('documents', org.id, { ...orgAttrs, name, published: true, archived: false, restricted: false, 'document-folder-id': folderId, public: false });
    sections.forEach(([kind, content], i) => {
      const rendered = kind === 'Document::Heading' ? `<h2>${escapeHtml(content)}</h2>` : `<p>${escapeHtml(content)}</p>`;
      b.add('document_sections', org.id, {
        'document-id': id, 'resource-type': kind, content, 'rendered-content': rendered, sort: i + 1,
        level: kind === 'Document::Heading' ? 2 : null, duration: kind === 'Document::Step' ? rng.int(2, 15) : null,
      });
    });
    for (const [type, ref] of relatedTo) related('Document', id, type, ref, null);
    return id;
  };
  doc(`${org.name} onboarding`, [
    ['Document::Heading', 'New user onboarding'],
    ['Document::Text', `Create the account in Active Directory on SRV-DC01, then license it in Microsoft 365 (${s.domain}).`],
    ['Document::Step', 'Add the user to the correct security groups and map S: and U: drives.'],
    ['Document::Step', `Hand over the ${s.short}-Staff Wi-Fi details and enroll MFA.`],
    ['Document::Text', org.name === 'Acme Dental' ? `Front desk note: ${HTML_INJECTION}` : 'Escalate hardware requests to the office manager.'],
  ], [['Configuration', dc]]);
  const fwRunbook = doc('Firewall change runbook', [
    ['Document::Heading', 'Before you change the firewall'],
    ['Document::Step', `Export the config of ${fwName} and attach it to the ticket.`],
    ['Document::Step', 'Schedule changes after 6pm; notify the office manager.'],
    ['Document::Text', org.name === 'Harbor Freight Logistics' ? PROMPT_INJECTION : 'Roll back by restoring the exported config.'],
  ], [['Configuration', firewall]], networkFolder);
  if (backupAsset && backup) {
    doc('Restore backups', [
      ['Document::Heading', 'Restore backups'],
      ['Document::Text', `Backups run nightly in ${backup.name}. Credentials are in the Backup Console password.`],
      ['Document::Step', `Sign in to ${backup.url} and pick the restore point.`],
      ['Document::Step', 'Restore to an alternate location first, then verify with the user.'],
      ['Document::Step', 'Record the test restore date in the Backup asset.'],
    ], [['FlexibleAsset', backupAsset], ['Configuration', fs]], backupFolder);
  }
  b.aside(org.id + 1, () => accountExtras(b, org, { firewall, fs, fwRunbook }));
}

/** Attachments, SSL certificates and checklists of one client organization. */
function accountExtras(b: Builder, org: Org, refs: { firewall: Ref; fs: Ref; fwRunbook: number }): void {
  const rng = b.rng;
  const s = org.seed;
  const { firewall, fs, fwRunbook } = refs;
  const orgAttrs = { 'organization-id': org.id, 'organization-name': org.name };
  const attach = attacher(b, org);
  const certificate = certifier(b, org);
  attach('Document', fwRunbook, `${firewall.name}-config-export.conf`, 'text/plain');

  // Attachments (metadata only): a rack photo on the firewall, a warranty PDF on the file server.
  attach('Configuration', firewall.id, `${firewall.name}-rack.jpg`, 'image/jpeg');
  attach('Configuration', fs.id, 'SRV-FS01-warranty.pdf', 'application/pdf');

  // SSL certificates: the public site and the mail or VPN gateway; some expire soon, some have lapsed.
  const certDays = (): number => {
    const r = rng.next();
    return r < 0.15 ? -rng.int(1, 60) : r < 0.4 ? rng.int(1, 29) : rng.int(31, 400);
  };
  certificate(`www.${s.domain}`, certDays());
  const vpnCert = certificate(`vpn.${s.domain}`, certDays());
  attach('SslCertificate', vpnCert, `vpn.${s.domain}.csr`, 'application/pkcs10');

  // Checklists with tasks: onboarding done, the quarterly review half done, a renewal not started.
  const checklist = (name: string, tasks: string[], done: number, dueInDays: number): void => {
    const completed = done >= tasks.length;
    const id = b.add('checklists', org.id, {
      ...orgAttrs, name, description: `${name} for ${org.name}.`, completed, 'due-date': b.date(dueInDays),
      'completed-at': completed ? new Date(b.todayMs - rng.int(1, 20) * DAY).toISOString() : null, archived: false,
    });
    tasks.forEach((task, i) => {
      b.add('checklist_tasks', org.id, {
        'checklist-id': id, 'organization-id': org.id, name: task, completed: i < done, position: i + 1,
        'completed-at': i < done ? new Date(b.todayMs - rng.int(1, 30) * DAY).toISOString() : null, 'assignee-name': i < done ? rng.pick(['Sam Tech', 'Priya Engineer']) : null,
      });
    });
  };
  checklist('New client onboarding', ['Collect admin credentials', 'Document the network', 'Install the RMM agent', 'Verify backups'], 4, -rng.int(30, 300));
  checklist('Quarterly security review', ['Review firewall rules', 'Check MFA enrolment', 'Review admin accounts', 'Test a restore'], rng.int(1, 3), rng.int(3, 40));
  checklist(`SSL renewal www.${s.domain}`, ['Generate CSR', 'Order the certificate', 'Install on the web server', 'Update the IT Glue record'], 0, rng.int(5, 60));
}

function attacher(b: Builder, org: Org) {
  return (type: Attachable, id: number, name: string, contentType: string): void => {
    b.add('attachments', org.id, {
      'organization-id': org.id, 'resource-type': type, 'resource-id': id, 'attachment-file-name': name, 'attachment-content-type': contentType,
      'attachment-file-size': b.rng.int(12_000, 4_800_000), 'created-by': b.rng.pick(['Sam Tech', 'Priya Engineer', 'Alex Dispatcher']),
    });
  };
}

function certifier(b: Builder, org: Org) {
  return (host: string, daysLeft: number): number => b.add('ssl_certificates', org.id, {
    'organization-id': org.id, 'organization-name': org.name, name: host, 'common-name': host,
    'issued-by': b.rng.pick(["Let's Encrypt R11", 'Sectigo RSA DV', 'DigiCert TLS RSA SHA256 2020 CA1']),
    'issued-on': b.date(daysLeft - 365), 'expires-on': b.date(daysLeft), notes: null, archived: false,
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Types and fields are account-wide; returns name → (name-key → field id, '__type' → type id). */
function addFlexibleAssetTypes(b: Builder): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const t of FLEXIBLE_ASSET_TYPES) {
    const typeId = b.add('flexible_asset_types', null, { name: t.name, description: t.description, icon: t.icon, enabled: true, 'show-in-menu': true });
    const fields = new Map<string, number>([['__type', typeId]]);
    t.fields.forEach((f, i) => {
      fields.set(f.nameKey, b.add('flexible_asset_fields', null, {
        'flexible-asset-type-id': typeId, name: f.name, 'name-key': f.nameKey, kind: f.kind, order: i + 1, required: i === 0,
        'show-in-list': i < 3, hint: null, 'tag-type': f.kind === 'Tag' ? 'Configurations' : null, 'default-value': null,
      }));
    });
    out.set(t.name, fields);
  }
  return out;
}
