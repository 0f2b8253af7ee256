import i18n from "i18next";
import { initReactI18next } from "react-i18next";

const zh = {
  app: { name: "医联桥", subtitle: "优质医疗资源下沉平台" },
  menu: { registry: "机构与人员", institutions: "机构目录", alliances: "医联体", practitioners: "医务人员", admin: "系统管理", users: "用户管理", tokens: "接口令牌", audit: "审计日志" },
  common: {
    search: "搜索", reset: "重置", create: "新建", edit: "编辑", save: "保存", cancel: "取消", deactivate: "停用", activate: "启用",
    status: "状态", active: "在用", inactive: "已停用", all: "全部", actions: "操作", total: "共 {{total}} 条", loading: "加载中…",
    empty: "暂无数据", error: "加载失败", retry: "重试", back: "返回", logout: "退出登录", language: "English", detail: "详情", yes: "是", no: "否",
    notFound: "未找到该记录，或您无权查看。", saved: "已保存", confirmDeactivate: "确认停用？停用后记录保留，可重新启用。",
  },
  login: { title: "登录医联桥", username: "用户名", password: "密码", submit: "登录", failed: "用户名或密码错误", demo: "演示账号密码见启动输出" },
  institution: {
    name: "机构名称", kind: "机构类别", grade: "等级", region: "所在地区", address: "地址", beds: "床位数", departments: "诊疗科目",
    assessments: "县医院能力评估", year: "年度", level: "达标情况", regionTree: "行政区划", allRegions: "全部地区", searchPlaceholder: "按机构名称搜索",
    createTitle: "新建机构", editTitle: "编辑机构", practitioners: "本机构医务人员", alliances: "所属医联体", noAssessment: "暂无评估记录",
    regionCode: "区划代码（县级）",
  },
  alliance: { name: "名称", kind: "类型", lead: "牵头机构", members: "成员单位", memberCount: "成员数", joinedOn: "加入日期", leftOn: "退出日期", createTitle: "新建医联体" },
  practitioner: { name: "姓名", licenseNo: "执业证书编码", profession: "专业类别", title: "职称", specialty: "专科", institution: "执业机构", sites: "执业地点", main: "主执业", filed: "备案", createTitle: "登记医务人员", searchPlaceholder: "按姓名或执业证书编码搜索" },
  user: { username: "用户名", displayName: "姓名/单位", role: "角色", scope: "权限范围", password: "初始密码", createTitle: "新建用户", createdAt: "创建时间" },
  token: { name: "名称", user: "代表用户", prefix: "前缀", createdAt: "创建时间", lastUsedAt: "最近使用", revokedAt: "已吊销", revoke: "吊销", createTitle: "新建接口令牌", shownOnce: "令牌只显示这一次，请立即复制保存：" },
  audit: { at: "时间", actor: "操作人", action: "操作", entity: "对象", entityId: "对象编号", changes: "变更内容" },
  kind: {
    national_medical_center: "国家医学中心", regional_medical_center: "区域医疗中心", tertiary_hospital: "三级医院", secondary_hospital: "二级医院",
    county_hospital: "县级医院", county_tcm_hospital: "县中医医院", township_health_center: "乡镇卫生院", community_health_center: "社区卫生服务中心", village_clinic: "村卫生室",
  },
  allianceKind: { medical_alliance: "医联体", county_medical_community: "县域医共体", city_medical_group: "城市医疗集团", specialty_alliance: "专科联盟", telemedicine_network: "远程医疗协作网" },
  title: { resident: "住院医师", attending: "主治医师", associate_chief: "副主任医师", chief: "主任医师" },
  profession: { physician: "医师", nurse: "护理", technician: "医技", pharmacist: "药师", manager: "管理" },
  role: { national_admin: "国家管理员", health_official: "卫生健康行政部门", institution_coordinator: "机构联络员", clinician: "临床医生", stationed_doctor: "派驻医生" },
  assessment: { none: "未达标", basic: "达到基本标准", recommended: "达到推荐标准" },
  action: { create: "新建", update: "修改", deactivate: "停用", login: "登录", assess: "能力评估", add_member: "新增成员", update_member: "成员变更", revoke: "吊销" },
  entity: { institution: "机构", practitioner: "医务人员", alliance: "医联体", user: "用户", api_token: "接口令牌" },
};

