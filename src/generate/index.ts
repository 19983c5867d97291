// generate: one validated Config in, the caller and provider policies, named values and setup script out.
// Pure and deterministic (same config, same bytes); writing and drift checking are separate functions.
import type { Config } from "../config/types.js";
import type { Finding } from "../lint/index.js";
import { layoutFiles } from "./layout.js";
import { namedValuesOf, type Owner } from "./named-values.js";
import { selfCheck } from "./self-check.js";
import { render } from "./templates.js";
import { callerView, providerView, setupView } from "./view-models.js";

export { NAMED_VALUE_NAMES, type NamedValue, type Owner } from "./named-values.js";
export { GenerateError } from "./self-check.js";
export { checkGenerated, type Drift, staleFiles, writeGenerated } from "./write.js";

export type Layout = "plain" | "apiops";

export interface GenerateOptions {
  layout: Layout;
}

/** Which APIM service (and scope) a generated file belongs to. */
export interface GeneratedTarget {
  owner: Owner;
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
  /** For policies. */
  scope?: "api" | "operation";
  apiId?: string;
  operationId?: string;
  /** For an APIOps named value file. */
  namedValue?: string;
}

export interface GeneratedFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string;
  kind: "policy" | "named-values" | "script" | "other";
  target?: GeneratedTarget;
}

/** A rendered policy before it is placed in a layout. */
export interface RenderedPolicy {
  owner: Owner;
  content: string;
  target: GeneratedTarget;
}

/**
 * Renders everything for a config. The policies are parsed and linted first: a parse problem or a lint error
 * throws GenerateError (nothing is returned, so nothing can be written).
 */
export function generate(config: Config, opts: GenerateOptions): GeneratedFile[] {
  return generateWithFindings(config, opts).files;
}

/** generate, plus the lint findings below error level (warn, info) on the generated policies, for display. */
export function generateWithFindings(
  config: Config,
  opts: GenerateOptions,
): { files: GeneratedFile[]; findings: Finding[] } {
  const p = config.provider;
  const policies: RenderedPolicy[] = [
    {
      owner: "provider",
      content: render("provider.xml", providerView(config)),
      target: {
        owner: "provider",
        tenantId: p.tenantId,
        subscriptionId: p.subscriptionId,
        resourceGroup: p.resourceGroup,
        serviceName: p.serviceName,
        scope: p.operationId ? "operation" : "api",
        apiId: p.apiId,
        ...(p.operationId ? { operationId: p.operationId } : {}),
      },
    },
    ...config.callers.map(
      (c): RenderedPolicy => ({
        owner: `caller:${c.name}`,
        content: render("caller.xml", callerView(config, c)),
        target: {
          owner: `caller:${c.name}`,
          tenantId: c.tenantId,
          subscriptionId: c.subscriptionId,
          resourceGroup: c.resourceGroup,
          serviceName: c.serviceName,
          scope: "api",
          apiId: c.apiId,
        },
      }),
    ),
  ];
  const namedValues = config.namedValues === false ? [] : namedValuesOf(config, policies);
  const setup = render("setup.sh", setupView(config));
  const files = layoutFiles(opts.layout, policies, namedValues, setup);
  const { findings } = selfCheck(config, files);
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), findings };
}
