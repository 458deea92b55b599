import iconv from 'iconv-lite';

/** How a file's bytes were read: what a planner's tool most likely wrote. */
export type DetectedEncoding = 'utf-8-bom' | 'utf-8' | 'gbk';

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

/**
 * Bytes of a CSV or JSON file → text.
 *
 * A UTF-8 BOM means UTF-8 (Excel's "CSV UTF-8"). Otherwise bytes that are valid UTF-8
 * are UTF-8: GBK text with Chinese characters is practically never valid UTF-8, so the
 * strict decoder tells the two apart. Anything else is GBK, what Excel on a Chinese
 * Windows writes for plain "CSV". It is decoded as GB18030, GBK's superset, so the rare
 * four-byte characters of a name survive too.
 *
 * @example decodeText(iconv.encode('烟酒店', 'gbk')) // { text: '烟酒店', encoding: 'gbk' }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}
