// Intent by weighted cues: every phrase below adds its weight to one intent; the highest total
// wins if it reaches MIN_SCORE, else the question is a plain search. Each hit is reported as a
// signal, so "why did it think this was a password question" has an answer. Weights: 3 for a
// word that names the intent ("password", "warranty", "runbook"), 2–2.5 for strong hints,
// 1–1.5 for words that lean one way (device nouns lean to configuration).
import type { Intent } from '../../../../shared/domain';

export interface Signal {
  intent: Intent;
  cue: string;
  weight: number;
  /**
   * The words of the question that made the cue ("plugged into", "run on") when the cue is a
   * short phrase: they say how something is asked, not what it is about, so a handler leaves
   * them out when it looks for the record. Empty for long matches, which may span a name.
   */
  words: string[];
}

/** Cue matches up to this many words are phrasing; longer ones may hold the subject's name. */
const PHRASING_WORDS = 3;

const phrasing = (matched: string): string[] => {
  const words = matched.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length <= PHRASING_WORDS ? words : [];
};

interface Cue {
  intent: Intent;
  cue: string;
  re: RegExp;
  weight: number;
}

export const MIN_SCORE = 1.5;

const c = (intent: Intent, weight: number, cue: string, re: RegExp): Cue => ({ intent, cue, re, weight });

/** The cue of a question asking whom to call: the contacts handler reads it (handlers/org-facts.ts). */
export const WHO_TO_CALL = 'who to call';

