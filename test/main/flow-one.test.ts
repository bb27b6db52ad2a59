// The main job's narrated flow must end with every party in agreement, with either crypto provider.
import { describe, expect, it } from "vitest";
import { runFlowOne } from "../../properties/demo/flow-one.js";

describe("npm start: flow 1 narration", () => {
  for (const provider of ["node", "default"] as const)
    it(`ends in agreement with the ${provider} provider`, async () => {
      const { lines, agreed } = await runFlowOne(provider);
      expect(agreed).toBe(true);
      expect(lines.filter((l) => l.includes("→")).map((l) => l.split("→ ")[1])).toEqual(["success", "success", "accepted"]);
    });
});
