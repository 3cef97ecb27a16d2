-- Drives Neovim as a user would, after the README's configuration has been loaded: waits for
-- the language server's diagnostics on the open pyproject.toml, applies the preferred quick
-- fix, waits for the diagnostics to clear, and writes what it saw as JSON to $PPL_RESULT.
-- Works on Neovim 0.7 to 0.11 (no API newer than 0.7 is used).
local out = os.getenv("PPL_RESULT")
local clock = vim.uv or vim.loop
local result = { version = vim.fn.execute("version"):match("NVIM v[%w%.%-%+]+") }
local buf = vim.api.nvim_get_current_buf()

local function finish()
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

local ok = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 10)
result.first_diagnostics_ns = clock.hrtime()
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(result.diagnostics, {
    code = d.code or lsp.code, severity = d.severity, source = d.source,
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    range = lsp.range, href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
  })
end
if not ok then
  result.error = "no diagnostics within 30 s"
  return finish()
end

local clients = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
local client = clients[1]
local first = vim.diagnostic.get(buf)[1]
-- Neovim 0.7 keeps no LSP range with a diagnostic: the finding's line is ASCII, so its
-- byte columns are its UTF-16 columns.
local lsp_diagnostic = first.user_data and first.user_data.lsp or {}
local range = lsp_diagnostic.range or {
  start = { line = first.lnum, character = first.col },
  ["end"] = { line = first.end_lnum, character = first.end_col },
}
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = range,
  context = { diagnostics = lsp_diagnostic.range and { lsp_diagnostic } or {} },
}
local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
result.actions = {}
local chosen
for _, answer in pairs(answers) do
  for _, action in ipairs(answer.result or {}) do
    table.insert(result.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred })
    if action.isPreferred and chosen == nil then chosen = action end
  end
end
if chosen == nil then
  result.error = "no preferred quick fix"
  return finish()
end
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
result.cleared = vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 10)
result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
finish()
