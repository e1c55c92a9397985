// One MAC notation on every screen: lowercase pairs joined by colons ("00:1a:2b:3c:4d:5e"),
// whatever IT Glue or a tool stored ("00-1A-2B-…", "001a.2b3c.4d5e", "0:1a:…").
const COLON = /^([0-9a-f]{1,2})(:[0-9a-f]{1,2}){5}$/i;
const DASH = /^([0-9a-f]{2})(-[0-9a-f]{2}){5}$/i;
const CISCO = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const BARE = /^[0-9a-f]{12}$/i;

/** The display form, or null when `text` is not a MAC in a separated notation (or, with `bare`, 12 hex digits). */
export function displayMac(text: string, opts: { bare?: boolean } = {}): string | null {
  const t = text.trim();
  let hex: string | null = null;
  if (COLON.test(t)) hex = t.split(':').map((g) => g.padStart(2, '0')).join('');
  else if (DASH.test(t)) hex = t.replace(/-/g, '');
  else if (CISCO.test(t)) hex = t.replace(/\./g, '');
  else if (opts.bare && BARE.test(t)) hex = t;
  return hex ? (hex.toLowerCase().match(/../g) ?? []).join(':') : null;
}
