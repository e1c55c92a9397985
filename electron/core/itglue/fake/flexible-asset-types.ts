// Account-wide flexible asset types of the demo tenant. Field kinds cover the IT Glue set the
// sync must understand, including Tag (links to configurations) and Password (a password id).

export type FieldKind = 'Checkbox' | 'Date' | 'Header' | 'Number' | 'Select' | 'Text' | 'Textbox' | 'Upload' | 'Tag' | 'Percent' | 'Password';

export interface FieldSpec { name: string; nameKey: string; kind: FieldKind }
export interface TypeSpec { name: string; description: string; icon: string; fields: FieldSpec[] }

const f = (name: string, nameKey: string, kind: FieldKind): FieldSpec => ({ name, nameKey, kind });

export const FLEXIBLE_ASSET_TYPES: TypeSpec[] = [
  {
    name: 'Network Overview', description: 'Internet, firewall and VPN at a glance', icon: 'sitemap',
    fields: [f('Name', 'name', 'Text'), f('ISP', 'isp', 'Text'), f('Public IP', 'public-ip', 'Text'), f('Firewall', 'firewall', 'Tag'),
      f('Firewall admin', 'firewall-admin', 'Password'), f('VPN notes', 'vpn-notes', 'Textbox'), f('Diagram notes', 'diagram-notes', 'Textbox'), f('Connectivity', 'connectivity', 'Header')],
  },
  {
    name: 'Backup', description: 'Backup solution, what it protects and how to restore', icon: 'hdd-o',
    fields: [f('Name', 'name', 'Text'), f('Backup solution', 'backup-solution', 'Select'), f('Backup server', 'backup-server', 'Tag'),
      f('Console credentials', 'console-credentials', 'Password'), f('Retention (days)', 'retention-days', 'Number'),
      f('Last test restore', 'last-test-restore', 'Date'), f('Offsite copy', 'offsite', 'Checkbox'), f('Notes', 'notes', 'Textbox')],
  },
  {
    name: 'Email', description: 'Mail provider, domain and admin account', icon: 'envelope',
    fields: [f('Name', 'name', 'Text'), f('Provider', 'provider', 'Select'), f('Domain', 'domain', 'Text'), f('Admin account', 'admin-account', 'Password'), f('MX records', 'mx-records', 'Textbox')],
  },
  {
    name: 'Active Directory', description: 'AD domain, controllers and admin account', icon: 'users',
    fields: [f('AD domain name', 'ad-domain-name', 'Text'), f('NetBIOS name', 'netbios-name', 'Text'), f('Domain controllers', 'domain-controllers', 'Tag'),
      f('Domain admin', 'domain-admin', 'Password'), f('Functional level', 'functional-level', 'Select')],
  },
  {
    name: 'LAN', description: 'Subnets, VLANs, DHCP and DNS', icon: 'exchange',
    fields: [f('Name', 'name', 'Text'), f('Subnet', 'subnet', 'Text'), f('VLAN ID', 'vlan-id', 'Number'), f('Gateway', 'gateway', 'Text'),
      f('DHCP server', 'dhcp-server', 'Tag'), f('DNS servers', 'dns-servers', 'Text'), f('Switches', 'switches', 'Tag')],
  },
  {
    name: 'Wireless', description: 'SSIDs, security and access points', icon: 'wifi',
    fields: [f('SSID', 'ssid', 'Text'), f('Security', 'security', 'Select'), f('Wi-Fi password', 'wifi-password', 'Password'),
      f('Access points', 'access-points', 'Tag'), f('VLAN', 'vlan', 'Number'), f('Guest network', 'guest-network', 'Checkbox')],
  },
];
