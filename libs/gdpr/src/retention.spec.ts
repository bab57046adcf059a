import { isIsoDuration, isVagueRetentionText } from './index.js';

describe('isIsoDuration', () => {
  it.each(['P180D', 'P3Y', 'P1Y6M', 'P2W', 'PT12H', 'P1DT2H', 'P0D'])('accepts %s', (d) => {
    expect(isIsoDuration(d)).toBe(true);
  });

  it.each(['P', 'PT', '3 years', 'P3', '180D', 'P-1D', ''])('rejects %s', (d) => {
    expect(isIsoDuration(d)).toBe(false);
  });
});

describe('isVagueRetentionText', () => {
  it.each([
    'As long as necessary',
    'as long as is needed for the purpose',
    'No longer than necessary',
    'zolang als nodig',
    'Zo lang als dat noodzakelijk is',
    'We bewaren gegevens niet langer dan strikt noodzakelijk.',
  ])('flags "%s"', (text) => {
    expect(isVagueRetentionText(text)).toBe(true);
  });

  it.each([
    '3 jaar na het laatste contact',
    'Until the end of the statutory limitation period',
    'Tot intrekking van de toestemming',
    null,
  ])('accepts %s', (text) => {
    expect(isVagueRetentionText(text)).toBe(false);
  });
});
