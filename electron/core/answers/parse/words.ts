// Word lists for turning a question into search text. Kept apart from the cue table: these
// words carry no intent, they only get in the way of full-text search.

/** Question scaffolding: dropped from `text` and `keywords`. Negations stay ("not", "without"). */
export const FILLER: ReadonlySet<string> = new Set(
  `a an the what what's whats which who who's whos whom whose where where's wheres when why how is are was
  were be been being am do does did doing can could would should will shall may might must i i'm im me my
  mine we we're our ours us you your yours they them their it its it's this that these those there here
  please pls plz thanks thank thx hi hello hey tell show give get find list lookup know let to of in on at
  for from with about by as into and or any some have has had if then than so just also there's theres
  currently right now does anyone somebody someone use`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/**
 * Words that frame a question rather than name its subject. "password for the VPN" is about
 * the VPN; "which orgs are missing backups" is about backups.
 */
export const FRAME: ReadonlySet<string> = new Set(
  `password passwords passwd pwd passphrase credential credentials creds cred login logins logon username
  usernames key psk spec specs specification specifications serial serials number numbers ip ips address
  addresses phone email e-mail contact contacts warranty warranties expire expires expired expiring expiry
  expiration expirations renewal renewals renew renews missing without lacking lack lacks depends depend
  depended dependencies dependency dependent dependents rely relies need needs require requires impact
  impacted affect affected affects break breaks fail fails goes go went down offline outage upstream
  downstream uses used using procedure procedures runbook runbooks steps step instructions instruction guide
  restore restoring recover recovery overview summary details detail info information orgs organizations
  organisation organisations org organization clients client customers customer companies company next
  coming day days week weeks month months year years today tomorrow soon upcoming within compliance
  compliant audit location locations located document documents documentation doc docs tell about
  happens happen would will break if up call reach systems things stuff anything everything else
  mac hostname hostnames model models os firmware status version blast radius`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Full-text operators that mean nothing as words in a question. */
export const FTS_OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'near']);
