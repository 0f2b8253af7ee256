/**
 * The shape of the demo world, modelled on the public pairings: Zhejiang hospitals support
 * Guizhou counties (Qiandongnan, Qianxinan), Shanghai supports Kashgar and Shigatse, Beijing
 * supports Lhasa. Yunnan is a province with no supporter in the demo, to show scope limits.
 */
export interface SupporterGroup {
  provinceCode: string;
  /** Counties (districts) the city hospitals sit in. */
  counties: string[];
  hospitals: string[];
}

export const SUPPORTERS: SupporterGroup[] = [
  {
    provinceCode: "330000",
    counties: ["330102", "330105", "330106", "330203", "330302"],
    hospitals: [
      "示例杭州市第一人民医院",
      "示例浙江省人民医院",
      "示例杭州市中医院",
      "示例宁波市第一医院",
      "示例宁波市妇女儿童医院",
      "示例温州医科大学附属示范医院",
    ],
  },
  {
    provinceCode: "310000",
    counties: ["310101", "310104", "310106", "310115"],
    hospitals: ["示例上海市第六人民医院", "示例上海市东方示范医院", "示例上海市儿童医学中心", "示例上海市中医医院"],
  },
  {
    provinceCode: "110000",
    counties: ["110101", "110102", "110105", "110108"],
    hospitals: ["示例北京市朝阳示范医院", "示例北京市友谊示范医院", "示例北京市儿童示范医院", "示例北京市中医示范医院"],
  },
];

export interface RecipientArea {
  provinceCode: string;
  /** Prefecture codes whose counties all receive a county hospital and townships. */
  cities: string[];
  townshipsPerCounty: number;
  villagesPerTownship: number;
  withTcmHospital: boolean;
}

export const RECIPIENTS: RecipientArea[] = [
  { provinceCode: "520000", cities: ["522600", "522300"], townshipsPerCounty: 4, villagesPerTownship: 2, withTcmHospital: true },
  { provinceCode: "650000", cities: ["653100"], townshipsPerCounty: 3, villagesPerTownship: 1, withTcmHospital: false },
  { provinceCode: "540000", cities: ["540200", "540100"], townshipsPerCounty: 2, villagesPerTownship: 1, withTcmHospital: false },
  { provinceCode: "530000", cities: ["530700"], townshipsPerCounty: 3, villagesPerTownship: 1, withTcmHospital: true },
];

/** The pairing the demo accounts revolve around (the paired-assistance issue builds on it). */
export const DEMO_PAIR = {
  supporter: "示例杭州市第一人民医院",
  recipientCounty: "522622", // 黄平县, 黔东南州
};

export const DEMO_USERS = [
  { username: "gz.official", displayName: "示例贵州省卫生健康委员会", role: "health_official", region: "520000" },
  { username: "zj.city.coord", displayName: "示例杭州一院对口帮扶办", role: "institution_coordinator", institution: "supporter" },
  { username: "gz.county.coord", displayName: "示例黄平县人民医院医务科", role: "institution_coordinator", institution: "recipient" },
  { username: "gz.township.doctor", displayName: "示例黄平县乡镇卫生院医生", role: "clinician", institution: "township" },
  { username: "yn.township.doctor", displayName: "示例云南乡镇卫生院医生", role: "clinician", institution: "yunnan_township" },
  { username: "zj.stationed.doctor", displayName: "示例杭州一院派驻黄平医生", role: "stationed_doctor", institution: "supporter" },
] as const;

export const TERTIARY_DEPARTMENTS = [
  "内科",
  "外科",
  "妇产科",
  "儿科",
  "急诊医学科",
  "重症医学科",
  "心血管内科",
  "神经内科",
  "肿瘤科",
  "麻醉科",
  "医学影像科",
  "病理科",
  "康复医学科",
  "中医科",
];
export const COUNTY_DEPARTMENTS = ["内科", "外科", "妇产科", "儿科", "急诊医学科", "重症医学科", "医学影像科", "检验科", "中医科", "康复医学科"];
export const TOWNSHIP_DEPARTMENTS = ["全科医疗科", "中医科", "预防保健科", "妇女保健科"];
export const VILLAGE_DEPARTMENTS = ["全科医疗科"];
export const VILLAGE_STEMS = ["新寨", "平寨", "上寨", "下坝", "坪地", "河口", "龙潭", "高坡", "岩脚", "水头", "石门", "沙坪"];
export const SPECIALTIES = ["心血管内科", "神经内科", "普通外科", "骨科", "妇产科", "儿科", "重症医学", "麻醉", "医学影像", "急诊医学", "全科医学", "肿瘤科"];

/** The three years the demo rosters cover: two complete ones and the current one. */
export function demoYears(today: number): [number, number, number] {
  const year = new Date(today * 86_400_000).getUTCFullYear();
  return [year - 2, year - 1, year];
}
