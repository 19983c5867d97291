// base-missing follows reachability (issue 14 item 4): backend and outbound are not judged when every path of
// inbound ends in return-response or mock-response; a choose ends only when it has an <otherwise> and every branch
// ends. [U] runtime reference §5.3: the rest of the pipeline is taken as skipped after return-response.
import { describe, expect, it } from "vitest";
import { baseMissing } from "../../rules/base-missing.js";
import { alwaysEnds } from "../../src/lint/analysis/reachability.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { runRule } from "../support/rule-tester.js";

const RETURN = '<return-response><set-status code="403" reason="Forbidden" /></return-response>';

const policy = (inbound: string) => `<policies>
  <inbound>
    <base />
    ${inbound}
  </inbound>
  <backend />
  <outbound />
  <on-error><base /></on-error>
</policies>`;

const cases: { name: string; inbound: string; reported: number[] }[] = [
  { name: "return-response as a statement", inbound: RETURN, reported: [] },
  { name: "mock-response as a statement", inbound: '<mock-response status-code="200" />', reported: [] },
  {
    name: "a choose whose every branch returns, with otherwise",
    inbound: `<choose><when condition="@(true)">${RETURN}</when><otherwise>${RETURN}</otherwise></choose>`,
    reported: [],
  },
  {
    name: "a choose without otherwise (no branch may be taken)",
    inbound: `<choose><when condition="@(true)">${RETURN}</when></choose>`,
    reported: [6, 7],
  },
  {
    name: "a choose with a branch that does not return",
    inbound: `<choose><when condition="@(true)">${RETURN}</when><when condition="@(false)"><set-variable name="a" value="1" /></when><otherwise>${RETURN}</otherwise></choose>`,
    reported: [6, 7],
  },
  {
    name: "nested choose: every path still returns",
    inbound: `<choose><when condition="@(true)"><choose><when condition="@(false)">${RETURN}</when><otherwise>${RETURN}</otherwise></choose></when><otherwise>${RETURN}</otherwise></choose>`,
    reported: [],
  },
  {
    name: "an inbound without any return",
    inbound: '<set-variable name="a" value="1" />',
    reported: [6, 7],
  },
];

describe("base-missing reachability", () => {
  for (const c of cases) {
    it(`${c.name}: reports lines ${JSON.stringify(c.reported)}`, () => {
      const found = runRule(baseMissing, policy(c.inbound), { scope: "operation" });
      expect(found.map((f) => f.line)).toEqual(c.reported);
      for (const f of found) expect(f.ruleId).toBe("base-missing");
    });
  }

  it("still judges on-error: an error before the return runs it", () => {
    const src = policy(RETURN).replace("<on-error><base /></on-error>", "<on-error />");
    expect(runRule(baseMissing, src, { scope: "operation" }).map((f) => f.line)).toEqual([8]);
  });

  it("alwaysEnds reads statement order: a return after other statements still ends", () => {
    const doc = parsePolicy(
      `<fragment><set-header name="a" exists-action="override"><value>1</value></set-header>${RETURN}</fragment>`,
      "f.xml",
    );
    expect(alwaysEnds(doc.root!.children)).toBe(true);
    const none = parsePolicy('<fragment><set-variable name="a" value="1" /></fragment>', "g.xml");
    expect(alwaysEnds(none.root!.children)).toBe(false);
  });
});
