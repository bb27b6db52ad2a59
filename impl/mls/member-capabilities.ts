// Every MIMI client must advertise the app_data_dictionary extension and the AppDataUpdate proposal,
// otherwise MLS refuses a GroupContext that carries them (RFC 9420 §12.1.7 / §7.2).
import { defaultCapabilities, type Capabilities } from "ts-mls";
import { EXTENSION_APP_DATA_DICTIONARY, PROPOSAL_APP_DATA_UPDATE } from "../codec/code-points.js";

export function mimiCapabilities(): Capabilities {
  const base = defaultCapabilities();
  return {
    ...base,
    // Only suite 1 is used; listing GREASE and the others would only slow validation.
    ciphersuites: ["MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"],
    extensions: [...base.extensions.filter((e) => e !== EXTENSION_APP_DATA_DICTIONARY), EXTENSION_APP_DATA_DICTIONARY],
    proposals: [...base.proposals, PROPOSAL_APP_DATA_UPDATE],
  };
}
