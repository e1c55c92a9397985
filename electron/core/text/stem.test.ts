import { describe, expect, it } from 'vitest';
import { sameStem } from './stem';

describe('sameStem', () => {
  it('matches a word with its plural, its -ing/-ed/-ation forms and short endings', () => {
    for (const [a, b] of [['backups', 'backup'], ['onboard', 'onboarding'], ['enrollment', 'enroll'], ['authenticated', 'authentication'], ['renewal', 'renew'], ['expire', 'expiration'], ['filters', 'filter']]) {
      expect(sameStem(a as string, b as string), `${a} ~ ${b}`).toBe(true);
    }
  });
  it('keeps short and different words apart', () => {
    for (const [a, b] of [['ups', 'upstream'], ['cert', 'certificate'], ['server', 'service'], ['main', 'maintenance']]) {
      expect(sameStem(a as string, b as string), `${a} ≁ ${b}`).toBe(false);
    }
  });
});
