import { allows, invalid } from "@medbridge/core";
import type { Address, Identifier, Patient } from "@medplum/fhirtypes";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Static } from "typebox";
import { requireAccessTo } from "../access.ts";
import { audit, auditInsert } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { patients, regions } from "../db/schema.ts";
import { toFieldErrors } from "../http/validation.ts";
import { findPatientByIdNumber, indexPatient, livePatientId, patientTargets } from "../patient-index.ts";
import { homeCountyProblems, personProblems } from "../patients.ts";
import { PatientInput } from "../referral/referrals.ts";
import { CANONICAL_BASE } from "./code-systems.ts";
import { inInteraction } from "./fhir-http.ts";
import { REGION_CODE_EXTENSION } from "./organization.ts";
import { FhirError, issue, type PathMap, withPaths } from "./outcome.ts";
import { compiled, type FhirBody, field, text } from "./read-body.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { dateCondition, isUuid, type SearchRequest, token } from "./search.ts";

/**
 * The patient index (患者主索引) as FHIR Patients: one per person, the resident ID card as the
 * identifier (urn:oid:2.16.156.10011.1.3) — always in its masked form, as the REST lookup shows it —
 * or MedBridge's local identifier for a person without one. Read and found by the institutions that
 * treated the person (every read audited as a REST lookup); created (found or indexed) by those who
 * refer patients, so a HIS's transaction can send the Patient with its ServiceRequest.
 */

/** The resident identity card number (居民身份证号码), GB 11643. */
export const RESIDENT_ID_SYSTEM = "urn:oid:2.16.156.10011.1.3";
/** MedBridge's local identifier (MB- and ten characters) of a person without an ID card. */
export const LOCAL_ID_SYSTEM = `${CANONICAL_BASE}/sid/local-patient-id`;
/** The meta.security label of a resource whose identifier is shown masked. */
const MASKED = { system: "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", code: "MASKED", display: "masked" };

const ID_NUMBER = /^\d{17}[\dXx]$/;
const LOCAL_ID = /^MB-[0-9A-HJKMNP-TV-Z]{10}$/;

const patientColumns = {
  id: patients.id,
  idMasked: patients.idMasked,
  localId: patients.localId,
  name: patients.name,
  sex: patients.sex,
  birthDate: patients.birthDate,
  // No phone: the index keeps the latest any institution gave, and the REST lookup never shows it.
  homeCounty: patients.homeCounty,
  countyName: sql<string | null>`(select ${regions.name} from ${regions} where ${regions.code} = ${patients.homeCounty})`,
  mergedInto: patients.mergedInto,
  updatedAt: patients.updatedAt,
};
/** A record as read (no phone), or as a create echoes it back to its sender (the phone they sent). */
type PatientRow = Awaited<ReturnType<typeof selectPatients>>[number] & { phone?: string | null };
const selectPatients = (db: Db, where: ReturnType<typeof and>) => db.select(patientColumns).from(patients).where(where);

export function toPatient(row: PatientRow): Patient {
  const identifier: Identifier = row.idMasked
    ? { use: "official", system: RESIDENT_ID_SYSTEM, value: row.idMasked }
    : { use: "usual", system: LOCAL_ID_SYSTEM, value: row.localId as string };
  const address: Address | undefined = row.homeCounty
    ? {
        use: "home",
        ...(row.countyName && { district: row.countyName }),
        country: "CN",
        extension: [{ url: REGION_CODE_EXTENSION, valueCode: row.homeCounty }],
      }
    : undefined;
  const updated = new Date(row.updatedAt);
  return {
    resourceType: "Patient",
    id: row.id,
    meta: { versionId: String(updated.getTime()), lastUpdated: updated.toISOString(), ...(row.idMasked && { security: [MASKED] }) },
    identifier: [identifier],
    // A record merged into another stands for nobody on its own until the merge is undone.
    active: row.mergedInto === null,
    name: [{ use: "official", text: row.name }],
    ...(row.phone && { telecom: [{ system: "phone", value: row.phone, use: "mobile" }] }),
    gender: row.sex === "female" ? "female" : "male",
    birthDate: row.birthDate,
    ...(address && { address: [address] }),
    ...(row.mergedInto && { link: [{ other: { reference: `Patient/${row.mergedInto}` }, type: "replaced-by" }] }),
  };
}

