import { describe, expect, it } from 'vitest';
import { placeholders } from '@common/i18n/core';
import { de } from '../src/i18n/de';
import { en } from '../src/i18n/en';
import { groupSecret } from '../src/pages/MfaSetupPage';

describe('admin app dictionaries', () => {
  it('has an English text for every German key, and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(de) as Array<keyof typeof de>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it('has a label for every role', () => {
    for (const role of ['counselor', 'center_admin']) expect(de).toHaveProperty([`role.${role}`]);
  });
});

describe('groupSecret', () => {
  it('groups a TOTP key in fours for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSW')).toBe('JBSW Y3DP EHPK 3PXP JBSW');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
  });
});
