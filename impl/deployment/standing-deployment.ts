// A standing MIMI deployment a person can poke at: the hub's provider and two followers as HTTPS servers
// on loopback with mutual TLS, their CA and an operator's certificate written to a directory, and the
// operator's console (console-server.ts) through which the MIMI client command drives the users' devices.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cipherSuite } from "../mls/crypto/suite.js";
import { MimiSystem } from "../system/mimi-system.js";
import { endpointPath, DIRECTORY_PATH } from "../transport/directory.js";
import { HttpsNetwork } from "../transport/https-network.js";
import { createProviderCertificates } from "../transport/tls-certificates.js";
import { ConsoleOperations } from "./console-operations.js";
import { ConsoleServer } from "./console-server.js";

/** The domain of the operator's certificate: a party outside the deployment's providers. */
export const OPERATOR_DOMAIN = "operator.example";
/** The domain the console's server certificate names. */
export const CONSOLE_DOMAIN = "console.example";
/** The file a deployment writes its ports and files to, in its directory. */
export const DESCRIPTOR_FILE = "deployment.json";

/** What a deployment wrote for its users (deployment.json). */
export interface DeploymentDescriptor {
  readonly hub: string;
  readonly followers: readonly string[];
  /** Each provider's HTTPS port on 127.0.0.1. */
  readonly ports: Readonly<Record<string, number>>;
  readonly consolePort: number;
  /** PEM files: the CA, and the operator's certificate and key. */
  readonly files: { readonly ca: string; readonly cert: string; readonly key: string };
}

export interface DeploymentOptions {
  readonly hubDomain?: string;
  readonly followerDomains?: readonly string[];
}

export class StandingDeployment {
  private constructor(
    readonly system: MimiSystem,
    readonly network: HttpsNetwork,
    private readonly console: ConsoleServer,
    readonly descriptor: DeploymentDescriptor,
  ) {}

  /** Starts everything and writes the CA, the operator's certificate and key, and deployment.json to `dir`. */
  static async start(dir: string, options: DeploymentOptions = {}): Promise<StandingDeployment> {
    const hub = options.hubDomain ?? "a.example";
    const followers = options.followerDomains ?? ["b.example", "c.example"];
    const domains = [hub, ...followers];
    const certificates = await createProviderCertificates([...domains, OPERATOR_DOMAIN, CONSOLE_DOMAIN], "MIMI standing deployment CA");
    const network = await HttpsNetwork.start(domains, { certificates });
    const system = await MimiSystem.create({ hubDomain: hub, followerDomains: [...followers], cs: await cipherSuite("node"), https: network });
    const consoleServer = await ConsoleServer.start(new ConsoleOperations(system), certificates, CONSOLE_DOMAIN);

    mkdirSync(dir, { recursive: true });
    const files = { ca: join(dir, "ca.pem"), cert: join(dir, "operator.pem"), key: join(dir, "operator-key.pem") };
    const operator = certificates.providers.get(OPERATOR_DOMAIN)!;
    writeFileSync(files.ca, certificates.ca.certPem);
    writeFileSync(files.cert, operator.certPem);
    writeFileSync(files.key, operator.keyPem, { mode: 0o600 });
    const descriptor: DeploymentDescriptor = {
      hub,
      followers,
      ports: Object.fromEntries(domains.map((d) => [d, network.port(d)])),
      consolePort: consoleServer.port,
      files,
    };
    writeFileSync(join(dir, DESCRIPTOR_FILE), JSON.stringify(descriptor, null, 2) + "\n");
    return new StandingDeployment(system, network, consoleServer, descriptor);
  }

  /** Command lines a person can paste: the directory, a garbage body, a lying From, the console. */
  curlLines(): string[] {
    const { hub, ports, files, consolePort } = this.descriptor;
    const base = (domain: string, port: number) => `curl -sS --cacert ${files.ca} --cert ${files.cert} --key ${files.key} --resolve ${domain}:${port}:127.0.0.1`;
    const hubUrl = `https://${hub}:${ports[hub]}`;
    const room = `mimi://${hub}/r/clubhouse`;
    return [
      `# the hub's directory (protocol §5.1)`,
      `${base(hub, ports[hub]!)} -H 'From: mimi@${OPERATOR_DOMAIN}' ${hubUrl}${DIRECTORY_PATH}`,
      `# a body that does not decode: 400`,
      `${base(hub, ports[hub]!)} -H 'From: mimi@${OPERATOR_DOMAIN}' -o /dev/null -w '%{http_code}\\n' --data-binary garbage ${hubUrl}${endpointPath("update", room)}`,
      `# a From the certificate does not authenticate: 403`,
      `${base(hub, ports[hub]!)} -H 'From: mimi@${this.descriptor.followers[0]}' -w '\\n%{http_code}\\n' --data-binary garbage ${hubUrl}${endpointPath("update", room)}`,
      `# the operator's console: what every party sees of the room`,
      `${base(CONSOLE_DOMAIN, consolePort)} --data '{"op":"show","room":"clubhouse"}' https://${CONSOLE_DOMAIN}:${consolePort}/console`,
    ];
  }

  async close(): Promise<void> {
    await this.console.close();
    await this.network.close();
  }
}
