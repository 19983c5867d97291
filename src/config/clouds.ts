// Per-cloud endpoints: the login host, the ARM endpoint and the token-exchange audience (apim-reference §5).
export type CloudName = "AzureCloud" | "AzureUSGovernment" | "AzureChinaCloud";

export interface Cloud {
  name: CloudName;
  /** Entra login host, e.g. https://login.microsoftonline.com (no trailing slash). */
  loginHost: string;
  /** ARM endpoint, e.g. https://management.azure.com (no trailing slash). */
  armEndpoint: string;
  /** The audience a managed-identity assertion must be issued for (the FIC audience). */
  exchangeAudience: string;
  /** Host suffix of APIM gateways in this cloud. */
  apimGatewaySuffix: string;
  /** Microsoft Graph endpoint (setup.sh's app role assignments), no trailing slash. */
  graphEndpoint: string;
  /** Host of v1 token issuers: iss = {v1IssuerHost}/{tid}/ (US Gov keeps sts.windows.net). */
  v1IssuerHost: string;
  /** Host of v2 token issuers: iss = {v2IssuerHost}/{tid}/v2.0 (China: not the login.chinacloudapi.cn alias). */
  v2IssuerHost: string;
}

// Issuer hosts: learn.microsoft.com/answers/questions/1190472 (token issuers for the sovereign clouds) and the
// Entra national-cloud endpoints page (China's Entra endpoint is login.partner.microsoftonline.cn).

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  AzureCloud: {
    name: "AzureCloud",
    loginHost: "https://login.microsoftonline.com",
    armEndpoint: "https://management.azure.com",
    exchangeAudience: "api://AzureADTokenExchange",
    apimGatewaySuffix: "azure-api.net",
    graphEndpoint: "https://graph.microsoft.com",
    v1IssuerHost: "https://sts.windows.net",
    v2IssuerHost: "https://login.microsoftonline.com",
  },
  AzureUSGovernment: {
    name: "AzureUSGovernment",
    loginHost: "https://login.microsoftonline.us",
    armEndpoint: "https://management.usgovcloudapi.net",
    exchangeAudience: "api://AzureADTokenExchangeUSGov",
    apimGatewaySuffix: "azure-api.us",
    graphEndpoint: "https://graph.microsoft.us",
    v1IssuerHost: "https://sts.windows.net",
    v2IssuerHost: "https://login.microsoftonline.us",
  },
  AzureChinaCloud: {
    name: "AzureChinaCloud",
    loginHost: "https://login.chinacloudapi.cn",
    armEndpoint: "https://management.chinacloudapi.cn",
    exchangeAudience: "api://AzureADTokenExchangeChina",
    apimGatewaySuffix: "azure-api.cn",
    graphEndpoint: "https://microsoftgraph.chinacloudapi.cn",
    v1IssuerHost: "https://sts.chinacloudapi.cn",
    v2IssuerHost: "https://login.partner.microsoftonline.cn",
  },
};

export const EXCHANGE_AUDIENCES: readonly string[] = Object.values(CLOUDS).map((c) => c.exchangeAudience);

export function cloudByName(name: CloudName | undefined): Cloud {
  return CLOUDS[name ?? "AzureCloud"];
}