/** The patients of `ids` the caller may read: those treated at the caller's institution. */
async function readableOf(ctx: FhirContext, ids: string[]): Promise<string[]> {
  const targets = await patientTargets(ctx.db, ids);
  return ids.filter((id) => {
    const target = targets.get(id);
    return target !== undefined && allows(ctx.principal, "read", "patient", target);
  });
}

/** Each found person is a lookup, audited as the REST lookup is (the identifier is never in the entry). */
async function auditedRows(ctx: FhirContext, ids: string[], search: SearchRequest | null): Promise<PatientRow[]> {
  if (!ids.length) return [];
  return inInteraction(ctx, async (tx) => {
    const updated = search?.params.get("_lastUpdated") ?? [];
    const rows = await selectPatients(tx, and(inArray(patients.id, ids), ...updated.map((u) => dateCondition("_lastUpdated", patients.updatedAt, u.values))));
    rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const page = search ? rows.slice(search.offset, search.offset + search.count) : rows;
    if (page.length)
      await audit(
        tx,
        ctx.actor,
        page.map((r) => ({ action: "lookup", entity: "patient", entityId: r.id })),
      );
    return search ? rows : page;
  });
}

/** The records an identifier search value names: by the keyed hash of a resident ID, or the local identifier. */
async function idsOfIdentifier(ctx: FhirContext, value: string): Promise<string[]> {
  const { system, code } = token(value);
  if (code === undefined) throw new FhirError(400, [issue("invalid", "identifier needs a value (system|value)", "identifier")]);
  const resident = system === RESIDENT_ID_SYSTEM || (system === undefined && ID_NUMBER.test(code));
  const local = system === LOCAL_ID_SYSTEM || (system === undefined && LOCAL_ID.test(code));
  if (resident) {
    // The number itself is never repeated in an answer: the diagnostics say what is wrong, not what was sent.
    if (!ID_NUMBER.test(code)) throw new FhirError(400, [issue("invalid", "a resident ID number has 17 digits and a digit or X", "identifier")]);
    const id = await findPatientByIdNumber(ctx.db, ctx.config.indexKey, code.toUpperCase());
    return id ? [id] : [];
  }
  if (local) {
    const [row] = await ctx.db.select({ id: patients.id }).from(patients).where(eq(patients.localId, code));
    const id = row ? await livePatientId(ctx.db, row.id) : null;
    return id ? [id] : [];
  }
  return [];
}

async function searchPatients(ctx: FhirContext, search: SearchRequest) {
  const identifiers = search.params.get("identifier") ?? [];
  const ids = search.params.get("_id") ?? [];
  if (!identifiers.length && !ids.length)
    throw new FhirError(400, [
      issue("required", "Patients are found by identifier (a resident ID number or a local identifier) or _id, never listed", "identifier"),
    ]);
  // Each occurrence narrows (AND); the alternatives of one occurrence widen (OR).
  let found: string[] | null = null;
  for (const occurrence of identifiers) {
    if (occurrence.modifier) throw new FhirError(400, [issue("not-supported", "identifier takes no modifier here", `identifier:${occurrence.modifier}`)]);
    const matched = new Set((await Promise.all(occurrence.values.map((v) => idsOfIdentifier(ctx, v)))).flat());
    found = (found ?? [...matched]).filter((id) => matched.has(id));
  }
  for (const occurrence of ids) {
    if (occurrence.modifier) throw new FhirError(400, [issue("not-supported", "_id takes no modifier here", `_id:${occurrence.modifier}`)]);
    const matched = new Set(occurrence.values.filter(isUuid).map((v) => v.toLowerCase()));
    found = (found ?? [...matched]).filter((id) => matched.has(id));
  }
  const readable = await readableOf(ctx, [...new Set(found ?? [])]);
  const rows = await auditedRows(ctx, readable, search);
  return { resources: rows.slice(search.offset, search.offset + search.count).map(toPatient), total: rows.length };
}

