import { expect, it } from 'vitest';
import { inRuleOrder, type OriginRule, originOf } from './origins.js';

const rules: OriginRule[] = inRuleOrder([
  { id: 2, position: 2, pattern: 'site', origin: 'WEBSITE', name: 'Site' },
  { id: 1, position: 1, pattern: 'ORÇAMENTO', origin: 'OTHER', name: 'Orçamento' },
  { id: 3, position: 1, pattern: 'instagram', origin: 'OTHER', name: 'Instagram' },
]);

it('takes the ad first, then the first rule by position whose text the message contains, any case', () => {
  const ad = { name: 'Promo', source: 'https://fb.me/p' };
  expect(originOf({ text: 'vim pelo site', ad }, rules)).toEqual({ origin: 'AD', ...ad });
  expect(originOf({ text: 'Quero um orçamento pelo SITE', ad: null }, rules)).toEqual({
    origin: 'OTHER',
    name: 'Orçamento',
    source: null,
  });
  expect(originOf({ text: 'Vi no Instagram e no site', ad: null }, rules).name).toBe('Instagram');
  expect(originOf({ text: 'Olá, vim pelo Site', ad: null }, rules).origin).toBe('WEBSITE');
  expect(originOf({ text: 'Bom dia', ad: null }, rules)).toEqual({
    origin: 'DIRECT',
    name: null,
    source: null,
  });
  expect(originOf({ text: null, ad: null }, rules).origin).toBe('DIRECT');
});
