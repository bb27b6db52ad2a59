// preauth_list component (suggested 0x0026), draft-ietf-mimi-room-policy §4 (digest §3.5):
//   struct { CredentialType credential_type; opaque id<V>; } ClaimId;      (CredentialType = uint16)
//   struct { ClaimId claim_id; opaque claim_value<V>; } Claim;
//   struct { Claim claimset<V>; Role target_role; } PreAuthRoleEntry;
//   struct { PreAuthRoleEntry preauthorized_entries<V>; } PreAuthData;      (PreAuthUpdate: the same, a full replacement)
// The draft's target_role is a whole Role (digest §8 q.23). This project writes the draft's struct but
// reads only its role_index, a reference to the roles_list entry: every other field of the Role MUST be
// empty (name, description, capabilities, constraints 0 or absent, no role changes), so that a role has
// one encoding here and the preauth list cannot carry a second, diverging definition of a role. A Role
// with any other field set is `invalidValue`.
import { CodecError } from "./codec-error.js";
import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import { readRole, writeRole, type Role } from "./roles.js";
import type { Writer } from "./writer.js";

export interface ClaimId {
  /** MLS CredentialType (uint16) the claim is read from. */
  credentialType: number;
  id: Uint8Array;
}

export interface Claim {
  claimId: ClaimId;
  claimValue: Uint8Array;
}

export interface PreAuthRoleEntry {
  claimset: Claim[];
  /** The target role, by its index in roles_list (the Role on the wire carries nothing else). */
  targetRoleIndex: number;
}

export interface PreAuthData {
  preauthorizedEntries: PreAuthRoleEntry[];
}

/** The Role a preauth entry writes for `roleIndex`: the index, every other field empty. */
export function roleReference(roleIndex: number): Role {
  return {
    roleIndex,
    roleName: "",
    roleDescription: "",
    roleCapabilities: [],
    minimumParticipantsConstraint: 0,
    maximumParticipantsConstraint: undefined,
    minimumActiveParticipantsConstraint: 0,
    maximumActiveParticipantsConstraint: undefined,
    authorizedRoleChanges: [],
  };
}

function isRoleReference(role: Role): boolean {
  return (
    role.roleName === "" &&
    role.roleDescription === "" &&
    role.roleCapabilities.length === 0 &&
    role.minimumParticipantsConstraint === 0 &&
    role.maximumParticipantsConstraint === undefined &&
    role.minimumActiveParticipantsConstraint === 0 &&
    role.maximumActiveParticipantsConstraint === undefined &&
    role.authorizedRoleChanges.length === 0
  );
}

function writeClaim(w: Writer, claim: Claim): void {
  w.uint16(claim.claimId.credentialType);
  w.opaque(claim.claimId.id);
  w.opaque(claim.claimValue);
}

function readClaim(r: Reader): Claim {
  const credentialType = r.uint16();
  const id = r.opaque();
  const claimValue = r.opaque();
  return { claimId: { credentialType, id }, claimValue };
}

function writeEntry(w: Writer, entry: PreAuthRoleEntry): void {
  w.vector(entry.claimset, writeClaim);
  writeRole(w, roleReference(entry.targetRoleIndex));
}

function readEntry(r: Reader): PreAuthRoleEntry {
  const claimset = r.vector(readClaim);
  const role = readRole(r);
  if (!isRoleReference(role)) {
    throw new CodecError("invalidValue", `PreAuthRoleEntry target_role ${role.roleIndex} carries more than its role_index`);
  }
  return { claimset, targetRoleIndex: role.roleIndex };
}

export function writePreAuthData(w: Writer, data: PreAuthData): void {
  w.vector(data.preauthorizedEntries, writeEntry);
}

export function readPreAuthData(r: Reader): PreAuthData {
  return { preauthorizedEntries: r.vector(readEntry) };
}

export function encodePreAuthData(data: PreAuthData): Uint8Array {
  return encodeWith(writePreAuthData, data);
}

export function decodePreAuthData(bytes: Uint8Array): PreAuthData {
  return decodeExact(bytes, readPreAuthData, "PreAuthData");
}