const en: typeof zh = {
  app: { name: "MedBridge", subtitle: "Quality care, closer to home" },
  menu: { registry: "Registry", institutions: "Institutions", alliances: "Alliances", practitioners: "Practitioners", admin: "Administration", users: "Users", tokens: "API tokens", audit: "Audit log" },
  common: {
    search: "Search", reset: "Reset", create: "New", edit: "Edit", save: "Save", cancel: "Cancel", deactivate: "Deactivate", activate: "Activate",
    status: "Status", active: "Active", inactive: "Inactive", all: "All", actions: "Actions", total: "{{total}} in total", loading: "Loading…",
    empty: "Nothing here yet", error: "Could not load", retry: "Retry", back: "Back", logout: "Sign out", language: "中文", detail: "Details", yes: "Yes", no: "No",
    notFound: "This record does not exist or you may not see it.", saved: "Saved", confirmDeactivate: "Deactivate? The record is kept and can be re-activated.",
  },
  login: { title: "Sign in to MedBridge", username: "Username", password: "Password", submit: "Sign in", failed: "Wrong username or password", demo: "Demo passwords are printed at start-up" },
  institution: {
    name: "Name", kind: "Kind", grade: "Grade", region: "Region", address: "Address", beds: "Beds", departments: "Departments",
    assessments: "County hospital capability", year: "Year", level: "Result", regionTree: "Regions", allRegions: "All regions", searchPlaceholder: "Search by name",
    createTitle: "New institution", editTitle: "Edit institution", practitioners: "Practitioners here", alliances: "Alliances", noAssessment: "No assessment yet",
    regionCode: "Region code (county)",
  },
  alliance: { name: "Name", kind: "Kind", lead: "Lead institution", members: "Members", memberCount: "Members", joinedOn: "Joined", leftOn: "Left", createTitle: "New alliance" },
  practitioner: { name: "Name", licenseNo: "Licence no.", profession: "Profession", title: "Title", specialty: "Specialty", institution: "Institution", sites: "Practice sites", main: "main", filed: "filed", createTitle: "Register practitioner", searchPlaceholder: "Search by name or licence no." },
  user: { username: "Username", displayName: "Name / unit", role: "Role", scope: "Scope", password: "Initial password", createTitle: "New user", createdAt: "Created" },
  token: { name: "Name", user: "Acts as", prefix: "Prefix", createdAt: "Created", lastUsedAt: "Last used", revokedAt: "Revoked", revoke: "Revoke", createTitle: "New API token", shownOnce: "The token is shown only once; copy it now:" },
  audit: { at: "Time", actor: "Actor", action: "Action", entity: "Record", entityId: "Record id", changes: "Changes" },
  kind: {
    national_medical_center: "National medical centre", regional_medical_center: "Regional medical centre", tertiary_hospital: "Tertiary hospital", secondary_hospital: "Secondary hospital",
    county_hospital: "County hospital", county_tcm_hospital: "County TCM hospital", township_health_center: "Township health centre", community_health_center: "Community health centre", village_clinic: "Village clinic",
  },
  allianceKind: { medical_alliance: "Medical alliance", county_medical_community: "County medical community", city_medical_group: "City medical group", specialty_alliance: "Specialty alliance", telemedicine_network: "Telemedicine network" },
  title: { resident: "Resident", attending: "Attending", associate_chief: "Associate chief", chief: "Chief" },
  profession: { physician: "Physician", nurse: "Nurse", technician: "Technician", pharmacist: "Pharmacist", manager: "Manager" },
  role: { national_admin: "National admin", health_official: "Health official", institution_coordinator: "Coordinator", clinician: "Clinician", stationed_doctor: "Stationed doctor" },
  assessment: { none: "Not met", basic: "Basic standard met", recommended: "Recommended standard met" },
  action: { create: "Create", update: "Update", deactivate: "Deactivate", login: "Sign in", assess: "Assessment", add_member: "Member added", update_member: "Member changed", revoke: "Revoke" },
  entity: { institution: "Institution", practitioner: "Practitioner", alliance: "Alliance", user: "User", api_token: "API token" },
};

const saved = typeof localStorage !== "undefined" ? localStorage.getItem("lang") : null;

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zh }, en: { translation: en } },
  lng: saved === "en" ? "en" : "zh-CN",
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
});

export function switchLanguage(): void {
  const next = i18n.language === "en" ? "zh-CN" : "en";
  localStorage.setItem("lang", next);
  void i18n.changeLanguage(next);
}

export default i18n;
