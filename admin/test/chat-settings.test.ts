import { describe, expect, it } from 'vitest';
import type { CenterCard } from '@beratung/shared';
import {
  absenceChars,
  absenceDraft,
  absenceFromDraft,
  isAbsenceMessageProblem,
  settingsDraft,
  settingsFieldOf,
  settingsFromDraft,
  transferTargets,
} from '../src/pages/chat/settings';

describe('absence', () => {
  it('keeps the note only while absent, trimmed, and counts it as the server does', () => {
    expect(absenceDraft({ absent: false, message: null })).toEqual({ absent: false, message: '' });
    expect(absenceFromDraft({ absent: true, message: '  Bis 14. März im Urlaub.  ' })).toEqual({
      absent: true,
      message: 'Bis 14. März im Urlaub.',
    });
    expect(absenceFromDraft({ absent: true, message: '   ' })).toEqual({ absent: true, message: null });
    expect(absenceFromDraft({ absent: false, message: 'Urlaub' })).toEqual({ absent: false, message: null });
    expect(absenceChars('  Grüße  ')).toBe(5);
    expect(isAbsenceMessageProblem('$.message')).toBe(true);
    expect(isAbsenceMessageProblem('$.absent')).toBe(false);
  });
});

describe('chat settings', () => {
  it('sends whole numbers as numbers and anything else as typed, for the server to name', () => {
    expect(settingsDraft({ inquiryDigestMinutes: 0, retentionDays: 180 })).toEqual({
      inquiryDigestMinutes: '0',
      retentionDays: '180',
    });
    expect(settingsFromDraft({ inquiryDigestMinutes: ' 30 ', retentionDays: '90' })).toEqual({
      inquiryDigestMinutes: 30,
      retentionDays: 90,
    });
    expect(settingsFromDraft({ inquiryDigestMinutes: '1,5', retentionDays: '' })).toEqual({
      inquiryDigestMinutes: '1,5',
      retentionDays: '',
    });
  });

  it('places a server problem at its field', () => {
    expect(settingsFieldOf('$.inquiryDigestMinutes')).toBe('inquiryDigestMinutes');
    expect(settingsFieldOf('$.retentionDays')).toBe('retentionDays');
    expect(settingsFieldOf('$')).toBeUndefined();
    expect(settingsFieldOf('$.retentionDaysX')).toBeUndefined();
  });
});

describe('transfer targets', () => {
  const card = (id: string, onlineChat: boolean) =>
    ({
      id,
      name: id,
      flags: { onlineChat, video: !onlineChat, onSite: true, anonymous: false },
    }) as CenterCard;

  it('are the other centers that offer the chat (not only video)', () => {
    const items = [card('own', true), card('video-only', false), card('other', true)];
    expect(transferTargets(items, 'own').map((c) => c.id)).toEqual(['other']);
  });
});