const CUES: Cue[] = [
  // password
  c('password', 3, 'password', /\bpass(?:word|wd|phrase|code)s?\b|\bpwd\b|\bpw\b/),
  c('password', 3, 'credentials', /\bcred(?:ential)?s?\b/),
  c('password', 2, 'login', /\blog ?(?:in|on)s?\b|\bsign[- ]?in\b/),
  c('password', 3, 'admin account', /\badmin(?:istrator)? (?:account|user|login|logon|creds?)\b/),
  c('password', 2, 'username', /\buser ?names?\b/),
  c('password', 3, 'wifi key', /\b(?:wi-?fi|wireless|ssid|wpa[23]?) (?:key|psk|pass\w*)\b|\bpsk\b|\bpre-?shared key\b/),
  // "ssid" alone names the network, not its key ("ssid password" is the cue above)
  c('password', 1.5, 'wifi', /\bwi-?fi\b|\bwireless\b/),
  c('password', 1.5, 'pin/secret', /\bpins?\b|\bsecret\b|\bunlock code\b/),
  // configuration
  c('configuration', 2, 'ip', /\bip(?:v[46])?(?: address(?:es)?)?\b/),
  c('configuration', 1.5, 'device noun', /\b(?:firewalls?|routers?|switch(?:es)?|servers?|nas|san|ups|printers?|access points?|aps|workstations?|laptops?|desktops?|pcs?|computers?|devices?|hypervisors?|vms?|virtual machines?|domain controllers?|modems?|gateways?|nvr|cameras?|pbx|hosts?)\b/),
  c('configuration', 3, 'specs', /\bspecs?\b|\bspecifications?\b/),
  c('configuration', 3, 'serial', /\bserials?(?: numbers?| no)?\b/),
  c('configuration', 2, 'model', /\bmodels?\b|\bmanufacturer\b|\bmake and model\b/),
  c('configuration', 2.5, 'os/firmware', /\b(?:os|operating system|firmware|bios)\b/),
  c('configuration', 2, 'mac address', /\bmac(?: address(?:es)?)?\b/),
  c('configuration', 2, 'hostname', /\bhost ?names?\b/),
  c('configuration', 2, 'configuration', /\bconfig(?:uration)?s?\b/),
  c('configuration', 2, 'asset tag', /\basset tags?\b|\bhardware\b/),
  c('configuration', 1, 'kind of server', /\b(?:mail|email|e-mail|exchange|file|print|web|dns|dhcp|sql|backup|application|app|terminal|rds) servers?\b/),
  c('configuration', 1, 'what server', /\bwhat (?:server|machine|box|device|firewall|switch|router)\b/),
  c('configuration', 1, 'resources', /\b(?:ram|memory|cpu|processor|disks?|drives?)\b/),
  // organization
  c('organization', 2.5, 'tell me about', /\btell me about\b|\bwhat do (?:we|you) know about\b|\bwho (?:are|is) (?:the )?(?:client|customer)\b/),
  c('organization', 2.5, 'overview', /\boverview\b/),
  c('organization', 1.5, 'summary', /\bsummary\b|\bsummari[sz]e\b/),
  c('organization', 2.5, 'org details', /\b(?:organi[sz]ation|org|client|customer|company|account) (?:info|information|details|profile|notes)\b|\bquick notes\b/),
  // dependencies
  c('dependencies', 3, 'depends on', /\bdepend(?:s|ed|ing|encies|ency|ents?)?\b/),
  c('dependencies', 3, 'relies on', /\brel(?:y|ies|ied|ying) on\b/),
  c('dependencies', 1.5, 'needs', /\bneeds?\b|\brequires?\b/),
  c('dependencies', 2.5, 'impact', /\bimpact(?:ed|s)?\b|\baffect(?:ed|s)?\b/),
  c('dependencies', 3, 'blast radius', /\bblast radius\b|\bsingle points? of failure\b/),
  c('dependencies', 2, 'goes down', /\b(?:goes|go|went|is|was) (?:down|offline)\b|\boutages?\b|\bbreaks?\b|\bfails?\b/),
  c('dependencies', 3, 'upstream', /\bup ?stream\b|\bdown ?stream\b/),
  c('dependencies', 2, 'connected to', /\bconnected to\b|\bplugged into\b|\bruns on\b|\bhosted on\b|\bused by\b|\b(?:what|who) uses\b/),
  c('dependencies', 1.5, 'related', /\brelat(?:ed|ions?|ionships?)\b/),
  // the same relation in a technician's words: placement, hosting, what sits behind or on what
  c('dependencies', 3, 'hosted on', /\b(?:hosted|runs?|running|lives?|living|sits?|sitting|installed|virtuali[sz]ed|deployed) on\b|\bwhich (?:host|hypervisor|server|vm host|cluster|switch|firewall|router|ups)\b.{0,60}\b(?:on|behind|into|to)\s*\??$/),
  c('dependencies', 3, 'behind', /\bbehind\b|\bupstream of\b|\bplugged in(?:to)?\b|\bconnected (?:to|into)\b|\battached to\b|\blinked (?:to|with)\b|\bpowered by\b|\bfed by\b/),
  c('dependencies', 3, 'what runs on', /\bwhat (?:vms?|virtual machines?|servers?|guests?|devices?|apps?|applications?|services?|systems?)\b.{0,40}\b(?:on|behind|into)\b|\bwhat(?:'s| is) (?:on|behind|plugged into|connected to)\b/),
  // documents
  c('documents', 3, 'how do I', /\bhow (?:do|can|should|would|to) (?:i|we|you)\b|\bhow to\b/),
  c('documents', 3, 'procedure', /\bprocedures?\b|\brun ?books?\b|\bplaybooks?\b|\bsops?\b/),
  c('documents', 2.5, 'steps', /\bsteps?\b|\binstructions?\b|\bguides?\b|\bwalk ?through\b/),
  c('documents', 2, 'restore', /\brestor(?:e|es|ing)\b|\brecover(?:y|ing)?\b/),
  c('documents', 2, 'process', /\bprocess(?:es)?\b|\bchecklists?\b|\bonboard(?:ing)?\b|\boffboard(?:ing)?\b/),
  c('documents', 2, 'document', /\bdocs?\b|\bdocuments?\b|\bdocumentation\b|\bkb\b|\bknowledge ?base\b|\barticles?\b/),
  c('documents', 1.5, 'task verb', /\bset ?up\b|\binstall\b|\bconfigure\b|\breset\b|\bmigrat\w*|\breplace\b|\breboot\b|\brestart\b|\bfix\b|\btroubleshoot\w*/),
  // contacts
  c('contacts', 2, 'who is', /\bwho(?:'s| is| are)\b/),
  c('contacts', 3, 'contact', /\bcontacts?\b/),
  c('contacts', 3, 'phone', /\b(?:phone|cell|mobile|telephone)(?: numbers?)?\b|\bextension\b/),
  c('contacts', 2.5, 'email', /\be-?mail(?: address(?:es)?)?\b(?! (?:servers?|filter\w*|gateway|relay|flow|security|system|hosting|provider|backup|archiv\w*|domain))/),
  c('contacts', 2.5, 'role', /\b(?:ceo|cfo|cto|coo|cio|ciso|owner|president|founder|director|manager|receptionist|bookkeeper|principal|on call|point of contact|poc|decision maker)\b/),
  c('contacts', 1.5, 'people', /\bcall\b|\breach\b|\bemployees?\b|\bstaff\b|\bpeople\b|\bperson\b|\bwho (?:do|should) (?:i|we)\b/),
  // "who do I call about an outage": the person is asked for, whatever the call is about
  c('contacts', 3, WHO_TO_CALL, /\bwho (?:do|should|can|would) (?:i|we) (?:call|phone|contact|reach|email|talk to|speak (?:to|with)|escalate to)\b|\bwho to (?:call|phone|contact|reach|email|escalate to)\b/),
  // locations
  c('locations', 3, 'address', /(?<!\b(?:ip|ipv4|ipv6|mac|e-?mail|mail|web|wan|lan|public|private|static|gateway|server|hardware|physical)\s)\baddress(?:es)?\b/),
  c('locations', 1.5, 'where is', /\bwhere(?:'s| is| are)\b/),
  c('locations', 2.5, 'location', /\blocations?\b|(?<!-to-)\bsites?\b(?!-to-)|\bbranch(?:es)?\b|\bcampus\b/),
  c('locations', 1, 'office', /\boffices?\b|\bhq\b|\bheadquarters\b|\bbuildings?\b|\bwarehouse\b/),
  c('locations', 2, 'street', /\bdirections\b|\bstreet\b|\bcity\b|\bzip\b|\bpostal\b|\bpost ?code\b|\blocated\b|\bparking\b/),
  // expirations
  c('expirations', 3, 'expire', /\bexpir(?:e|es|ed|ing|y|ation|ations)\b/),
  c('expirations', 3, 'renewal', /\brenew(?:al|als|s|ed|ing)?\b/),
  c('expirations', 3, 'warranty', /\bwarrant(?:y|ies)\b/),
  c('expirations', 2.5, 'end of life', /\bend of (?:life|support)\b|\beol\b|\beos\b/),
  c('expirations', 1.5, 'certificate/license', /\bcertificates?\b|\bcerts?\b|\bssl\b|\blicen[cs](?:e|es|ed|ing)\b|\bsubscriptions?\b/),
  c('expirations', 1, 'domain', /\bdomains?\b/),
  c('expirations', 2, 'due', /\blapsed?\b|\bdue\b|\bout of (?:warranty|support|date)\b/),
  // compliance
  c('compliance', 2.5, 'missing', /\bmissing\b|\black(?:s|ing)?\b|\bwithout\b/),
  c('compliance', 3, 'compliance', /\b(?:non-?)?complian(?:ce|t)\b|\baudit(?:s|ing|ed)?\b/),
  c('compliance', 2.5, 'has no', /\b(?:do|does|did)(?:n't| not) have\b|\b(?:has|have) no\b|\bno (?:backups?|mfa|2fa|antivirus|av|edr|documentation|monitoring)\b/),
  c('compliance', 2.5, 'gaps', /\bundocumented\b|\bnot documented\b|\bgaps?\b|\bunprotected\b|\bunencrypted\b|\bunpatched\b/),
  c('compliance', 2, 'framework', /\bpolic(?:y|ies)\b|\bhipaa\b|\bpci\b|\bsoc ?2\b|\biso ?27001\b|\bgdpr\b|\bcmmc\b|\bnist\b/),
  // infrastructure
  c('infrastructure', 5, 'document the infrastructure', /\bdocument (?:the |their |our |all )?(?:infrastructure|network|environment|setup)\b/),
  c('infrastructure', 3, 'infrastructure', /\binfrastructure\b|\btopology\b/),
  c('infrastructure', 4, 'network summary', /\b(?:summary|overview|map|layout|diagram|picture) of (?:the |their |our |its )?(?:network|environment|infrastructure|it|setup)\b|\bnetwork (?:summary|overview|diagram|map|layout|documentation)\b/),
  c('infrastructure', 1, 'network', /\bnetwork\b|\benvironment\b/),
  // exact lookup (only counts when the question carries an address, hostname or serial)
  c('exact_lookup', 1, 'who has', /\bwho (?:has|owns|is using)\b|\bwhat(?:'s| is) (?:at|on|in|using)\b|\bwhich (?:device|machine|computer|host|config(?:uration)?)\b|\blook ?up\b|\bfind\b/),
];

// Checked in order when totals tie: the more specific question wins.
const PRIORITY: Intent[] = [
  'exact_lookup', 'password', 'dependencies', 'expirations', 'compliance', 'infrastructure', 'documents',
  'contacts', 'locations', 'configuration', 'organization', 'search',
];

export interface IntentFacts {
  /** Lowercase question without the organization's name. */
  lower: string;
  addresses: number;
  names: number;
  orgOnly: boolean;
  hasWindow: boolean;
}

export function scoreIntent(facts: IntentFacts): { intent: Intent; signals: Signal[] } {
  const signals: Signal[] = [];
  for (const cue of CUES) {
    if (cue.intent === 'exact_lookup' && facts.addresses + facts.names === 0) continue;
    const m = cue.re.exec(facts.lower);
    if (m) signals.push({ intent: cue.intent, cue: cue.cue, weight: cue.weight, words: phrasing(m[0]) });
  }
  if (facts.addresses > 0) signals.push({ intent: 'exact_lookup', cue: 'address in the question', weight: 2.5, words: [] });
  else if (facts.names > 0) signals.push({ intent: 'exact_lookup', cue: 'hostname or serial in the question', weight: 1.5, words: [] });
  if (facts.hasWindow) signals.push({ intent: 'expirations', cue: 'time window', weight: 1.5, words: [] });
  if (facts.orgOnly) {
    // "where is <client>" asks for the client's address, not its overview.
    const where = signals.find((s) => s.intent === 'locations' && s.cue === 'where is');
    if (where) signals.push({ intent: 'locations', cue: 'where a client is', weight: 1.5, words: where.words });
    else signals.push({ intent: 'organization', cue: 'only an organization', weight: 2.5, words: [] });
  }

  const totals = new Map<Intent, number>();
  for (const s of signals) totals.set(s.intent, (totals.get(s.intent) ?? 0) + s.weight);
  let best: Intent = 'search';
  let bestScore = 0;
  for (const intent of PRIORITY) {
    const score = totals.get(intent) ?? 0;
    if (score > bestScore) {
      best = intent;
      bestScore = score;
    }
  }
  return { intent: bestScore >= MIN_SCORE ? best : 'search', signals };
}
