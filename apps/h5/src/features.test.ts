import { describe, expect, it } from 'vitest';
import { featureLink, features, homeServices, isFeature } from './features';

describe('service entries', () => {
  it('sends a feature without a page to the coming-soon page, never to a dead route', () => {
    const built = ['booking', 'appointments', 'patients', 'articles', 'repair', 'loan'];
    for (const feature of features.filter((f) => !built.includes(f))) {
      expect(featureLink(feature)).toEqual({ name: 'coming-soon', params: { feature } });
    }
  });

  it('sends 预约挂号 to the department choice and 我的预约 to the appointment list', () => {
    expect(featureLink('booking')).toEqual({ name: 'booking' });
    expect(featureLink('appointments')).toEqual({ name: 'appointments' });
  });

  it('sends the 就诊人 entries to the patient list', () => {
    expect(featureLink('patients')).toEqual({ name: 'patients' });
  });

  it('sends 设备报修 to the report page and 设备借用 to the lending centre', () => {
    expect(featureLink('repair')).toEqual({ name: 'repair' });
    expect(featureLink('loan')).toEqual({ name: 'lending-me' });
  });

  it('sends the 健康宣教 entry to the article list', () => {
    expect(featureLink('articles')).toEqual({ name: 'articles' });
  });

  it('offers every feature on the home grid once', () => {
    expect(homeServices.map((service) => service.feature).sort()).toEqual([...features].sort());
  });

  it('recognises only known features in a URL', () => {
    expect(isFeature('booking')).toBe(true);
    expect(isFeature('constructor')).toBe(false);
    expect(isFeature(undefined)).toBe(false);
  });
});
