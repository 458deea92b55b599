import type { Format } from '../domain/retailer.ts';
import type { Random } from '../solver/random.ts';

/** Common surnames, most frequent first (a draw favours the front of the list). */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
/** Given names common among people born 1970-2000. */
const GIVEN = [
  '伟', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '涛', '超', '娜', '鹏', '斌', '辉', '峰', '丹', '倩', '亮', '浩',
  '建国', '志强', '丽娟', '海燕', '红梅', '文华', '建华', '国庆', '永刚', '晓燕', '春梅', '秀英', '志刚', '卫东', '海涛', '俊杰',
  '明辉', '建军', '新华', '振华', '立新', '红霞', '丽华', '国强', '永红', '文杰', '亚楠', '晓峰', '玉兰', '德明', '小军', '雪梅',
  '金龙', '春生', '宏伟', '晓东', '婷婷', '慧敏', '家乐', '子明', '鑫', '帆', '宇航', '思远', '晨阳', '佳怡', '梦瑶', '雅琴',
];
/** Auspicious words of shop signs. */
const WORDS = [
  '惠民', '万家', '鑫源', '兴隆', '福满', '金鑫', '顺发', '和顺', '家家乐', '百姓', '友谊', '利民', '佳佳', '金福', '宏达',
  '盛源', '聚福', '天天', '富民', '丰源', '隆盛', '广源', '恒丰', '祥和', '吉祥', '鸿运', '瑞丰', '东方', '阳光', '春风',
  '幸福', '美佳', '邻里', '新世纪', '四季', '众信', '旺达', '万福', '金源', '同心', '和谐', '永盛', '大众', '诚信', '红星',
];

/** Sign templates by format: {S} surname, {W} word, {P} place (village in the country, town in town). */
const TEMPLATES: Record<Format, readonly string[]> = {
  grocery: ['{S}记商店', '{P}{S}家小卖部', '{P}便民商店', '{S}氏副食店', '{P}百货商店', '{S}记日杂店', '{W}商店', '{P}{W}商店', '{S}家小卖部'],
  tobacco_liquor: ['{S}记烟酒店', '{P}{W}烟酒商行', '{W}名烟名酒', '{S}氏烟酒店', '{W}烟酒超市', '{P}{S}记烟酒'],
  convenience: ['{W}便利店', '{P}{W}便利', '{S}记便利店', '{W}24小时便利店', '{P}便利店'],
  supermarket: ['{P}{W}超市', '{W}购物超市', '{W}生活超市', '{P}{S}家超市', '{W}平价超市'],
  entertainment: ['{W}大酒店', '{W}宾馆', '{W}KTV', '{S}家饭庄', '{W}茶楼', '{P}{W}农家乐', '{W}棋牌室', '{W}网吧', '{P}{S}家饭店'],
  other: ['{W}加油站', '{P}书报亭', '{P}汽车站小卖部', '{W}大药房', '{W}五金店', '{P}{W}加油站'],
  mall: ['{P}{W}购物中心', '{W}百货大楼', '{P}{W}商厦', '{W}广场购物中心'],
};

/** A surname, the commoner ones likelier (rank weights ~ 1/(rank+8)). */
function surname(rng: Random): string {
  for (;;) {
    const i = rng.int(SURNAMES.length);
    if (rng.next() < 8 / (i + 8)) return SURNAMES[i];
  }
}

const pick = <T>(rng: Random, list: readonly T[]): T => list[rng.int(list.length)];

/** The short form of a place name: 新集镇 → 新集, 王湾村民委员会 → 王湾, 义阳社区居民委员会 → 义阳. */
export function shortPlace(name: string): string {
  const base = name
    .replace(/(村民|社区居民|居民|社区民|社区)?(委员会|委会|居委会)$/, '')
    .replace(/(街道|镇|乡|社区|村|管理区|管理处|农场|虚拟生活区)$/, '');
  return base.length >= 2 ? base : name.slice(0, 2);
}

export function shopName(rng: Random, format: Format, place: string): string {
  return pick(rng, TEMPLATES[format])
    .replace('{S}', surname(rng))
    .replace('{W}', pick(rng, WORDS))
    .replace('{P}', place);
}

/** Distinct personal names: a surname and a given name. */
export function personNames(rng: Random, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(surname(rng) + pick(rng, GIVEN));
  return [...seen];
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

/** Distinct 11-digit mainland mobile numbers. */
export function mobileNumbers(rng: Random, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) seen.add(pick(rng, MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0'));
  return [...seen];
}
