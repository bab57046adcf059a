import { transferStatus, worstTransferStatus, type TransferFlow, type TransferMechanismCode } from './index.js';

const TODAY = '2026-11-15';
const status = (flow: TransferFlow, asOf = TODAY) => transferStatus(flow, asOf);

describe('transferStatus: EEA', () => {
  it.each(['DE', 'NL', 'NO', 'IS', 'LI', 'GR', 'EL', 'el', ' gr '])('%s is within the EEA', (country) => {
    expect(status({ country }).status).toBe('WITHIN_EEA');
  });

  it('stores Greece as GR whether written EL or GR', () => {
    expect(status({ country: 'EL' }).destination).toBe('GR');
    expect(status({ country: 'EL' }).basis).toBe('EEA');
  });

  it('does not treat Switzerland (EFTA, not EEA) as EEA', () => {
    expect(status({ country: 'CH' })).toMatchObject({ status: 'ADEQUATE', basis: 'ADQ_CH' });
  });

  it('ignores a chosen mechanism inside the EEA', () => {
    expect(status({ country: 'FR', mechanism: 'SCC_MODULE_2' }).status).toBe('WITHIN_EEA');
  });
});

describe('transferStatus: adequacy with scope conditions', () => {
  it('US is adequate only for DPF-certified recipients', () => {
    const certified = status({ country: 'US', dpfCertified: true });
    expect(certified).toMatchObject({ status: 'ADEQUATE', basis: 'ADQ_US', tiaPresent: null });
    expect(certified.source?.celex).toBe('32023D1795');

    const notCertified = status({ country: 'US', dpfCertified: false });
    expect(notCertified).toMatchObject({ status: 'NO_VALID_MECHANISM', basis: null });
    expect(notCertified.reason.en).toContain('Data Privacy Framework');
    expect(notCertified.reason.nl).toContain('Data Privacy Framework');
  });

  it('treats unknown DPF certification as not certified (fail closed)', () => {
    expect(status({ country: 'US' }).status).toBe('NO_VALID_MECHANISM');
  });

  it('US was not adequate before the DPF decision of 2023-07-10', () => {
    expect(status({ country: 'US', dpfCertified: true }, '2023-07-09').status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'US', dpfCertified: true }, '2023-07-09').reason.en).toContain('2023-07-10');
    expect(status({ country: 'US', dpfCertified: true }, '2023-07-10').status).toBe('ADEQUATE');
  });

  it('CA is adequate for PIPEDA-covered (commercial) recipients only', () => {
    expect(status({ country: 'CA', pipedaCovered: true }).status).toBe('ADEQUATE');
    expect(status({ country: 'CA', pipedaCovered: false }).status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'CA', pipedaCovered: false }).reason.en).toContain('PIPEDA');
  });

  it('BR is adequate from its entry into force (decision 2026-01-26, in force 2026-01-28)', () => {
    expect(status({ country: 'BR' }, '2026-01-25').status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'BR' }, '2026-01-27').status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'BR' }, '2026-01-28').status).toBe('ADEQUATE');
    expect(status({ country: 'BR' }, '2026-02-01')).toMatchObject({ status: 'ADEQUATE', basis: 'ADQ_BR' });
  });

  it('BR adequacy does not serve exporters in IS, LI and NO before EEA incorporation', () => {
    expect(status({ country: 'BR', exporterCountry: 'NO' }).status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'BR', exporterCountry: 'NO' }).reason.en).toContain('EEA Agreement');
    expect(status({ country: 'BR', exporterCountry: 'NL' }).status).toBe('ADEQUATE');
  });

  it('GB is adequate until valid_until 2031-12-27 and not after', () => {
    expect(status({ country: 'GB' }, '2025-12-20').status).toBe('ADEQUATE');
    expect(status({ country: 'GB' }, '2031-12-27').status).toBe('ADEQUATE');
    const after = status({ country: 'GB' }, '2031-12-28');
    expect(after.status).toBe('NO_VALID_MECHANISM');
    expect(after.reason.en).toContain('2031-12-27');
    expect(status({ country: 'GB', mechanism: 'SCC_MODULE_2', tiaReference: 'TIA-9' }, '2032-01-05').status).toBe(
      'SAFEGUARDED',
    );
  });

  it('accepts UK for the United Kingdom', () => {
    expect(status({ country: 'UK' })).toMatchObject({ status: 'ADEQUATE', destination: 'GB' });
  });

  it('honours exclusions: JP public sector, FO outside the decision', () => {
    expect(status({ country: 'JP' }).status).toBe('ADEQUATE');
    expect(status({ country: 'JP', publicSector: true }).status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'FO', outsideDecisionScope: true }).status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'KR', outsideDecisionScope: false }).status).toBe('ADEQUATE');
  });

  it('covers the European Patent Organisation from 2025-07-15', () => {
    expect(status({ country: 'EPO' }, '2025-07-14').status).toBe('NO_VALID_MECHANISM');
    expect(status({ country: 'EPO' }, '2025-07-15')).toMatchObject({ status: 'ADEQUATE', basis: 'ADQ_EPO' });
  });

  it('rests on adequacy even when a mechanism is also recorded', () => {
    expect(status({ country: 'US', dpfCertified: true, mechanism: 'SCC_MODULE_2' }).basis).toBe('ADQ_US');
  });

  it('names the country in both languages', () => {
    const r = status({ country: 'US', dpfCertified: true }).reason;
    expect(r.nl).toContain('Verenigde Staten');
    expect(r.en).toContain('United States');
  });
});

