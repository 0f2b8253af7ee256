/**
 * Short province names for the pairing planner's sentences ("浙江→贵州", "Zhejiang→Guizhou"):
 * the regions table has the full official names (浙江省, 广西壮族自治区) and no English ones.
 * Keyed by the two-digit GB/T 2260 prefix.
 */
const NAMES: Record<string, readonly [zh: string, en: string]> = {
  "11": ["北京", "Beijing"],
  "12": ["天津", "Tianjin"],
  "13": ["河北", "Hebei"],
  "14": ["山西", "Shanxi"],
  "15": ["内蒙古", "Inner Mongolia"],
  "21": ["辽宁", "Liaoning"],
  "22": ["吉林", "Jilin"],
  "23": ["黑龙江", "Heilongjiang"],
  "31": ["上海", "Shanghai"],
  "32": ["江苏", "Jiangsu"],
  "33": ["浙江", "Zhejiang"],
  "34": ["安徽", "Anhui"],
  "35": ["福建", "Fujian"],
  "36": ["江西", "Jiangxi"],
  "37": ["山东", "Shandong"],
  "41": ["河南", "Henan"],
  "42": ["湖北", "Hubei"],
  "43": ["湖南", "Hunan"],
  "44": ["广东", "Guangdong"],
  "45": ["广西", "Guangxi"],
  "46": ["海南", "Hainan"],
  "50": ["重庆", "Chongqing"],
  "51": ["四川", "Sichuan"],
  "52": ["贵州", "Guizhou"],
  "53": ["云南", "Yunnan"],
  "54": ["西藏", "Tibet"],
  "61": ["陕西", "Shaanxi"],
  "62": ["甘肃", "Gansu"],
  "63": ["青海", "Qinghai"],
  "64": ["宁夏", "Ningxia"],
  "65": ["新疆", "Xinjiang"],
};

/** The province of any region code in a few words, e.g. 浙江 / Zhejiang (the code itself when unknown). */
export function provinceShortName(code: string, language: "zh" | "en"): string {
  const names = NAMES[code.slice(0, 2)];
  return names ? names[language === "zh" ? 0 : 1] : `${code.slice(0, 2)}0000`;
}