type Person = Static<typeof PatientInput>;

/** Where each field of the REST person input was read from in the posted Patient. */
interface Read {
  person: Record<string, unknown>;
  paths: PathMap;
  /** A local identifier the HIS sent back: that record, as it is. */
  localId?: string;
}

/** The person a posted Patient describes, as the REST API takes them (PatientInput of a referral). */
function personOf(body: FhirBody): Read {
  const person: Record<string, unknown> = {};
  const paths: [string, string][] = [
    ["sex", "Patient.gender"],
    ["birthDate", "Patient.birthDate"],
    ["noIdCard", "Patient.identifier"],
  ];
  const names = (field(body, "name", "array", "Patient.name") as FhirBody[] | undefined) ?? [];
  const nameIndex = Math.max(
    0,
    names.findIndex((n) => n?.use === "official"),
  );
  const name = names[nameIndex];
  if (name && typeof name === "object") {
    const given = Array.isArray(name.given) ? name.given.filter((g) => typeof g === "string").join("") : "";
    const family = typeof name.family === "string" ? name.family : "";
    // A Chinese name is written family name first, without a space.
    person.name = text(name, "text", `Patient.name[${nameIndex}].text`) ?? `${family}${given}`;
  }
  if (!person.name || !String(person.name).trim())
    throw new FhirError(400, [issue("required", "name is required (name[0].text, or family and given)", "Patient.name")]);
  paths.push(["name", `Patient.name[${nameIndex}]`]);
  const gender = text(body, "gender", "Patient.gender");
  if (gender !== "male" && gender !== "female")
    throw new FhirError(400, [issue(gender === undefined ? "required" : "code-invalid", "gender must be male or female, as on the ID card", "Patient.gender")]);
  person.sex = gender;
  const birthDate = text(body, "birthDate", "Patient.birthDate");
  if (birthDate === undefined) throw new FhirError(400, [issue("required", "birthDate is required", "Patient.birthDate")]);
  person.birthDate = birthDate;

  let localId: string | undefined;
  const identifiers = (field(body, "identifier", "array", "Patient.identifier") as FhirBody[] | undefined) ?? [];
  identifiers.forEach((identifier, i) => {
    if (!identifier || typeof identifier !== "object") return;
    const value = text(identifier, "value", `Patient.identifier[${i}].value`);
    if (identifier.system === RESIDENT_ID_SYSTEM && value !== undefined && person.idNumber === undefined) {
      person.idNumber = value.toUpperCase();
      paths.push(["idNumber", `Patient.identifier[${i}].value`]);
    }
    if (identifier.system === LOCAL_ID_SYSTEM && value !== undefined) localId = value;
  });
  if (person.idNumber === undefined) person.noIdCard = true;

  const telecoms = (field(body, "telecom", "array", "Patient.telecom") as FhirBody[] | undefined) ?? [];
  const phoneIndex = telecoms.findIndex((t) => t && (t.system === "phone" || t.system === "sms") && typeof t.value === "string");
  if (phoneIndex !== -1) {
    // A mainland mobile number, as HIS systems write it: spaces, dashes or +86 around it are dropped.
    person.phone = String(telecoms[phoneIndex]?.value)
      .replace(/[\s-]/g, "")
      .replace(/^(\+86|0086)/, "");
    paths.push(["phone", `Patient.telecom[${phoneIndex}].value`]);
  }
  const addresses = (field(body, "address", "array", "Patient.address") as FhirBody[] | undefined) ?? [];
  addresses.forEach((address, i) => {
    if (person.homeCounty !== undefined || !address || !Array.isArray(address.extension)) return;
    const j = (address.extension as FhirBody[]).findIndex((e) => e?.url === REGION_CODE_EXTENSION);
    if (j === -1) return;
    person.homeCounty = (address.extension as FhirBody[])[j]?.valueCode;
    paths.push(["homeCounty", `Patient.address[${i}].extension[${j}].valueCode`]);
  });
  return { person, paths, ...(localId !== undefined && { localId }) };
}

