// Well-known .NET types that APIM does not allow in policy expressions: none is on the allow-list (§2.1 of the
// runtime reference), and each is what someone would reach for to touch the gateway's machine, the network or the
// runtime. Listing them lets the checker say "not allowed" with certainty; a type that is neither here nor in the
// model is simply unknown, and nothing is said about it.
//
// System.Xml's XmlDocument and XmlReader appear in two of the published policy snippets (the corpus' snippets/
// examples), but the docs' list does not have them, and those snippets were not all compiled as written (the SAS
// one passes a string to DateTime.AddSeconds, three blob ones call MatchedParameters like a method): the docs decide.
import type { DeniedTypeData } from "./model.js";

const SOURCE = "doc D-EXPR (not on the allowed-types list)";

export const DENIED_TYPES: readonly DeniedTypeData[] = [
  { ns: "System.IO", name: "File", note: "the gateway's file system", source: SOURCE },
  { ns: "System.IO", name: "FileInfo", note: "the gateway's file system", source: SOURCE },
  { ns: "System.IO", name: "Directory", note: "the gateway's file system", source: SOURCE },
  { ns: "System.IO", name: "DirectoryInfo", note: "the gateway's file system", source: SOURCE },
  { ns: "System.IO", name: "Path", note: "file system paths", source: SOURCE },
  { ns: "System.IO", name: "Stream", note: "streams (use Body.As<T>())", source: SOURCE },
  { ns: "System.IO", name: "MemoryStream", note: "streams (use Body.As<T>())", source: SOURCE },
  { ns: "System.IO", name: "FileStream", note: "the gateway's file system", source: SOURCE },
  { ns: "System.IO", name: "StreamReader", note: "streams (use Body.As<string>())", source: SOURCE },
  { ns: "System.IO", name: "StreamWriter", note: "streams", source: SOURCE },
  { ns: "System.Net.Http", name: "HttpClient", note: "outbound HTTP (use send-request)", source: SOURCE },
  { ns: "System.Net.Http", name: "HttpRequestMessage", note: "outbound HTTP (use send-request)", source: SOURCE },
  { ns: "System.Net.Http", name: "HttpResponseMessage", note: "outbound HTTP (use send-request)", source: SOURCE },
  { ns: "System.Net", name: "WebClient", note: "outbound HTTP (use send-request)", source: SOURCE },
  { ns: "System.Net", name: "WebRequest", note: "outbound HTTP (use send-request)", source: SOURCE },
  { ns: "System.Net", name: "HttpWebRequest", note: "outbound HTTP (use send-request)", source: SOURCE },
  { ns: "System.Net", name: "Dns", note: "name resolution", source: SOURCE },
  { ns: "System.Net.Sockets", name: "Socket", note: "raw network access", source: SOURCE },
  { ns: "System.Net.Sockets", name: "TcpClient", note: "raw network access", source: SOURCE },
  { ns: "System", name: "Environment", note: "the gateway's process environment", source: SOURCE },
  { ns: "System", name: "Console", note: "the gateway's console (use trace)", source: SOURCE },
  { ns: "System", name: "AppDomain", note: "the runtime", source: SOURCE },
  { ns: "System", name: "Activator", note: "reflection", source: SOURCE },
  { ns: "System", name: "Type", note: "reflection", source: SOURCE },
  { ns: "System", name: "GC", note: "the runtime", source: SOURCE },
  { ns: "System.Diagnostics", name: "Process", note: "other processes", source: SOURCE },
  { ns: "System.Reflection", name: "Assembly", note: "reflection", source: SOURCE },
  { ns: "System.Threading", name: "Thread", note: "threads", source: SOURCE },
  { ns: "System.Threading.Tasks", name: "Task", note: "asynchronous work", source: SOURCE },
  { ns: "System.Runtime.InteropServices", name: "Marshal", note: "unmanaged memory", source: SOURCE },
  { ns: "System.Xml", name: "XmlDocument", note: "the XML DOM (use XDocument / XElement)", source: SOURCE },
  { ns: "System.Xml", name: "XmlReader", note: "the XML reader (use XDocument / XElement)", source: SOURCE },
  { ns: "System.Xml", name: "XmlWriter", note: "the XML writer (use XDocument / XElement)", source: SOURCE },
];
