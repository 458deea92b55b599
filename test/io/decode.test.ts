import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeText } from '../../src/io/index.ts';

describe('decodeText', () => {
  test('UTF-8 with a BOM: the BOM is dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('id,name\nR1,烟酒店')]);
    expect(decodeText(bytes)).toEqual({ text: 'id,name\nR1,烟酒店', encoding: 'utf-8-bom' });
  });

  test('UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('信阳市浉河区'))).toEqual({ text: '信阳市浉河区', encoding: 'utf-8' });
  });

  test('plain ASCII reads as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('id,lon'))).toEqual({ text: 'id,lon', encoding: 'utf-8' });
  });

  test('GBK, as Excel on a Chinese Windows saves CSV', () => {
    const text = 'id,name\nR1,张记烟酒商行\nR2,平桥区便利店';
    const bytes = iconv.encode(text, 'gbk');
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(text).length); // really two bytes a character
    expect(decodeText(bytes)).toEqual({ text, encoding: 'gbk' });
  });

  test('an empty file is empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});
