import { describe, expect, it } from 'vitest';
import { featureLink, features, homeServices, isFeature } from './features';

describe('service entries', () => {
  it('sends a feature without a page to the coming-soon page, never to a dead route', () => {
    for (const feature of features.filter((f) => f !== 'patients' && f !== 'articles')) {
      expect(featureLink(feature)).toEqual({ name: 'coming-soon', params: { feature } });
    }
  });

  it('sends the 就诊人 entries to the patient list', () => {
    expect(featureLink('patients')).toEqual({ name: 'patients' });
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
