-- Driven by neovim.test.ts: headless Neovim (0.7: vim.lsp.start_client + buf_attach_client) opens a policy, waits
-- for apimkit's diagnostics, asks for completion after `context.`, applies the quick fix of base-missing and waits
-- for the diagnostics to follow. Everything it saw goes to the JSON file named by APIMKIT_NVIM_OUT.
local out_file = os.getenv("APIMKIT_NVIM_OUT")
local policy = os.getenv("APIMKIT_NVIM_POLICY")
local result = { steps = {} }

local function finish()
  local f = io.open(out_file, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(policy))
  local bufnr = vim.api.nvim_get_current_buf()
  local published = 0
  local client_id = vim.lsp.start_client({
    name = "apimkit",
    cmd = { os.getenv("APIMKIT_NODE"), os.getenv("APIMKIT_BIN"), "lsp", "--stdio" },
    root_dir = vim.fn.fnamemodify(policy, ":h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(e, res, ctx, config)
        published = published + 1
        vim.lsp.diagnostic.on_publish_diagnostics(e, res, ctx, config)
      end,
    },
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)
  assert(vim.wait(15000, function() return published > 0 end, 20), "no diagnostics")
  table.insert(result.steps, "diagnostics")

  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, source = d.source })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  -- The cursor right after `context.` (0-based line and character, as LSP counts them).
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local line, col
  for i, l in ipairs(lines) do
    local s, e = string.find(l, "context.", 1, true)
    if s then line, col = i - 1, e break end
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local completion = client.request_sync("textDocument/completion",
    { textDocument = { uri = uri }, position = { line = line, character = col } }, 10000, bufnr)
  assert(completion and completion.result, "no completion answer")
  local items = completion.result.items or completion.result
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  table.insert(result.steps, "completion")

  local base
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, 1)) do
    if d.code == "base-missing" then base = d end
  end
  assert(base, "no base-missing diagnostic on line 2")
  local actions = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri }, range = base.range, context = { diagnostics = { base } },
  }, 10000, bufnr)
  assert(actions and actions.result, "no code action answer")
  local fix
  for _, a in ipairs(actions.result) do if a.isPreferred then fix = a end end
  assert(fix, "no quick fix")
  result.fix = fix.title
  local before = published
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  assert(vim.wait(15000, function() return published > before end, 20), "no diagnostics after the fix")
  result.after = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.after, d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code)
  end
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  table.insert(result.steps, "fix")
  client.stop()
end)
if not ok then result.error = tostring(err) end
finish()
