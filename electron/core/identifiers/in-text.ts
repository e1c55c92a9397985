import { cleanQuestion } from './clean';
import { findExact, type ExactTerms } from './find-exact';
import { tokenize } from './tokens';

/** Only the literal identifiers in a text (IPs, CIDRs, MACs, hostnames, serials): no org matching, so cheap. */
export function identifiersIn(question: string): ExactTerms {
  return findExact(tokenize(cleanQuestion(typeof question === 'string' ? question : '').text)).exact;
}
