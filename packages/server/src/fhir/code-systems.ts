import { GRADES, REFERRAL_STATUSES, VOCABULARIES } from "@medbridge/core";
import type { CodeSystem, Coding } from "@medplum/fhirtypes";
import { FhirError, issue } from "./outcome.ts";
import type { ResourceDef } from "./resource-def.ts";
import { token } from "./search.ts";

/**
 * The canonical base of MedBridge's own code systems. Canonical URLs name a code system wherever
 * it is served; each is also readable at /fhir/R4/CodeSystem/<id> of every MedBridge server.
 */
export const CANONICAL_BASE = "https://medbridge.org.cn/fhir";

interface SystemDef {
  id: string;
  title: string;
  description: string;
  concepts: readonly { code: string; display?: string }[];
}

const fromVocabulary = (vocabulary: { values: readonly string[]; zh: Record<string, string> }) =>
  vocabulary.values.map((code) => ({ code, display: vocabulary.zh[code] }));

/** MedBridge's vocabularies as FHIR code systems: the values and Chinese names of core. */
const SYSTEMS: readonly SystemDef[] = [
  {
    id: "institution-kind",
    title: "MedBridge institution kind 机构类别",
    description: "The kind of a health institution, from village clinic to national medical centre (Organization.type).",
    concepts: fromVocabulary(VOCABULARIES.institutionKind),
  },
  {
    id: "institution-grade",
    title: "Hospital grade 医院等级",
    description: "The hospital grade of the national grading review (等级评审), as recorded (Organization.type).",
    concepts: GRADES.map((code) => ({ code })),
  },
  {
    id: "alliance-kind",
    title: "MedBridge alliance kind 医联体类别",
    description: "The kind of a medical alliance (OrganizationAffiliation.code).",
    concepts: fromVocabulary(VOCABULARIES.allianceKind),
  },
  {
    id: "affiliation-role",
    title: "MedBridge affiliation role",
    description: "What links two institutions: a pairing agreement (对口帮扶) or alliance membership (OrganizationAffiliation.code).",
    concepts: [
      { code: "paired-assistance", display: "对口帮扶" },
      { code: "alliance-member", display: "医联体成员" },
    ],
  },
  {
    id: "profession",
    title: "MedBridge profession 专业类别",
    description: "A practitioner's profession (PractitionerRole.code).",
    concepts: fromVocabulary(VOCABULARIES.profession),
  },
  {
    id: "title",
    title: "MedBridge professional title 职称",
    description: "A practitioner's professional title (Practitioner.qualification).",
    concepts: fromVocabulary(VOCABULARIES.title),
  },
  {
    id: "dispatch-role",
    title: "MedBridge dispatch role 派驻岗位",
    description: "The role a dispatched practitioner holds at the recipient (PractitionerRole.code).",
    concepts: fromVocabulary(VOCABULARIES.dispatchRole),
  },
  {
    id: "practice-site",
    title: "MedBridge practice site 执业地点",
    description: "Whether a practitioner's site is the registered main practice (主执业) or a filed further site (备案, 多点执业) (PractitionerRole.code).",
    concepts: [
      { code: "main", display: "主执业" },
      { code: "filed", display: "备案" },
    ],
  },
  {
    id: "referral-direction",
    title: "MedBridge referral direction 转诊方向",
    description: "Up to a higher level of care or down to a lower one (ServiceRequest.category).",
    concepts: [
      { code: "up", display: "上转" },
      { code: "down", display: "下转" },
    ],
  },
  {
    id: "referral-status",
    title: "MedBridge referral status",
    description: "The referral's state in MedBridge's state machine (Task.businessStatus).",
    concepts: REFERRAL_STATUSES.map((code) => ({ code })),
  },
];

const BY_ID = new Map(SYSTEMS.map((s) => [s.id, s]));

/** The canonical URL of a MedBridge code system. */
export function systemUrl(id: (typeof SYSTEMS)[number]["id"]): string {
  if (!BY_ID.has(id)) throw new Error(`no MedBridge code system ${id}`);
  return `${CANONICAL_BASE}/CodeSystem/${id}`;
}

/** A coding of a MedBridge code system, with its display when the system has one. */
export function coding(system: string, code: string): Coding {
  const concept = BY_ID.get(system)?.concepts.find((c) => c.code === code);
  return { system: systemUrl(system), code, ...(concept?.display && { display: concept.display }) };
}

function codeSystem(s: SystemDef): CodeSystem {
  return {
    resourceType: "CodeSystem",
    id: s.id,
    meta: { versionId: "1" },
    url: `${CANONICAL_BASE}/CodeSystem/${s.id}`,
    version: "1.0.0",
    name: s.id
      .split("-")
      .map((w) => w[0]?.toUpperCase() + w.slice(1))
      .join(""),
    title: s.title,
    status: "active",
    experimental: false,
    publisher: "MedBridge 医联桥",
    description: s.description,
    caseSensitive: true,
    content: "complete",
    count: s.concepts.length,
    concept: s.concepts.map((c) => ({ code: c.code, ...(c.display && { display: c.display }) })),
  };
}

export const codeSystemResource: ResourceDef = {
  type: "CodeSystem",
  entity: "reference",
  documentation: `MedBridge's own code systems: ${SYSTEMS.map((s) => s.id).join(", ")}.`,
  idPattern: /^[a-z-]{1,40}$/,
  read: async (_ctx, id) => {
    const s = BY_ID.get(id);
    if (!s) throw new FhirError(404, [issue("not-found", `CodeSystem/${id} not found`)]);
    return codeSystem(s);
  },
  search: {
    params: [{ name: "url", type: "uri", documentation: "The canonical URL" }],
    run: async (_ctx, search) => {
      const urls = search.params.get("url")?.flatMap((v) => v.values);
      const ids = search.params.get("_id")?.flatMap((v) => v.values.map((t) => token(t).code));
      const found = SYSTEMS.filter((s) => (!urls || urls.includes(`${CANONICAL_BASE}/CodeSystem/${s.id}`)) && (!ids || ids.includes(s.id)));
      return { resources: found.slice(search.offset, search.offset + search.count).map(codeSystem), total: found.length };
    },
  },
};
