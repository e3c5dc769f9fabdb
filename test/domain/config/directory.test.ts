import { describe, expect, it } from "vitest";
import { DirectoryIndex, hasRole, parseDirectory } from "../../../src/domain/config/directory";

const directory = new DirectoryIndex(
  parseDirectory({
    branch: { name: "扬州分公司", hotline: "0514-8000000" },
    zones: [
      { id: "east", name: "城东", keywords: ["东关"], courier: "zhang" },
      { id: "old", name: "老城", keywords: ["东关街"], courier: "sun", driver: "zhao" },
    ],
    people: [
      { id: "wang", name: "王芳", workNo: "017", roles: ["agent"], telegramId: 2001, slackId: "U0WANG" },
      { id: "zhang", name: "张伟", roles: ["courier"], telegramId: 2003, phone: "13800000003" },
      { id: "sun", name: "孙丽", roles: ["courier", "agent"] },
      { id: "zhao", name: "赵刚", roles: ["driver"] },
    ],
  }),
);

describe("directory", () => {
  it("finds people by Telegram and Slack id; anyone else is a customer", () => {
    expect(directory.byTelegramId(2001)?.id).toBe("wang");
    expect(directory.bySlackId("U0WANG")?.id).toBe("wang");
    expect(directory.byTelegramId(9999)).toBeUndefined();
  });

  it("SOP-80: finds a person by work number, exactly as written; with a role, the first who has it", () => {
    expect(directory.byWorkNo("017")?.id).toBe("wang");
    expect(directory.byWorkNo("17")).toBeUndefined();
    expect(directory.byWorkNo("017", "courier")).toBeUndefined();
    const shared = new DirectoryIndex(
      parseDirectory({
        branch: { name: "扬州分公司", hotline: "0514-8000000" },
        people: [
          { id: "wang", name: "王芳", workNo: "105", roles: ["agent"] },
          { id: "zhang", name: "张伟", workNo: "105", roles: ["courier"] },
        ],
      }),
    );
    expect(shared.byWorkNo("105")?.id).toBe("wang");
    expect(shared.byWorkNo("105", "courier")?.id).toBe("zhang");
    // A reload replaces the index with the directory: the old work number is gone.
    shared.replace(parseDirectory({ branch: { name: "扬州分公司", hotline: "0514-8000000" } }));
    expect(shared.byWorkNo("105")).toBeUndefined();
  });

  it("lists people by role, a person with several roles in each", () => {
    expect(directory.withRole("agent").map((p) => p.id)).toEqual(["wang", "sun"]);
    expect(hasRole(directory.person("sun"), "courier")).toBe(true);
    expect(hasRole(undefined, "agent")).toBe(false);
  });

  it("SOP-20: places an address in the zone of its longest matching keyword", () => {
    expect(directory.zoneForAddress("东关街 12 号")?.id).toBe("old");
    expect(directory.zoneForAddress("东关路 5 号")?.id).toBe("east");
    expect(directory.zoneForAddress("文昌路 88 号")).toBeUndefined();
  });

  it("SOP-24: gives the zone's courier and driver", () => {
    const zone = directory.zoneForAddress("东关街 1 号");
    expect(zone && directory.courierOf(zone)?.id).toBe("sun");
    expect(zone && directory.driverOf(zone)?.id).toBe("zhao");
  });
});
