// A real HTTP server on loopback serving assets, and traps a proxy must never reach: /secret (what an
// open proxy would leak), redirects, an oversized answer with and without its length, and one that never ends.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const ASSET = new TextEncoder().encode("the asset's encrypted octets");
export const SECRET = new TextEncoder().encode("internal only");

export interface AssetServer {
  readonly port: number;
  /** `Host` header and path of every request received, in order. */
  readonly requests: { host: string; path: string }[];
  close(): Promise<void>;
}

export async function startAssetServer(bigBytes: number): Promise<AssetServer> {
  const requests: { host: string; path: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ host: req.headers.host ?? "", path: req.url ?? "" });
    const port = (server.address() as AddressInfo).port;
    switch (req.url) {
      case "/asset":
        return res.writeHead(200, { "content-length": ASSET.length }).end(ASSET);
      case "/secret":
        return res.writeHead(200).end(SECRET);
      case "/redirect-out":
        return res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
      case "/redirect-in":
        return res.writeHead(301, { location: `http://assets.b.example:${port}/asset` }).end();
      case "/big":
        return res.writeHead(200, { "content-length": bigBytes }).end(new Uint8Array(bigBytes));
      case "/big-unannounced": {
        res.writeHead(200);
        for (let i = 0; i < 4; i++) res.write(new Uint8Array(bigBytes / 2));
        return res.end();
      }
      case "/slow":
        res.writeHead(200);
        res.write("a beginning, and then nothing");
        return; // never ends: the proxy's timeout must
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