describe('transferStatus: Art. 46 safeguards', () => {
  it('SCC with a TIA is SAFEGUARDED, without one SAFEGUARDED_NO_TIA', () => {
    const withTia = status({ country: 'IN', mechanism: 'SCC_MODULE_2', tiaReference: 'TIA-2026-04' });
    expect(withTia).toMatchObject({ status: 'SAFEGUARDED', basis: 'SCC_MODULE_2', tiaPresent: true });
    expect(withTia.source?.celex).toBe('32021D0914');
    expect(withTia.reason.en).toContain('TIA-2026-04');

    const withoutTia = status({ country: 'IN', mechanism: 'SCC_MODULE_2' });
    expect(withoutTia).toMatchObject({ status: 'SAFEGUARDED_NO_TIA', tiaPresent: false });
    expect(status({ country: 'IN', mechanism: 'SCC_MODULE_3', tiaReference: '   ' }).status).toBe('SAFEGUARDED_NO_TIA');
  });

  it('US without DPF falls back to SCCs', () => {
    const r = status({ country: 'US', dpfCertified: false, mechanism: 'SCC_MODULE_2', tiaReference: 'TIA-1' });
    expect(r.status).toBe('SAFEGUARDED');
    expect(r.reason.en).toContain('Data Privacy Framework');
  });

  it('BCR is an Art. 46 safeguard needing a TIA', () => {
    expect(status({ country: 'SG', mechanism: 'BCR', tiaReference: 'TIA-7' })).toMatchObject({
      status: 'SAFEGUARDED',
      basis: 'BCR',
    });
    expect(status({ country: 'SG', mechanism: 'BCR' }).status).toBe('SAFEGUARDED_NO_TIA');
  });

  it('honours the validity window of the SCC decisions', () => {
    expect(status({ country: 'IN', mechanism: 'SCC_MODULE_1', tiaReference: 'T' }, '2021-06-26').status).toBe(
      'NO_VALID_MECHANISM',
    );
    expect(status({ country: 'IN', mechanism: 'SCC_LEGACY', tiaReference: 'T' }, '2022-12-27').status).toBe(
      'SAFEGUARDED',
    );
    const expired = status({ country: 'IN', mechanism: 'SCC_LEGACY', tiaReference: 'T' }, '2022-12-28');
    expect(expired.status).toBe('NO_VALID_MECHANISM');
    expect(expired.reason.en).toContain('not valid on 2022-12-28');
  });
});