/**
 * POST Patient: the person is found in the patient index by the keyed hash of their ID number, or
 * indexed (indexPatient); a person without one gets a local identifier — unless the Patient carries
 * the local identifier MedBridge gave them, which finds that record. The answer is the record's id
 * and version with the person as the caller sent them: the index keeps the name and birth date as
 * first given, and shows them to an institution once it treats the person.
 */
async function createPatient(ctx: FhirContext, body: FhirBody): Promise<Patient> {
  if (!ctx.principal.institutionId) throw new FhirError(403, [issue("forbidden", "Only staff of an institution take patients in")]);
  const { person, paths, localId } = personOf(body);
  return withPaths(paths, "Patient", async () => {
    const validate = compiled(PatientInput);
    if (!validate(person)) throw invalid(toFieldErrors(validate.errors ?? []));
    const checked = person as Person;
    const problems = personProblems(checked, ctx.now());
    if (checked.homeCounty) problems.push(...(await homeCountyProblems(ctx.db, checked.homeCounty, "homeCounty")));
    if (problems.length) throw invalid(problems);
    return inInteraction(ctx, async (tx) => {
      let id: string;
      if (localId !== undefined && !checked.idNumber) {
        const [known] = LOCAL_ID.test(localId) ? await tx.select({ id: patients.id }).from(patients).where(eq(patients.localId, localId)) : [];
        const live = known ? await livePatientId(tx, known.id) : null;
        if (!live) throw new FhirError(400, [issue("not-found", "MedBridge gave no person this local identifier", "Patient.identifier")]);
        id = live;
      } else id = await indexPatient(tx, ctx.config, checked);
      // The audit entry rides with the read of the record: one round trip.
      const entry = auditInsert(tx, ctx.actor, [{ action: "create", entity: "patient", entityId: id }]).getSQL();
      const [row] = await tx.with(tx.$with("audit_entry", {}).as(entry)).select(patientColumns).from(patients).where(eq(patients.id, id));
      if (!row) throw new FhirError(404, [issue("not-found", `Patient/${id} not found`)]);
      // Later entries of the same Bundle refer to this person without reading them back.
      ctx.bundle?.people.set(id, checked);
      // What the caller sent, on the record's id and version: nothing of what others recorded about the person.
      return toPatient({
        ...row,
        name: checked.name.trim(),
        sex: checked.sex,
        birthDate: checked.birthDate,
        phone: checked.phone ?? null,
        homeCounty: checked.homeCounty ?? null,
        countyName: checked.homeCounty && checked.homeCounty === row.homeCounty ? row.countyName : null,
      });
    });
  });
}

export const patientResource: ResourceDef = {
  type: "Patient",
  entity: "patient",
  // Taking a patient in is part of referring them: whoever may refer may index the person.
  writeAccess: ["write", "referral"],
  documentation:
    "A person of the patient index: the resident ID card (urn:oid:2.16.156.10011.1.3) masked as the REST API shows it, or MedBridge's local identifier. Read and found (identifier, _id) by the institutions that treated the person, each read audited; created by those who refer patients (found by the keyed hash of the ID number, or indexed).",
  read: async (ctx, id) => {
    await requireAccessTo(ctx.db, ctx.principal, "read", "patient", [id]);
    const [row] = await auditedRows(ctx, [id], null);
    if (!row) throw new FhirError(404, [issue("not-found", `Patient/${id} not found`)]);
    return toPatient(row);
  },
  search: {
    params: [
      {
        name: "identifier",
        type: "token",
        documentation: `${RESIDENT_ID_SYSTEM}|<18-character ID number> (found by its keyed hash, never stored in clear), or ${LOCAL_ID_SYSTEM}|MB-…`,
      },
    ],
    run: searchPatients,
  },
  create: (ctx, body) => createPatient(ctx, body as FhirBody),
};
