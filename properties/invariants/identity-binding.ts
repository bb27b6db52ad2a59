// P19: every member is who its credential says (digest §6 "MIMI identity", §7 B14; RFC 9420 §5.3.3;
// protocol §5.6). In the hub's tree and in every client's tree of the room:
//   (a) every leaf's credential names a mimi client URI, and no two leaves name the same client;
//   (b) no leaf naming client C carries a signature key that another client D of the deployment generated
//       (D holds its private half): D would then sit in the group under C's name, an impostor.
// The ground truth of (b) is the deployment's, not the protocol's: each client knows the keys it made
// (MimiClient.signatureKeysHeld). A key no client made (one a provider minted for its own user) is not an
// impostor's: with basic credentials a provider is authoritative for its own users' credentials, and H0
// already ties every joiner and committer to the provider that speaks for it.
// Under x509 credentials, also:
//   (c) every leaf's certificate was issued by the provider authoritative for its user: the CA the
//       deployment configured for the domain of the user it names (issuer name and signature);
//   (d) every leaf's user (the certificate's user URI) is the client's own user, and one the view's own
//       participant list names.
// (c) and (d) read the certificates with Node's own X.509 parser, not with the library the implementation
// validates with (impl/identity/credential-validation.ts), so a defect there is not shared here.
import { X509Certificate } from "node:crypto";
import { treeMembers } from "../../impl/mls/client-credential.js";
import { domainOf, userOfClient } from "../../impl/identity/mimi-uri.js";
import { roomComponentsOf } from "../../impl/mls/room-components.js";
import { bytesToBase64, type Extension, type RatchetTree } from "ts-mls";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

/** `holderOf`: each signature public key (base64) a client of the deployment generated, with that client. */
function identityBreach(who: string, tree: RatchetTree, holderOf: ReadonlyMap<string, string>): string | undefined {
  const seen = new Set<string>();
  for (const m of treeMembers(tree)) {
    if (seen.has(m.client)) return `${who} holds two leaves naming ${m.client}`;
    seen.add(m.client);
    const node = tree[leafToNodeIndex(toLeafIndex(m.leafIndex))];
    if (node?.nodeType !== "leaf") continue;
    const holder = holderOf.get(bytesToBase64(node.leaf.signaturePublicKey));
    if (holder !== undefined && holder !== m.client) return `${who}'s leaf ${m.leafIndex} names ${m.client} but carries ${holder}'s signature key`;
  }
  const unnamed = tree.filter((n, i) => i % 2 === 0 && n?.nodeType === "leaf").length - seen.size;
  return unnamed > 0 ? `${who} holds ${unnamed} leaf(s) whose credential names no client` : undefined;
}

/** The subjectAltName URIs of a certificate, as Node prints them ("URI:mimi://…, URI:mimi://…"). */
function urisOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? "").split(", ").flatMap((n) => (n.startsWith("URI:") ? [n.slice(4)] : []));
}

/** Whether a certificate (DER) is issued by an anchor (DER), by name and signature: pure, so remembered. */
const issuedBy = new Map<string, boolean>();
const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");

/** A certificate read from DER, or undefined; remembered by the bytes' object (a tree's leaves recur). */
const certificates = new WeakMap<Uint8Array, X509Certificate | null>();
function certificateOf(der: Uint8Array | undefined): X509Certificate | undefined {
  if (der === undefined) return undefined;
  const known = certificates.get(der);
  if (known !== undefined) return known ?? undefined;
  let cert: X509Certificate | null = null;
  try {
    cert = new X509Certificate(der);
  } catch {
    cert = null;
  }
  certificates.set(der, cert);
  return cert ?? undefined;
}

/** (c) and (d) on one view's tree: `anchors` are the deployment's CA certificates by domain. */
function issuanceBreach(who: string, tree: RatchetTree, extensions: Extension[], anchors: ReadonlyMap<string, X509Certificate>): string | undefined {
  const listed = new Set(roomComponentsOf(extensions)?.participants.participants.map((p) => p.user) ?? []);
  for (const m of treeMembers(tree)) {
    const node = tree[leafToNodeIndex(toLeafIndex(m.leafIndex))];
    if (node?.nodeType !== "leaf" || node.leaf.credential.credentialType !== "x509") return `${who}'s leaf ${m.leafIndex} (${m.client}) carries no X.509 credential`;
    const der = node.leaf.credential.certificates[0];
    const cert = certificateOf(der);
    if (der === undefined || cert === undefined) return `${who}'s leaf ${m.leafIndex} (${m.client}) carries no readable certificate`;
    const user = userOfClient(m.client);
    const domain = user === undefined ? undefined : domainOf(user);
    const anchor = domain === undefined ? undefined : anchors.get(domain);
    const pair = anchor === undefined ? "" : `${b64(der)}|${b64(anchor.raw)}`;
    if (anchor !== undefined && !issuedBy.has(pair)) {
      if (issuedBy.size > 100_000) issuedBy.clear();
      issuedBy.set(pair, cert.checkIssued(anchor) && cert.verify(anchor.publicKey));
    }
    if (anchor === undefined || issuedBy.get(pair) !== true)
      return `${who}'s leaf ${m.leafIndex} names ${m.client}, whose certificate was not issued by ${domain ?? "its user's provider"} (issuer ${cert.issuer.replace(/\n/g, ", ")})`;
    const users = urisOf(cert).filter((u) => u.includes("/u/"));
    if (users.length !== 1 || users[0] !== user) return `${who}'s leaf ${m.leafIndex} names ${m.client}, whose certificate names the user ${users.join(", ") || "(none)"}`;
    if (!listed.has(user)) return `${who}'s leaf ${m.leafIndex} is a client of ${user}, whom its participant list does not name`;
  }
  return undefined;
}

export const IDENTITY_BINDING: ImplementationInvariant = {
  id: "P19",
  name: "every member is the client its credential names",
  rule: "digest §6, §7 B14; RFC 9420 §5.3.1, §5.3.3; protocol §5.6 (H14): each leaf names one client, once, and carries no other client's signature key; under x509 its certificate was issued by the provider of its user, whom the participant list names",
  check: ({ impl }) => {
    const clients = impl.system.allClients();
    const holderOf = new Map(clients.flatMap((c) => [...c.signatureKeysHeld()].map((key) => [key, c.uri] as const)));
    const x509 = impl.system.credentials.mode === "x509";
    const anchors = new Map([...impl.system.credentials.trust].flatMap(([d, t]) => {
      const anchor = certificateOf(t.anchor);
      return anchor === undefined ? [] : [[d, anchor] as const];
    }));
    const views: { who: string; tree: RatchetTree; extensions: Extension[] }[] = [];
    const hubView = impl.system.hub.room(impl.roomId)?.view;
    if (hubView !== undefined) views.push({ who: "the hub", tree: hubView.tree, extensions: hubView.groupContext.extensions });
    for (const c of clients) {
      const state = c.session(impl.roomId)?.state;
      if (state !== undefined) views.push({ who: c.uri, tree: state.ratchetTree, extensions: state.groupContext.extensions });
    }
    for (const v of views) {
      // Who vouched for a leaf first: an impostor under a certificate of the wrong provider is reported as that.
      const breach = (x509 ? issuanceBreach(v.who, v.tree, v.extensions, anchors) : undefined) ?? identityBreach(v.who, v.tree, holderOf);
      if (breach !== undefined) return breach;
    }
    return undefined;
  },
};
