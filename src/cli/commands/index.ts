// The command list. Each helper adds its own module here (one line each).
import type { CliCommand } from "../command.js";
import { doctorCommand } from "./doctor.js";
import { effectiveCommand } from "./effective.js";
import { explainTokenCommand } from "./explain-token.js";
import { generateCommand } from "./generate.js";
import { initCommand } from "./init.js";
import { lintCommand } from "./lint.js";
import { lspCommand } from "./lsp.js";
import { parseCommand } from "./parse.js";
import { publishCommand } from "./publish.js";
import { rulesCommand } from "./rules.js";
import { testCommand } from "./test.js";

export const commands: CliCommand<never>[] = [parseCommand as CliCommand<never>];
commands.push(explainTokenCommand as CliCommand<never>);
commands.push(doctorCommand as CliCommand<never>);
commands.push(lintCommand as CliCommand<never>);
commands.push(publishCommand as CliCommand<never>);
commands.push(initCommand as CliCommand<never>);
commands.push(generateCommand as CliCommand<never>);
commands.push(effectiveCommand as CliCommand<never>);
commands.push(testCommand as CliCommand<never>);
commands.push(lspCommand as CliCommand<never>);
commands.push(rulesCommand as CliCommand<never>);