describe('transferStatus: Art. 49 derogations', () => {
  it('a derogation gives DEROGATION without a TIA', () => {
    expect(status({ country: 'IN', mechanism: 'ART49_1_B' })).toMatchObject({
      status: 'DEROGATION',
      basis: 'ART49_1_B',
      tiaPresent: null,
    });
  });

  it.each<TransferMechanismCode>(['ART49_1_A', 'ART49_1_B', 'ART49_1_C', 'ART49_1_COMPELLING'])(
    '%s is not available to a public authority exercising public powers (Art. 49(3))',
    (mechanism) => {
      const r = status({ country: 'IN', mechanism, exporterPublicAuthority: true });
      expect(r.status).toBe('NO_VALID_MECHANISM');
      expect(r.reason.en).toContain('Art. 49(3)');
      expect(status({ country: 'IN', mechanism, exporterPublicAuthority: false }).status).toBe('DEROGATION');
    },
  );

  it.each<TransferMechanismCode>(['ART49_1_D', 'ART49_1_E', 'ART49_1_F', 'ART49_1_G'])(
    '%s stays available to public authorities',
    (mechanism) => {
      expect(status({ country: 'IN', mechanism, exporterPublicAuthority: true }).status).toBe('DEROGATION');
    },
  );
});

describe('transferStatus: nothing valid', () => {
  it('a third country without adequacy or mechanism has no valid mechanism', () => {
    const r = status({ country: 'IN' });
    expect(r).toMatchObject({ status: 'NO_VALID_MECHANISM', destination: 'IN', basis: null, source: null });
    expect(r.reason.en).toContain('India: no adequacy decision');
    expect(r.reason.nl).toContain('India');
  });

  it('an unknown location cannot be assessed', () => {
    expect(status({ country: null })).toMatchObject({ status: 'NO_VALID_MECHANISM', destination: null });
    expect(status({ country: '' }).reason.en).toContain('unknown');
  });

  it('an unknown mechanism code (bad mapping) is not a mechanism', () => {
    const r = status({ country: 'IN', mechanism: 'SCC_2010' as TransferMechanismCode });
    expect(r.status).toBe('NO_VALID_MECHANISM');
    expect(r.reason.en).toContain('SCC_2010');
  });

  it('rejects an invalid as-of date', () => {
    expect(() => status({ country: 'US' }, '2026-02-30')).toThrow(RangeError);
    expect(() => status({ country: 'US' }, '15-11-2026')).toThrow(RangeError);
  });
});

describe('worstTransferStatus', () => {
  it('returns null for no flows', () => {
    expect(worstTransferStatus([])).toBeNull();
  });

  it('orders WITHIN_EEA < ADEQUATE < SAFEGUARDED < DEROGATION < SAFEGUARDED_NO_TIA < NO_VALID_MECHANISM', () => {
    expect(worstTransferStatus(['WITHIN_EEA', 'ADEQUATE'])).toBe('ADEQUATE');
    expect(worstTransferStatus(['SAFEGUARDED', 'ADEQUATE', 'WITHIN_EEA'])).toBe('SAFEGUARDED');
    expect(worstTransferStatus(['DEROGATION', 'SAFEGUARDED'])).toBe('DEROGATION');
    expect(worstTransferStatus(['SAFEGUARDED_NO_TIA', 'DEROGATION'])).toBe('SAFEGUARDED_NO_TIA');
    expect(worstTransferStatus(['NO_VALID_MECHANISM', 'SAFEGUARDED_NO_TIA', 'WITHIN_EEA'])).toBe('NO_VALID_MECHANISM');
  });

  it('aggregates the assessments of an engagement with several locations', () => {
    const flows = [
      status({ country: 'IE' }),
      status({ country: 'US', dpfCertified: true }),
      status({ country: 'IN', mechanism: 'SCC_MODULE_3' }),
    ];
    expect(worstTransferStatus(flows)).toBe('SAFEGUARDED_NO_TIA');
  });
});
